/**
 * @module designer/admin/org/org-model
 * The shapes of the org API the admin tabs read (server/routes/org/*, schemas/api/org-responses)
 * and the pure logic over them: the org chart flattened and turned into tree nodes, the teams of
 * each user, the moves a workspace-role change needs, a delegation's state, and the issues of a
 * problem that point at one field. Pure, so it is unit-tested in node.
 */
import type { ApiProblem, ProblemIssue } from "../../api/problem.ts";
import type { Role } from "../../api/types.ts";

export const ROLES: readonly Role[] = ["admin", "designer", "manager", "member", "viewer"];
export type UserStatus = "active" | "disabled" | "departed";

/** GET /users: everything for admins and managers, id and name for everyone else. */
export interface OrgUser {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly status?: UserStatus;
  readonly locale?: string | null;
  readonly role?: Role;
  readonly createdAt?: number;
}

/** GET /memberships: an access role, workspace-wide (teamId null) or within a team. */
export interface Membership {
  readonly id: string;
  readonly userId: string;
  readonly teamId: string | null;
  readonly role: Role;
  readonly createdAt: number;
}

/** GET /business-roles: a business role grant (kam, sales-director…). */
export interface BusinessRoleGrant {
  readonly id: string;
  readonly userId: string;
  readonly role: string;
  readonly teamId: string | null;
  readonly createdAt: number;
}

/** GET /teams: a team with its members and the teams below it. */
export interface TeamNode {
  readonly id: string;
  readonly key: string | null;
  readonly name: string;
  readonly parentId: string | null;
  readonly managerId: string | null;
  readonly members: readonly { membershipId: string; userId: string; role: Role }[];
  readonly children: readonly TeamNode[];
}

/** GET /delegations. */
export interface Delegation {
  readonly id: string;
  readonly userId: string;
  readonly delegateId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly formKey: string | null;
  readonly flowKey: string | null;
  readonly createdAt?: number;
  readonly active: boolean;
}

/** A team of the chart with its depth and the names of the teams above it. */
export interface FlatTeam extends TeamNode {
  readonly depth: number;
  /** Names from the top-level team down to this one. */
  readonly path: readonly string[];
}

/** Every team of the chart, parents before their children. */
export function flattenTeams(roots: readonly TeamNode[]): FlatTeam[] {
  const out: FlatTeam[] = [];
  const walk = (team: TeamNode, depth: number, above: readonly string[]) => {
    const path = [...above, team.name];
    out.push({ ...team, depth, path });
    for (const child of team.children) walk(child, depth + 1, path);
  };
  for (const root of roots) walk(root, 0, []);
  return out;
}

/** The ids of a team and of every team below it (it cannot move under any of them). */
export function subtreeIds(team: TeamNode): Set<string> {
  const ids = new Set<string>();
  const walk = (t: TeamNode) => {
    ids.add(t.id);
    for (const child of t.children) walk(child);
  };
  walk(team);
  return ids;
}

/** The teams each user belongs to (as a member) or manages, by user id. */
export function teamsByUser(
  roots: readonly TeamNode[],
): Map<string, { id: string; name: string; manages: boolean }[]> {
  const byUser = new Map<string, { id: string; name: string; manages: boolean }[]>();
  const add = (userId: string, team: TeamNode, manages: boolean) => {
    const list = byUser.get(userId) ?? [];
    const known = list.find((entry) => entry.id === team.id);
    if (known) known.manages ||= manages;
    else list.push({ id: team.id, name: team.name, manages });
    byUser.set(userId, list);
  };
  for (const team of flattenTeams(roots)) {
    if (team.managerId) add(team.managerId, team, true);
    for (const member of team.members) add(member.userId, team, false);
  }
  return byUser;
}

/** An antd Tree / TreeSelect node of the org chart. */
export interface TeamTreeItem {
  readonly key: string;
  readonly value: string;
  readonly title: string;
  readonly disabled?: boolean;
  readonly children: TeamTreeItem[];
}

/** Tree nodes of the chart; the teams in `disabled` (e.g. a team's own subtree) are disabled. */
export function teamTree(
  roots: readonly TeamNode[],
  disabled: ReadonlySet<string> = new Set(),
): TeamTreeItem[] {
  const node = (team: TeamNode): TeamTreeItem => ({
    key: team.id,
    value: team.id,
    title: team.name,
    ...(disabled.has(team.id) ? { disabled: true } : {}),
    children: team.children.map(node),
  });
  return roots.map(node);
}

/** A team of the chart by id. */
export function findTeam(roots: readonly TeamNode[], id: string | undefined): TeamNode | undefined {
  if (id === undefined) return undefined;
  return flattenTeams(roots).find((t) => t.id === id);
}

/**
 * What changing a user's workspace-wide role takes: grant the new role unless held workspace-wide
 * already, then revoke the other workspace-wide memberships. Team memberships stay (a user's role
 * is the most privileged they hold, so one may still outrank the new role: see `outranking`).
 */
export function planRoleChange(
  memberships: readonly Membership[],
  role: Role,
): { grant: boolean; revoke: string[]; outranking: Membership[] } {
  const wide = memberships.filter((m) => m.teamId === null);
  const rank = (r: Role) => ROLES.indexOf(r);
  return {
    grant: !wide.some((m) => m.role === role),
    revoke: wide.filter((m) => m.role !== role).map((m) => m.id),
    outranking: memberships.filter((m) => m.teamId !== null && rank(m.role) < rank(role)),
  };
}

export type DelegationState = "active" | "scheduled" | "ended";

/** Whether a delegation applies now, will apply, or is over. */
export function delegationState(d: Delegation, now: number): DelegationState {
  if (d.active) return "active";
  return now < d.startsAt && d.startsAt < d.endsAt ? "scheduled" : "ended";
}

/** The issues of a problem at a field's pointer or below it (`/email`, `/workingHours/0/end`). */
export function issuesAt(problem: ApiProblem | undefined, pointer: string): ProblemIssue[] {
  if (!problem) return [];
  return problem.issues.filter(
    (issue) => issue.pointer === pointer || issue.pointer.startsWith(`${pointer}/`),
  );
}

/** The issues of a problem not at any of `pointers` (shown with the form, not a field). */
export function issuesElsewhere(
  problem: ApiProblem | undefined,
  pointers: readonly string[],
): ProblemIssue[] {
  if (!problem) return [];
  return problem.issues.filter(
    (issue) => !pointers.some((p) => issuesAt(problem, p).includes(issue)),
  );
}

/** Matches a user by name or e-mail (case-insensitive). */
export function matchesUser(user: OrgUser, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return (
    user.name.toLowerCase().includes(needle) || (user.email ?? "").toLowerCase().includes(needle)
  );
}
