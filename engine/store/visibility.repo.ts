/**
 * @module store/visibility.repo
 * What row-level visibility is computed from: a workspace's teams (with their parents and
 * managers) and who belongs to which team; and whether a user or team exists in a workspace.
 */
import type { Db } from "./store-errors.ts";

/** The team tree and team memberships of one workspace. */
export interface OrgTree {
  readonly teams: ReadonlyArray<{ id: string; parentId: string | null; managerId: string | null }>;
  /** Team memberships only (workspace-wide memberships have no team). */
  readonly members: ReadonlyArray<{ userId: string; teamId: string }>;
}

/** Reads the team tree and team memberships of a workspace. */
export async function readOrgTree(db: Db, workspaceId: string): Promise<OrgTree> {
  const [teams, members] = await Promise.all([
    db
      .selectFrom("teams")
      .select(["id", "parent_id", "manager_id"])
      .where("workspace_id", "=", workspaceId)
      .orderBy("id")
      .execute(),
    // Ordered so a person's first team (their home team) is stable.
    db
      .selectFrom("memberships")
      .select(["user_id", "team_id"])
      .where("workspace_id", "=", workspaceId)
      .where("team_id", "is not", null)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  return {
    teams: teams.map((t) => ({ id: t.id, parentId: t.parent_id, managerId: t.manager_id })),
    members: members.map((m) => ({ userId: m.user_id, teamId: m.team_id as string })),
  };
}

/** Whether a user of `workspaceId` has this id. */
export async function userInWorkspace(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a team of `workspaceId` has this id. */
export async function teamInWorkspace(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("teams")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}
