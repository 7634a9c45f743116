/**
 * @module runtime/workspace-calendar
 * The business calendars SLA and wait durations count on.
 * - The workspace's calendar: `settings.calendar` (a business-calendar document), or — without
 *   one — mainland China's: Asia/Shanghai, 09:00–12:00 and 13:00–18:00 on weekdays, the State
 *   Council holidays and make-up working days.
 * - Named calendars (`settings.calendars`), assigned to account records: a customer abroad, a
 *   plant with its own shifts. A record's clocks count on the calendar of its account: the record
 *   itself when it is an assigned account, else an assigned account it references (a reference
 *   field), else the workspace's.
 * Admins edit them here: every save is validated in full and audited.
 */
import {
  type BusinessCalendarInput,
  calendarPort,
  chinaMainlandCalendar,
  createBusinessCalendar,
  parseCalendarTable,
  validateBusinessCalendar,
} from "../calendars/index.ts";
import { DefinitionError, KamError } from "../errors/index.ts";
import type { DurationCalendar } from "../flows/index.ts";
import {
  appendAudit,
  type Db,
  getRecord,
  getWorkspace,
  listAccountCalendars,
  setAccountCalendar,
  setWorkspaceSetting,
} from "../store/index.ts";
import type { Runtime, Trx } from "./context.ts";

/** The calendar of mainland China for the years whose official tables kamflow ships. */
export const defaultCalendar: DurationCalendar = calendarPort(
  createBusinessCalendar(chinaMainlandCalendar()),
);

/** Key of a named calendar: lowercase letters, digits and dashes. */
const CALENDAR_KEY = /^[a-z][a-z0-9-]{0,63}$/;

/** The calendars a workspace's steps count on. */
export interface WorkspaceCalendars {
  readonly standard: DurationCalendar;
  readonly named: ReadonlyMap<string, DurationCalendar>;
  /** Account record id → named calendar key. */
  readonly accounts: ReadonlyMap<string, string>;
}

/**
 * An invalid stored document falls back to the default rather than stopping every flow of the
 * workspace; documents are validated when they are saved.
 */
function portOf(definition: unknown): DurationCalendar | undefined {
  if (definition === undefined) return undefined;
  try {
    return calendarPort(createBusinessCalendar(definition as never));
  } catch {
    return undefined;
  }
}

const namedDocuments = (settings: Record<string, unknown> | undefined) =>
  (settings?.calendars ?? {}) as Record<string, BusinessCalendarInput>;

/** Loads a workspace's calendars and account assignments. */
export async function loadCalendars(trx: Trx, workspaceId: string): Promise<WorkspaceCalendars> {
  const workspace = await getWorkspace(trx, workspaceId);
  const named = new Map<string, DurationCalendar>();
  for (const [key, document] of Object.entries(namedDocuments(workspace?.settings))) {
    const port = portOf(document);
    if (port) named.set(key, port);
  }
  return {
    standard: portOf(workspace?.settings.calendar) ?? defaultCalendar,
    named,
    accounts: named.size > 0 ? await listAccountCalendars(trx, workspaceId) : new Map(),
  };
}

/** The calendar a record's clocks count on (see the module doc). */
export function calendarFor(
  calendars: WorkspaceCalendars,
  record: { readonly id: string; readonly data: Readonly<Record<string, unknown>> } | null,
): DurationCalendar {
  if (!record || calendars.accounts.size === 0) return calendars.standard;
  let key = calendars.accounts.get(record.id);
  if (key === undefined) {
    for (const value of Object.values(record.data)) {
      if (typeof value !== "string") continue;
      key = calendars.accounts.get(value);
      if (key !== undefined) break;
    }
  }
  return (key === undefined ? undefined : calendars.named.get(key)) ?? calendars.standard;
}

/**
 * A calendar document: the workspace's (mainland China's by default), or the named one `key`.
 * @throws KamError RUNTIME_CALENDAR_UNKNOWN for a name the workspace does not have.
 */
export async function calendarDocument(
  db: Db,
  workspaceId: string,
  key?: string,
): Promise<BusinessCalendarInput> {
  const workspace = await getWorkspace(db, workspaceId);
  if (key === undefined) {
    return (
      (workspace?.settings.calendar as BusinessCalendarInput | undefined) ?? chinaMainlandCalendar()
    );
  }
  const named = namedDocuments(workspace?.settings)[key];
  if (named === undefined) throw new KamError("RUNTIME_CALENDAR_UNKNOWN", "/calendar", { key });
  return named;
}

