/**
 * @module runtime/workspace-calendar
 * The business calendar a workspace's SLA and wait durations count on: `settings.calendar` of the
 * workspace (a business-calendar definition), or — without one — mainland China's: Asia/Shanghai,
 * 09:00–12:00 and 13:00–18:00 on weekdays, the State Council holidays and make-up working days.
 */
import {
  type BusinessCalendarInput,
  calendarPort,
  chinaMainlandCalendar,
  createBusinessCalendar,
  parseCalendarTable,
  validateBusinessCalendar,
} from "../calendars/index.ts";
import { DefinitionError } from "../errors/index.ts";
import type { DurationCalendar } from "../flows/index.ts";
import { appendAudit, type Db, getWorkspace, setWorkspaceSetting } from "../store/index.ts";
import type { Runtime, Trx } from "./context.ts";

/** The calendar of mainland China for the years whose official tables kamflow ships. */
export const defaultCalendar: DurationCalendar = calendarPort(
  createBusinessCalendar(chinaMainlandCalendar()),
);

/**
 * Loads a workspace's calendar. An invalid stored definition falls back to the default rather
 * than stopping every flow of the workspace; settings are validated when they are saved.
 */
export async function loadCalendar(trx: Trx, workspaceId: string): Promise<DurationCalendar> {
  const workspace = await getWorkspace(trx, workspaceId);
  const definition = workspace?.settings.calendar;
  if (definition === undefined) return defaultCalendar;
  try {
    return calendarPort(createBusinessCalendar(definition as never));
  } catch {
    return defaultCalendar;
  }
}

/** The calendar document a workspace counts on: its own, or mainland China's by default. */
export async function calendarDocument(
  trx: Db,
  workspaceId: string,
): Promise<BusinessCalendarInput> {
  const workspace = await getWorkspace(trx, workspaceId);
  return (
    (workspace?.settings.calendar as BusinessCalendarInput | undefined) ?? chinaMainlandCalendar()
  );
}

/**
 * Saves a workspace's business calendar after validating it in full (DefinitionError with every
 * issue, nothing written); durations counted from now on use it.
 */
export async function saveCalendar(
  rt: Runtime,
  workspaceId: string,
  definition: BusinessCalendarInput,
  actor: string | null = null,
): Promise<void> {
  const checked = validateBusinessCalendar(definition);
  if (!checked.ok) throw new DefinitionError(checked.issues);
  await rt.store.transaction(async (trx) => {
    const before = await calendarDocument(trx, workspaceId);
    await setWorkspaceSetting(trx, { workspaceId, key: "calendar", value: definition });
    await appendAudit(trx, {
      workspaceId,
      at: rt.clock.now(),
      actorId: actor,
      action: "calendar.saved",
      entityKind: "workspace",
      entityId: workspaceId,
      before: { holidays: before.holidays?.length ?? 0 },
      after: { holidays: definition.holidays?.length ?? 0 },
    });
  });
  rt.calendars.invalidate(workspaceId);
}

/**
 * Imports a yearly holiday table (CSV `date,type,name`, see calendars/table) into the workspace's
 * calendar: the entries of every year the table covers are replaced by the table's, other years
 * are kept. Returns the saved document.
 */
export async function importCalendarTable(
  rt: Runtime,
  workspaceId: string,
  csv: string,
  actor: string | null = null,
): Promise<BusinessCalendarInput> {
  const parsed = parseCalendarTable(csv);
  if (!parsed.ok) throw new DefinitionError(parsed.issues);
  const years = new Set(
    [...parsed.value.holidays, ...parsed.value.makeUpWorkdays].map((e) => e.date.slice(0, 4)),
  );
  const current = await calendarDocument(rt.store.db, workspaceId);
  const keep = (entries: readonly { date: string }[] | undefined) =>
    (entries ?? []).filter((e) => !years.has(e.date.slice(0, 4)));
  const next = {
    ...current,
    holidays: [...keep(current.holidays), ...parsed.value.holidays],
    makeUpWorkdays: [...keep(current.makeUpWorkdays), ...parsed.value.makeUpWorkdays],
  } as BusinessCalendarInput;
  await saveCalendar(rt, workspaceId, next, actor);
  return next;
}
