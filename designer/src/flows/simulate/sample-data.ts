/**
 * @module designer/flows/simulate/sample-data
 * What a simulation runs against, built from read-only API answers: the record form's fields
 * with plausible sample values, and the workspace's org chart as the runtime's directory sees it
 * (`OrgSnapshot` of engine/runtime/directory-rules.ts), optionally with stand-ins for approver
 * specs nobody holds, so a run never stalls on an empty role. Pure.
 */

import type { Directory, JsonObject } from "../../../../engine/flows/index.ts";
import type { OrgSnapshot } from "../../../../engine/runtime/directory-rules.ts";
import type { ApproverSpec } from "../../../../schemas/index.ts";
import { kamflowEngine } from "../../engine-browser/entry.ts";
import type { Language } from "../../i18n/language.ts";
import { localized } from "../../i18n/language.ts";

/** One field of the record form, as the sample form shows it. */
export interface SampleField {
  readonly name: string;
  readonly kind: string;
  readonly label: string;
  readonly required: boolean;
  /** Select options: value and label. */
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  /** The form a reference field points to. */
  readonly refForm?: string;
}

interface FieldSchema {
  readonly "x-kam-field"?: string;
  readonly "x-kam-form"?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly items?: { readonly enum?: readonly unknown[] };
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The parts of a form definition the sample form reads. */
export interface FormDocument {
  readonly key: string;
  readonly dataSchema?: {
    readonly properties?: Readonly<Record<string, FieldSchema>>;
    readonly required?: readonly string[];
  };
  readonly uiSchema?: {
    readonly fields?: Readonly<
      Record<
        string,
        { readonly label?: unknown; readonly options?: Readonly<Record<string, unknown>> }
      >
    >;
  };
}

/** The form's fields in schema order (sub-tables and attachments left out). */
export function sampleFields(form: FormDocument | undefined, language: Language): SampleField[] {
  const props = form?.dataSchema?.properties ?? {};
  const required = new Set(form?.dataSchema?.required ?? []);
  const out: SampleField[] = [];
  for (const [name, schema] of Object.entries(props)) {
    const kind = schema["x-kam-field"] ?? "text";
    if (kind === "attachment" || kind === "subtable") continue;
    const ui = form?.uiSchema?.fields?.[name];
    const values = (kind === "multi-select" ? schema.items?.enum : schema.enum) ?? [];
    const options = values.map((v) => {
      const value = String(v);
      return { value, label: localized(ui?.options?.[value] as never, language) || value };
    });
    out.push({
      name,
      kind,
      label: localized(ui?.label as never, language) || name,
      required: required.has(name),
      ...(options.length > 0 ? { options } : {}),
      ...(schema["x-kam-form"] ? { refForm: schema["x-kam-form"] } : {}),
    });
  }
  return out;
}

const SAMPLE_TEXT: Readonly<Record<string, string>> = {
  title: "示例工单 Sample ticket",
  name: "示例客户 Sample account",
  email: "sample@example.com",
  phone: "13800138000",
};

/**
 * A plausible value for a field: the first option, a round number inside its bounds, today's
 * date, the first user… Fields it cannot guess (references, teams) are left empty.
 * @example sampleValue({ name: "amount", kind: "money", … }, { today: "2026-01-05", users: ["u1"] }) // 100000
 */
export function sampleValue(
  field: SampleField,
  context: { readonly today: string; readonly users: readonly string[] },
): unknown {
  switch (field.kind) {
    case "text":
      return SAMPLE_TEXT[field.name] ?? `${field.label}`;
    case "textarea":
      return `${field.label}…`;
    case "email":
    case "phone":
      return SAMPLE_TEXT[field.kind];
    case "number":
      return 10;
    case "money":
      return 100_000;
    case "percent":
      return 20;
    case "rating":
      return 4;
    case "nps":
      return 8;
    case "boolean":
      return false;
    case "date":
      return context.today;
    case "datetime":
      return `${context.today}T09:00:00+08:00`;
    case "select":
      return field.options?.[0]?.value;
    case "multi-select":
      return field.options?.[0] ? [field.options[0].value] : [];
    case "user":
      return context.users[0];
    default:
      return undefined;
  }
}

/** Sample data for every field of the form (empty ones left out). */
export function sampleRecordData(
  fields: readonly SampleField[],
  context: { readonly today: string; readonly users: readonly string[] },
): JsonObject {
  const data: JsonObject = {};
  for (const field of fields) {
    const value = sampleValue(field, context);
    if (value !== undefined) data[field.name] = value as never;
  }
  return data;
}

/** GET /api/v1/users items (names only for some callers). */
export interface ApiUser {
  readonly id: string;
  readonly name: string;
  readonly status?: string;
  readonly role?: string;
}

/** GET /api/v1/business-roles items. */
export interface ApiBusinessRole {
  readonly userId: string;
  readonly role: string;
  readonly teamId: string | null;
}

/** GET /api/v1/teams items: the org chart as a tree. */
export interface ApiTeam {
  readonly id: string;
  readonly key?: string | null;
  readonly managerId?: string | null;
  readonly parentId?: string | null;
  readonly members?: ReadonlyArray<{ readonly userId: string }>;
  readonly children?: readonly ApiTeam[];
}

/** GET /api/v1/account-teams/{recordId} items. */
export interface ApiAccountTeamMember {
  readonly userId: string;
  readonly role?: string;
  readonly roleKey?: string;
}

/** The runtime's org snapshot from the API's answers (no delegations: the simulator has none). */
export function orgSnapshotOf(input: {
  readonly users: readonly ApiUser[];
  readonly roles: readonly ApiBusinessRole[];
  readonly teams: readonly ApiTeam[];
  readonly accountTeams?: Readonly<Record<string, readonly ApiAccountTeamMember[]>>;
}): OrgSnapshot {
  const teams: Array<OrgSnapshot["teams"][number]> = [];
  const teamMembers: Array<OrgSnapshot["teamMembers"][number]> = [];
  const walk = (team: ApiTeam, parentId: string | null) => {
    teams.push({
      id: team.id,
      key: team.key ?? null,
      managerId: team.managerId ?? null,
      parentId: team.parentId ?? parentId,
    });
    for (const m of team.members ?? []) teamMembers.push({ userId: m.userId, teamId: team.id });
    for (const child of team.children ?? []) walk(child, team.id);
  };
  for (const team of input.teams) walk(team, null);
  return {
    activeUsers: new Set(
      input.users.filter((u) => (u.status ?? "active") === "active").map((u) => u.id),
    ),
    roles: input.roles.map((r) => ({ userId: r.userId, roleKey: r.role, teamId: r.teamId })),
    teams,
    teamMembers,
    admins: input.users.filter((u) => u.role === "admin").map((u) => u.id),
    delegations: [],
    accountTeams: Object.entries(input.accountTeams ?? {}).flatMap(([recordId, members]) =>
      members.map((m) => ({ recordId, userId: m.userId, roleKey: m.roleKey ?? m.role ?? "" })),
    ),
  };
}

/** Prefix of a stand-in's id: `~role:service-desk`. */
export const STAND_IN = "~";

/** A short text naming what a spec asks for (a stand-in's id after the prefix). */
export function specText(spec: ApproverSpec): string {
  const s = spec as { kind: string } & Record<string, unknown>;
  const detail = s.role ?? s.team ?? s.field ?? s.variable ?? s.userId ?? s.key ?? s.of;
  return detail === undefined ? s.kind : `${s.kind}:${String(detail)}`;
}

/**
 * `directory`, with a stand-in for every spec that resolves to nobody (so the run goes on, and
 * the task shows whom the spec asked for) when `standIns` is on.
 */
export function simulationDirectory(snapshot: OrgSnapshot, standIns: boolean): Directory {
  const base = kamflowEngine.createDirectory(snapshot);
  if (!standIns) return base;
  return {
    resolve(spec, context) {
      const found = base.resolve(spec, context);
      return found.length > 0 ? found : [`${STAND_IN}${specText(spec)}`];
    },
    ...(base.approvalAdmins ? { approvalAdmins: () => base.approvalAdmins?.() ?? [] } : {}),
  };
}
