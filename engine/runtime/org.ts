/**
 * @module runtime/org
 * The organisation the engine resolves approvers in: workspaces, users, teams with managers,
 * access memberships and business roles. Each write drops the cached directory after it commits.
 */
import {
  appendAudit,
  insertMembership,
  insertTeam,
  insertUser,
  insertWorkspace,
  newId,
  type Role,
  type UserStatus,
} from "../store/index.ts";
import type { Actor, Runtime, Trx } from "./context.ts";

/** Runs an org write in a transaction, then drops the cached directory (after commit). */
async function orgWrite<T>(
  rt: Runtime,
  workspaceId: string,
  write: (trx: Trx) => Promise<T>,
): Promise<T> {
  const result = await rt.store.transaction(write);
  rt.directories.invalidate(workspaceId);
  return result;
}

/** Creates a workspace; returns its id. */
export function createWorkspace(
  rt: Runtime,
  name: string,
  settings: Record<string, unknown> = {},
): Promise<string> {
  return rt.store.transaction((trx) =>
    insertWorkspace(trx, { name, settings, now: rt.clock.now() }),
  );
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly status?: UserStatus;
  readonly locale?: string;
  readonly passwordHash?: string;
}

export function createUser(
  rt: Runtime,
  workspaceId: string,
  user: NewUser,
  actor: Actor = null,
): Promise<string> {
  return orgWrite(rt, workspaceId, async (trx) => {
    const now = rt.clock.now();
    const id = await insertUser(trx, { workspaceId, ...user, now });
    await appendAudit(trx, {
      workspaceId,
      at: now,
      actorId: actor,
      action: "user.create",
      entityKind: "user",
      entityId: id,
      after: { email: user.email, name: user.name, status: user.status ?? "active" },
    });
    return id;
  });
}

export interface NewTeam {
  readonly key: string;
  readonly name: string;
  readonly parentId?: string | null;
  readonly managerId?: string | null;
}

export function createTeam(rt: Runtime, workspaceId: string, team: NewTeam): Promise<string> {
  return orgWrite(rt, workspaceId, async (trx) => {
    const id = await insertTeam(trx, { workspaceId, ...team, now: rt.clock.now() });
    await trx
      .updateTable("teams")
      .set({ key: team.key })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .execute();
    return id;
  });
}

/** Adds a user to a team (or the workspace) with an access role. */
export function addMembership(
  rt: Runtime,
  workspaceId: string,
  membership: { userId: string; teamId?: string | null; role: Role },
): Promise<string> {
  return orgWrite(rt, workspaceId, (trx) =>
    insertMembership(trx, { workspaceId, ...membership, now: rt.clock.now() }),
  );
}

/** Grants a business role (e.g. "sales-director") that approver specs name. */
export function grantRole(
  rt: Runtime,
  workspaceId: string,
  grant: { userId: string; role: string; teamId?: string | null },
): Promise<string> {
  return orgWrite(rt, workspaceId, async (trx) => {
    const id = newId();
    await trx
      .insertInto("user_roles")
      .values({
        id,
        workspace_id: workspaceId,
        user_id: grant.userId,
        role_key: grant.role,
        team_id: grant.teamId ?? null,
        created_at: rt.clock.now(),
      })
      .execute();
    return id;
  });
}
