/**
 * @module designer/flows/simulate/simulate-api
 * What the simulator reads from the server, only ever with GET: the people and org chart, the
 * workspace's business calendar, the record form, sample records, the flows subflow nodes start
 * (their latest published versions) and, when a run starts, the account teams and records its
 * approver specs and subflows refer to. Anything the caller may not read is left out (the
 * simulation then uses stand-ins or the default calendar), never an error.
 */

import type {
  DurationCalendar,
  JsonObject,
  RecordSnapshot,
} from "../../../../engine/flows/index.ts";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import type { ApiClient } from "../../api/client.ts";
import { kamflowEngine } from "../../engine-browser/entry.ts";
import type {
  ApiAccountTeamMember,
  ApiBusinessRole,
  ApiTeam,
  ApiUser,
  FormDocument,
} from "./sample-data.ts";

/** A record of GET /api/v1/records. */
export interface ApiRecord {
  readonly id: string;
  readonly form: string;
  readonly data: JsonObject;
  readonly ownerId?: string | null;
  readonly teamId?: string | null;
}

/** The workspace as the simulator sees it. */
export interface Workspace {
  readonly users: readonly ApiUser[];
  readonly roles: readonly ApiBusinessRole[];
  readonly teams: readonly ApiTeam[];
  /** The workspace's calendar; the default (mainland China) when it could not be read. */
  readonly calendar: DurationCalendar;
  readonly calendarIsDefault: boolean;
  readonly timeZone: string;
  readonly form: FormDocument | undefined;
  readonly records: readonly ApiRecord[];
  /** Validated definitions of the flows subflow nodes start, by key (transitively). */
  readonly flows: Readonly<Record<string, FlowDefinition>>;
}

const DEFAULT_ZONE = "Asia/Shanghai";

/** The id of a sample record made up in the browser (no such record on the server). */
export const SAMPLE_RECORD_ID = "sample-record";

async function settled<T>(promise: Promise<T>, fallback: T): Promise<T> {
  try {
    return await promise;
  } catch {
    return fallback;
  }
}

const enc = encodeURIComponent;

function subflowKeys(definition: FlowDefinition): string[] {
  return definition.nodes
    .filter((n) => n.type === "subflow")
    .map((n) => (n.config as { flow?: string }).flow)
    .filter((k): k is string => typeof k === "string" && k.length > 0);
}

/** Loads the published flows `definition` starts as subflows, and theirs, validated. */
async function loadSubflows(
  api: ApiClient,
  definition: FlowDefinition,
): Promise<Record<string, FlowDefinition>> {
  const flows: Record<string, FlowDefinition> = {};
  const pending = subflowKeys(definition);
  const seen = new Set<string>([definition.key]);
  while (pending.length > 0) {
    const key = pending.shift() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const raw = await settled(
      api.get<unknown>(`/api/v1/definitions/flow/${enc(key)}/export`),
      undefined,
    );
    if (raw === undefined) continue;
    const checked = kamflowEngine.validateFlow(raw);
    if (!checked.ok) continue;
    flows[key] = checked.value;
    pending.push(...subflowKeys(checked.value));
  }
  return flows;
}

function calendarOf(document: unknown): { calendar: DurationCalendar; zone: string } | undefined {
  if (document === undefined || document === null) return undefined;
  try {
    const calendar = kamflowEngine.calendarPort(
      kamflowEngine.createBusinessCalendar(document as never),
    );
    const zone = (document as { timeZone?: unknown }).timeZone;
    return { calendar, zone: typeof zone === "string" ? zone : DEFAULT_ZONE };
  } catch {
    return undefined;
  }
}

