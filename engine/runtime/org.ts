/**
 * @module runtime/org
 * The organisation the engine resolves approvers in: workspaces, users, teams with managers,
 * access memberships, business roles, delegations and account teams. Each write drops the cached directory after it commits.
 */
import { KamError } from "../errors/index.ts";
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

/**
 * Runs an org write in a transaction, then drops the cached directory; the transaction's
 * `org.changed` change is told after commit.
 */
async function orgWrite<T>(
  rt: Runtime,
  workspaceId: string,
  write: (trx: Trx) => Promise<T>,
): Promise<T> {
  const result = await rt.store.transaction((trx) => {
    rt.changes.note(trx, { type: "org.changed", workspaceId });
    return write(trx);
  });
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

/** Creates a user in the caller's transaction, audited (the caller drops the directory cache). */
export async function createUserIn(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  user: NewUser,
  actor: Actor = null,
): Promise<string> {
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
}

export function createUser(
  rt: Runtime,
  workspaceId: string,
  user: NewUser,
  actor: Actor = null,
): Promise<string> {
  return orgWrite(rt, workspaceId, (trx) => createUserIn(rt, trx, workspaceId, user, actor));
}

export interface NewTeam {
  readonly key: string;
  readonly name: string;
  readonly parentId?: string | null;
  readonly managerId?: string | null;
}

/** Creates a team in the caller's transaction. */
export async function createTeamIn(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  team: NewTeam,
): Promise<string> {
  const id = await insertTeam(trx, { workspaceId, ...team, now: rt.clock.now() });
  await trx
    .updateTable("teams")
    .set({ key: team.key })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
  return id;
}

export function createTeam(rt: Runtime, workspaceId: string, team: NewTeam): Promise<string> {
  return orgWrite(rt, workspaceId, (trx) => createTeamIn(rt, trx, workspaceId, team));
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

type RoleGrant = { userId: string; role: string; teamId?: string | null };

/** Grants a business role in the caller's transaction. */
export async function grantRoleIn(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  grant: RoleGrant,
): Promise<string> {
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
}

/** Grants a business role (e.g. "sales-director") that approver specs name. */
export function grantRole(rt: Runtime, workspaceId: string, grant: RoleGrant): Promise<string> {
  return orgWrite(rt, workspaceId, (trx) => grantRoleIn(rt, trx, workspaceId, grant));
}

/** A delegation: `userId`'s tasks go to `delegateId` while `startsAt ≤ now < endsAt`. */
export interface NewDelegation {
  readonly userId: string;
  readonly delegateId: string;
  /** Epoch ms, inclusive. */
  readonly startsAt: number;
  /** Epoch ms, exclusive (the window is half-open). */
  readonly endsAt: number;
  /** Only for flows on this form. */
  readonly formKey?: string;
  /** Only for this flow. */
  readonly flowKey?: string;
}

/**
 * Records a delegation. Throws `RUNTIME_DELEGATION_INVALID` for an empty window or a
 * self-delegation (either would route tasks nowhere useful).
 */
export async function delegate(
  rt: Runtime,
  workspaceId: string,
  delegation: NewDelegation,
  actor: Actor = null,
): Promise<string> {
  if (!(delegation.endsAt > delegation.startsAt)) {
    throw new KamError("RUNTIME_DELEGATION_INVALID", "", { reason: "endsAt ≤ startsAt" });
  }
  if (delegation.userId === delegation.delegateId) {
    throw new KamError("RUNTIME_DELEGATION_INVALID", "", { reason: "user delegates to self" });
  }
  return orgWrite(rt, workspaceId, async (trx) => {
    const id = newId();
    const now = rt.clock.now();
    await trx
      .insertInto("delegations")
      .values({
        id,
        workspace_id: workspaceId,
        user_id: delegation.userId,
        delegate_id: delegation.delegateId,
        starts_at: delegation.startsAt,
        ends_at: delegation.endsAt,
        form_key: delegation.formKey ?? null,
        flow_key: delegation.flowKey ?? null,
        created_at: now,
      })
      .execute();
    await appendAudit(trx, {
      workspaceId,
      at: now,
      actorId: actor,
      action: "delegation.create",
      entityKind: "delegation",
      entityId: id,
      after: { ...delegation },
    });
    return id;
  });
}

type AccountTeamMember = { recordId: string; userId: string; role: string };

/** Adds an account-team member in the caller's transaction. */
export async function addAccountTeamMemberIn(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  member: AccountTeamMember,
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("account_team_members")
    .values({
      id,
      workspace_id: workspaceId,
      record_id: member.recordId,
      user_id: member.userId,
      role_key: member.role,
      created_at: rt.clock.now(),
    })
    .execute();
  return id;
}

/** Gives a user a role (e.g. "kam", "executive-sponsor") in the team of an account record. */
export function addAccountTeamMember(
  rt: Runtime,
  workspaceId: string,
  member: AccountTeamMember,
): Promise<string> {
  return orgWrite(rt, workspaceId, (trx) => addAccountTeamMemberIn(rt, trx, workspaceId, member));
}
