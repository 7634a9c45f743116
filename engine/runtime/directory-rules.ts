/**
 * @module runtime/directory-rules
 * What each approver spec kind means over an org snapshot. Every candidate passes through
 * `present`, which applies delegations and drops disabled or departed users, so each rule only
 * decides who the candidates are and what an absent one means for it:
 * - a fixed person (user, owner, initiator, field, variable, choice): nobody;
 * - `manager` at level N: level N is the Nth manager up the org chart; if absent, the next
 *   present manager above stands in (approvals do not stall on a vacancy);
 * - `manager-chain`: absent managers are skipped and the walk goes on; `untilRole` stops at the
 *   first present holder of the role (inclusive), else at the top or after `maxLevels` levels.
 */
import type { ApproverSpec } from "../../schemas/index.ts";
import type { DirectoryContext } from "../flows/index.ts";

/** What the directory reads for one workspace. */
export interface OrgSnapshot {
  readonly activeUsers: ReadonlySet<string>;
  readonly roles: ReadonlyArray<{ userId: string; roleKey: string; teamId: string | null }>;
  readonly teams: ReadonlyArray<{
    id: string;
    key: string | null;
    managerId: string | null;
    parentId: string | null;
  }>;
  /** In the order they were made: a person's first team is their home team. */
  readonly teamMembers: ReadonlyArray<{ userId: string; teamId: string | null }>;
  readonly admins: readonly string[];
  /** Windows are half-open: [startsAt, endsAt). Null form or flow key: any. */
  readonly delegations: ReadonlyArray<{
    userId: string;
    delegateId: string;
    startsAt: number;
    endsAt: number;
    formKey: string | null;
    flowKey: string | null;
  }>;
  readonly accountTeams: ReadonlyArray<{ recordId: string; userId: string; roleKey: string }>;
}

/** How a rule turns a candidate into the person who acts (see `present` in ./directory.ts). */
export interface SpecScope {
  present(userId: string): string | undefined;
}

type Spec<K extends ApproverSpec["kind"]> = Extract<ApproverSpec, { kind: K }>;

const DEFAULT_MAX_LEVELS = 10;

/** The people `spec` resolves to (may repeat; the caller de-duplicates). */
export function resolveSpec(
  org: OrgSnapshot,
  scope: SpecScope,
  spec: ApproverSpec,
  context: DirectoryContext,
): string[] {
  const each = (ids: Iterable<string | undefined>) => {
    const out: string[] = [];
    for (const id of ids) {
      const who = id === undefined ? undefined : scope.present(id);
      if (who !== undefined) out.push(who);
    }
    return out;
  };
  switch (spec.kind) {
    case "user":
      return each([spec.userId]);
    case "role":
      return each(roleHolders(org, spec, context));
    case "team": {
      const team = org.teams.find((t) => t.key === spec.team || t.id === spec.team);
      if (!team) return [];
      if (spec.select === "manager") return each([team.managerId ?? undefined]);
      return each(org.teamMembers.filter((m) => m.teamId === team.id).map((m) => m.userId));
    }
    case "manager":
      return managerAt(org, scope, subjectOf(spec, context), spec.level ?? 1);
    case "manager-chain":
      return managerChain(org, scope, subjectOf(spec, context), spec);
    case "account-team": {
      const account = spec.accountField
        ? userIds(readPath(context.record?.data, spec.accountField))[0]
        : context.record?.id;
      if (account === undefined) return [];
      return each(
        org.accountTeams
          .filter((a) => a.recordId === account && a.roleKey === spec.role)
          .map((a) => a.userId),
      );
    }
    case "record-field":
      return each(userIds(readPath(context.record?.data, spec.field)));
    case "record-owner":
      return each([context.record?.owner]);
    case "initiator":
      return each([context.initiator]);
    case "initiator-choice":
      return each(initiatorChoice(org, spec, context));
    case "variable":
      return each(userIds(context.variables[spec.variable]));
    default:
      return [];
  }
}