/** Which calendar an admin action is about: the workspace's, or a named one. */
export interface CalendarTarget {
  readonly key?: string;
  readonly actor?: string;
}

/**
 * Saves the workspace's calendar, or the named calendar `key`, after validating it in full
 * (DefinitionError with every issue, nothing written). Durations counted from then on use it.
 */
export async function saveCalendar(
  rt: Runtime,
  workspaceId: string,
  definition: BusinessCalendarInput,
  target: CalendarTarget = {},
): Promise<void> {
  const { key } = target;
  if (key !== undefined && !CALENDAR_KEY.test(key))
    throw new KamError("SHAPE_KEY_INVALID", "/key", { value: key });
  const checked = validateBusinessCalendar(definition);
  if (!checked.ok) throw new DefinitionError(checked.issues);
  await rt.store.transaction(async (trx) => {
    const workspace = await getWorkspace(trx, workspaceId);
    if (key === undefined) {
      await setWorkspaceSetting(trx, { workspaceId, key: "calendar", value: definition });
    } else {
      const calendars = { ...namedDocuments(workspace?.settings), [key]: definition };
      await setWorkspaceSetting(trx, { workspaceId, key: "calendars", value: calendars });
    }
    await appendAudit(trx, {
      workspaceId,
      at: rt.clock.now(),
      actorId: target.actor ?? null,
      action: "calendar.saved",
      entityKind: "workspace",
      entityId: workspaceId,
      after: { calendar: key ?? null, holidays: definition.holidays?.length ?? 0 },
    });
  });
  rt.calendars.invalidate(workspaceId);
}

/**
 * Imports a yearly holiday table (CSV `date,type,name`, see calendars/table) into a calendar:
 * the entries of every year the table covers are replaced by the table's, other years are kept.
 * Returns the saved document.
 */
export async function importCalendarTable(
  rt: Runtime,
  workspaceId: string,
  csv: string,
  target: CalendarTarget = {},
): Promise<BusinessCalendarInput> {
  const parsed = parseCalendarTable(csv);
  if (!parsed.ok) throw new DefinitionError(parsed.issues);
  const years = new Set(
    [...parsed.value.holidays, ...parsed.value.makeUpWorkdays].map((e) => e.date.slice(0, 4)),
  );
  const current = await calendarDocument(rt.store.db, workspaceId, target.key);
  const keep = (entries: readonly { date: string }[] | undefined) =>
    (entries ?? []).filter((e) => !years.has(e.date.slice(0, 4)));
  const next = {
    ...current,
    holidays: [...keep(current.holidays), ...parsed.value.holidays],
    makeUpWorkdays: [...keep(current.makeUpWorkdays), ...parsed.value.makeUpWorkdays],
  } as BusinessCalendarInput;
  await saveCalendar(rt, workspaceId, next, target);
  return next;
}

/** Assigns a named calendar to an account record (`null`: back to the workspace's). */
export async function assignAccountCalendar(
  rt: Runtime,
  workspaceId: string,
  assignment: { readonly recordId: string; readonly calendar: string | null },
  actor: string | null = null,
): Promise<void> {
  await rt.store.transaction(async (trx) => {
    if (assignment.calendar !== null) await calendarDocument(trx, workspaceId, assignment.calendar);
    const record = await getRecord(trx, { workspaceId, id: assignment.recordId });
    if (!record) {
      throw new KamError("STORE_NOT_FOUND", "/recordId", {
        entity: { "zh-CN": "记录", en: "record" },
        id: assignment.recordId,
      });
    }
    await setAccountCalendar(trx, {
      workspaceId,
      recordId: assignment.recordId,
      calendarKey: assignment.calendar,
      now: rt.clock.now(),
    });
    await appendAudit(trx, {
      workspaceId,
      at: rt.clock.now(),
      actorId: actor,
      action: "calendar.assigned",
      entityKind: "record",
      entityId: assignment.recordId,
      after: { calendar: assignment.calendar },
    });
  });
  rt.calendars.invalidate(workspaceId);
}
