/**
 * @module store/org-structure.repo
 * Reading and changing the shape of the organisation: teams (the org chart), delegations and
 * account teams. Every function is scoped by `workspaceId`.
 */
import { newId } from "./ids.ts";
import type { Db } from "./store-errors.ts";

export interface StoredTeam {
  readonly id: string;
  readonly key: string | null;
  readonly name: string;
  readonly parentId: string | null;
  readonly managerId: string | null;
  readonly createdAt: number;
}

export interface StoredDelegation {
  readonly id: string;
  readonly userId: string;
  readonly delegateId: string;
  readonly startsAt: number;
  /** Exclusive. */
  readonly endsAt: number;
  readonly formKey: string | null;
  readonly flowKey: string | null;
  readonly createdAt: number;
}

export interface StoredAccountTeamMember {
  readonly id: string;
  readonly recordId: string;
  readonly userId: string;
  readonly role: string;
  readonly createdAt: number;
}

const toTeam = (r: {
  id: string;
  key: string | null;
  name: string;
  parent_id: string | null;
  manager_id: string | null;
  created_at: number;
}): StoredTeam => ({
  id: r.id,
  key: r.key,
  name: r.name,
  parentId: r.parent_id,
  managerId: r.manager_id,
  createdAt: Number(r.created_at),
});

const teamColumns = ["id", "key", "name", "parent_id", "manager_id", "created_at"] as const;

/** Every team of a workspace, by name. */
export async function listTeams(db: Db, workspaceId: string): Promise<StoredTeam[]> {
  const rows = await db
    .selectFrom("teams")
    .select(teamColumns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(toTeam);
}

/** One team by id. */
export async function getTeam(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredTeam | undefined> {
  const row = await db
    .selectFrom("teams")
    .select(teamColumns)
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row && toTeam(row);
}

/** Whether a team with this key exists in the workspace. */
export async function teamKeyTaken(
  db: Db,
  key: { workspaceId: string; key: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("teams")
    .select("id")
    .where("workspace_id", "=", key.workspaceId)
    .where("key", "=", key.key)
    .executeTakeFirst();
  return row !== undefined;
}

/** Renames a team, moves it in the org chart or changes its manager. */
export async function updateTeam(
  trx: Db,
  input: {
    workspaceId: string;
    id: string;
    name?: string;
    parentId?: string | null;
    managerId?: string | null;
  },
): Promise<void> {
  const set = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
    ...(input.managerId !== undefined ? { manager_id: input.managerId } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await trx
    .updateTable("teams")
    .set(set)
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.id)
    .execute();
}

const delegationColumns = [
  "id",
  "user_id",
  "delegate_id",
  "starts_at",
  "ends_at",
  "form_key",
  "flow_key",
  "created_at",
] as const;

const toDelegation = (r: {
  id: string;
  user_id: string;
  delegate_id: string;
  starts_at: number;
  ends_at: number;
  form_key: string | null;
  flow_key: string | null;
  created_at: number;
}): StoredDelegation => ({
  id: r.id,
  userId: r.user_id,
  delegateId: r.delegate_id,
  startsAt: Number(r.starts_at),
  endsAt: Number(r.ends_at),
  formKey: r.form_key,
  flowKey: r.flow_key,
  createdAt: Number(r.created_at),
});

/**
 * Delegations of a workspace, newest first: those of `involving` (as the one who delegates or
 * the delegate) when given, and only those not ended by `notEndedAt` when given.
 */
export async function listDelegations(
  db: Db,
  query: { workspaceId: string; involving?: string; notEndedAt?: number; limit?: number },
): Promise<StoredDelegation[]> {
  let select = db
    .selectFrom("delegations")
    .select(delegationColumns)
    .where("workspace_id", "=", query.workspaceId);
  const involving = query.involving;
  if (involving !== undefined)
    select = select.where((eb) =>
      eb.or([eb("user_id", "=", involving), eb("delegate_id", "=", involving)]),
    );
  if (query.notEndedAt !== undefined) select = select.where("ends_at", ">", query.notEndedAt);
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit ?? 500)
    .execute();
  return rows.map(toDelegation);
}

/** One delegation by id. */
export async function getDelegation(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredDelegation | undefined> {
  const row = await db
    .selectFrom("delegations")
    .select(delegationColumns)
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row && toDelegation(row);
}

/** Moves a delegation's end (to end it early). */
export async function setDelegationEnd(
  trx: Db,
  input: { workspaceId: string; id: string; endsAt: number },
): Promise<void> {
  await trx
    .updateTable("delegations")
    .set({ ends_at: input.endsAt })
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.id)
    .execute();
}

const accountTeamColumns = ["id", "record_id", "user_id", "role_key", "created_at"] as const;

const toAccountTeamMember = (r: {
  id: string;
  record_id: string;
  user_id: string;
  role_key: string;
  created_at: number;
}): StoredAccountTeamMember => ({
  id: r.id,
  recordId: r.record_id,
  userId: r.user_id,
  role: r.role_key,
  createdAt: Number(r.created_at),
});

/** The team of an account record: who holds which role on it. */
export async function listAccountTeam(
  db: Db,
  key: { workspaceId: string; recordId: string },
): Promise<StoredAccountTeamMember[]> {
  const rows = await db
    .selectFrom("account_team_members")
    .select(accountTeamColumns)
    .where("workspace_id", "=", key.workspaceId)
    .where("record_id", "=", key.recordId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toAccountTeamMember);
}

/** One account-team member by id. */
export async function getAccountTeamMember(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredAccountTeamMember | undefined> {
  const row = await db
    .selectFrom("account_team_members")
    .select(accountTeamColumns)
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row && toAccountTeamMember(row);
}

/** Removes a member from an account team; false when there is none. */
export async function deleteAccountTeamMember(
  trx: Db,
  key: { workspaceId: string; id: string },
): Promise<boolean> {
  const result = await trx
    .deleteFrom("account_team_members")
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Records a delegation window [startsAt, endsAt); returns its id. */
export async function insertDelegation(
  trx: Db,
  input: {
    workspaceId: string;
    userId: string;
    delegateId: string;
    startsAt: number;
    endsAt: number;
    formKey?: string | null;
    flowKey?: string | null;
    now: number;
  },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("delegations")
    .values({
      id,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      delegate_id: input.delegateId,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      form_key: input.formKey ?? null,
      flow_key: input.flowKey ?? null,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** Gives a user a role in an account record's team; returns the member's id. */
export async function insertAccountTeamMember(
  trx: Db,
  input: { workspaceId: string; recordId: string; userId: string; role: string; now: number },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("account_team_members")
    .values({
      id,
      workspace_id: input.workspaceId,
      record_id: input.recordId,
      user_id: input.userId,
      role_key: input.role,
      created_at: input.now,
    })
    .execute();
  return id;
}