function roleHolders(org: OrgSnapshot, spec: Spec<"role">, context: DirectoryContext): string[] {
  const holders = org.roles.filter((r) => r.roleKey === spec.role);
  if (!spec.scope || spec.scope === "workspace") return holders.map((r) => r.userId);
  const who = spec.scope === "initiator-team" ? context.initiator : context.record?.owner;
  const teams = new Set(
    org.teamMembers.filter((m) => who && m.userId === who && m.teamId).map((m) => m.teamId),
  );
  return holders.filter((r) => r.teamId === null || teams.has(r.teamId)).map((r) => r.userId);
}

function initiatorChoice(
  org: OrgSnapshot,
  spec: Spec<"initiator-choice">,
  context: DirectoryContext,
): string[] {
  let chosen = userIds(context.variables[spec.key]);
  if (spec.fromRole) {
    const holders = new Set(
      org.roles.filter((r) => r.roleKey === spec.fromRole).map((r) => r.userId),
    );
    chosen = chosen.filter((id) => holders.has(id));
  }
  return spec.multiple ? chosen : chosen.slice(0, 1);
}

function subjectOf(spec: { of: string }, context: DirectoryContext): string | undefined {
  return spec.of === "record-owner" ? context.record?.owner : context.initiator;
}

/**
 * The managers above `subject`, nearest first, present or not: the manager of the subject's home
 * team (the first team they joined, else the team they manage); where the subject — or the
 * manager just reached — manages that team, the parent team's manager; and so on up.
 */
export function managersAbove(org: OrgSnapshot, subject: string | undefined): string[] {
  if (subject === undefined) return [];
  const byId = new Map(org.teams.map((t) => [t.id, t]));
  const home =
    org.teamMembers.find((m) => m.userId === subject && m.teamId !== null)?.teamId ??
    org.teams.find((t) => t.managerId === subject)?.id;
  const out: string[] = [];
  const seenTeams = new Set<string>();
  let person = subject;
  let team = home === undefined ? undefined : byId.get(home);
  while (team && !seenTeams.has(team.id)) {
    seenTeams.add(team.id);
    const manager = team.managerId;
    if (manager && manager !== person && manager !== subject && !out.includes(manager)) {
      out.push(manager);
      person = manager;
    }
    team = team.parentId === null ? undefined : byId.get(team.parentId);
  }
  return out;
}

function managerAt(
  org: OrgSnapshot,
  scope: SpecScope,
  subject: string | undefined,
  level: number,
): string[] {
  for (const manager of managersAbove(org, subject).slice(level - 1)) {
    const who = scope.present(manager);
    if (who !== undefined) return [who];
  }
  return [];
}

function managerChain(
  org: OrgSnapshot,
  scope: SpecScope,
  subject: string | undefined,
  spec: Spec<"manager-chain">,
): string[] {
  const holders = spec.untilRole
    ? new Set(org.roles.filter((r) => r.roleKey === spec.untilRole).map((r) => r.userId))
    : undefined;
  const out: string[] = [];
  for (const manager of managersAbove(org, subject).slice(
    0,
    spec.maxLevels ?? DEFAULT_MAX_LEVELS,
  )) {
    const who = scope.present(manager);
    if (who === undefined) continue;
    out.push(who);
    if (holders?.has(manager)) break;
  }
  return spec.select === "last" ? out.slice(-1) : out;
}

/** User ids held in a value: one id, a list of ids, or `{ id }` objects. */
function userIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === "string" && item !== "") out.push(item);
    else if (item && typeof item === "object" && "id" in item && typeof item.id === "string") {
      out.push(item.id);
    }
  }
  return out;
}

/** Own properties only along a dotted path (the schema already forbids prototype segments). */
function readPath(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const segment of path.split(".")) {
    if (!at || typeof at !== "object" || !Object.hasOwn(at, segment)) return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}