/** Loads what a simulation of `definition` needs (every request a GET). */
export async function loadWorkspace(
  api: ApiClient,
  definition: FlowDefinition,
): Promise<Workspace> {
  const form = definition.form;
  const [users, roles, teams, calendarReply, formDoc, records, flows] = await Promise.all([
    settled(api.get<{ items: ApiUser[] }>("/api/v1/users"), { items: [] }),
    settled(api.get<{ items: ApiBusinessRole[] }>("/api/v1/business-roles"), { items: [] }),
    settled(api.get<{ items: ApiTeam[] }>("/api/v1/teams"), { items: [] }),
    settled(api.get<{ calendar?: unknown }>("/api/v1/calendar"), {}),
    form
      ? settled(api.get<FormDocument>(`/api/v1/definitions/form/${enc(form)}/export`), undefined)
      : Promise.resolve(undefined),
    form
      ? settled(api.get<{ items: ApiRecord[] }>(`/api/v1/records?form=${enc(form)}&limit=50`), {
          items: [],
        })
      : Promise.resolve({ items: [] as ApiRecord[] }),
    settled(loadSubflows(api, definition), {}),
  ]);
  const own = calendarOf(calendarReply.calendar);
  const fallback = kamflowEngine.calendarPort(
    kamflowEngine.createBusinessCalendar(kamflowEngine.chinaMainlandCalendar()),
  );
  return {
    users: users.items,
    roles: roles.items,
    teams: teams.items,
    calendar: own?.calendar ?? fallback,
    calendarIsDefault: own === undefined,
    timeZone: own?.zone ?? DEFAULT_ZONE,
    form: formDoc,
    records: records.items,
    flows,
  };
}

/** A record as the interpreter reads it. */
export function snapshotOf(record: ApiRecord): RecordSnapshot {
  return {
    id: record.id,
    form: record.form,
    data: record.data as RecordSnapshot["data"],
    ...(record.ownerId ? { owner: record.ownerId } : {}),
    ...(record.teamId ? { team: record.teamId } : {}),
  };
}

/** Ids a run may need account teams or records of: the record and the ids its fields hold. */
function referencedIds(definitions: readonly FlowDefinition[], data: JsonObject): string[] {
  const fields = new Set<string>();
  const text = JSON.stringify(definitions.map((d) => d.nodes));
  for (const match of text.matchAll(/"(?:accountField|record)":"([^"]+)"/g))
    if (match[1]) fields.add(match[1]);
  const ids: string[] = [];
  for (const field of fields) {
    const value = field
      .split(".")
      .reduce<unknown>(
        (at, part) =>
          at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined,
        data,
      );
    if (typeof value === "string" && value.length > 0) ids.push(value);
  }
  return [...new Set(ids)];
}

/**
 * Reads, for one run, the account teams of the record and of the accounts its fields refer to,
 * and the records subflows would run on.
 */
export async function loadRunContext(
  api: ApiClient,
  definitions: readonly FlowDefinition[],
  record: RecordSnapshot | null,
): Promise<{
  accountTeams: Record<string, ApiAccountTeamMember[]>;
  records: Record<string, RecordSnapshot>;
}> {
  const ids = record ? referencedIds(definitions, record.data) : [];
  // A sample record is not on the server: only a copied real record has an account team.
  const own = record && record.id !== SAMPLE_RECORD_ID ? [record.id] : [];
  const accountTeams: Record<string, ApiAccountTeamMember[]> = {};
  const records: Record<string, RecordSnapshot> = {};
  await Promise.all([
    ...[...new Set([...ids, ...own])].map(async (id) => {
      const reply = await settled(
        api.get<{ items: ApiAccountTeamMember[] }>(`/api/v1/account-teams/${enc(id)}`),
        { items: [] },
      );
      if (reply.items.length > 0) accountTeams[id] = reply.items;
    }),
    ...ids.map(async (id) => {
      const reply = await settled(
        api.get<{ record: ApiRecord }>(`/api/v1/records/${enc(id)}`),
        undefined,
      );
      if (reply) records[id] = snapshotOf(reply.record);
    }),
  ]);
  return { accountTeams, records };
}
