/**
 * @module runtime/directory
 * The directory the interpreter resolves approver specs against, preloaded for one workspace at
 * the start of a step (the interpreter is synchronous and pure). Users who are disabled or have
 * left are absent. This issue resolves named users, role holders and teams; #4 adds manager
 * chains, account-team roles, record fields and delegations.
 */
import type { ApproverSpec } from "../../schemas/index.ts";
import type { Directory, DirectoryContext } from "../flows/index.ts";
import type { Trx } from "./context.ts";

interface Snapshot {
  readonly activeUsers: ReadonlySet<string>;
  readonly roles: ReadonlyArray<{ userId: string; roleKey: string; teamId: string | null }>;
  readonly teams: ReadonlyArray<{ id: string; key: string | null; managerId: string | null }>;
  readonly teamMembers: ReadonlyArray<{ userId: string; teamId: string | null }>;
  readonly admins: readonly string[];
}

/** Reads what resolution needs for one workspace. */
export async function loadDirectory(trx: Trx, workspaceId: string): Promise<Directory> {
  const [users, roles, teams, memberships] = await Promise.all([
    trx
      .selectFrom("users")
      .select(["id", "status"])
      .where("workspace_id", "=", workspaceId)
      .execute(),
    trx
      .selectFrom("user_roles")
      .select(["user_id", "role_key", "team_id"])
      .where("workspace_id", "=", workspaceId)
      .execute(),
    trx
      .selectFrom("teams")
      .select(["id", "key", "manager_id"])
      .where("workspace_id", "=", workspaceId)
      .execute(),
    trx
      .selectFrom("memberships")
      .select(["user_id", "team_id", "role"])
      .where("workspace_id", "=", workspaceId)
      .execute(),
  ]);
  const activeUsers = new Set(users.filter((u) => u.status === "active").map((u) => u.id));
  return createDirectory({
    activeUsers,
    roles: roles.map((r) => ({ userId: r.user_id, roleKey: r.role_key, teamId: r.team_id })),
    teams: teams.map((t) => ({ id: t.id, key: t.key, managerId: t.manager_id })),
    teamMembers: memberships.map((m) => ({ userId: m.user_id, teamId: m.team_id })),
    admins: memberships.filter((m) => m.role === "admin").map((m) => m.user_id),
  });
}

function teamsOf(snapshot: Snapshot, userId: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!userId) return out;
  for (const m of snapshot.teamMembers) if (m.userId === userId && m.teamId) out.add(m.teamId);
  return out;
}

/** A directory over a snapshot; exported for tests and simulations. */
export function createDirectory(snapshot: Snapshot): Directory {
  const active = (ids: Iterable<string>) =>
    [...new Set(ids)].filter((id) => snapshot.activeUsers.has(id));

  const resolvers: Partial<
    Record<ApproverSpec["kind"], (spec: ApproverSpec, c: DirectoryContext) => string[]>
  > = {
    user: (spec) => active([(spec as { userId: string }).userId]),
    role: (spec, context) => {
      const { role, scope } = spec as { role: string; scope?: string };
      const holders = snapshot.roles.filter((r) => r.roleKey === role);
      if (!scope || scope === "workspace") return active(holders.map((r) => r.userId));
      const who = scope === "initiator-team" ? context.initiator : context.record?.owner;
      const teams = teamsOf(snapshot, who);
      return active(
        holders.filter((r) => r.teamId === null || teams.has(r.teamId)).map((r) => r.userId),
      );
    },
    team: (spec) => {
      const { team, select } = spec as { team: string; select?: string };
      const found = snapshot.teams.find((t) => t.key === team || t.id === team);
      if (!found) return [];
      if (select === "manager") return active(found.managerId ? [found.managerId] : []);
      return active(snapshot.teamMembers.filter((m) => m.teamId === found.id).map((m) => m.userId));
    },
  };

  return {
    resolve(spec, context) {
      const resolver = resolvers[spec.kind];
      return resolver ? resolver(spec, context) : [];
    },
    approvalAdmins: () => active(snapshot.admins),
  };
}
