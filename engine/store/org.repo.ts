/**
 * @module store/org.repo
 * Reading and changing the people of the organisation an admin manages over the API: users,
 * memberships (access roles, workspace-wide or in a team), business roles and sessions. Every
 * function is scoped by `workspaceId`; a row of another workspace is never read or changed.
 * Teams, delegations and account teams are in org-structure.repo.
 */
import { newId } from "./ids.ts";
import { type Role, roles, type UserStatus } from "./schema.ts";
import type { Db } from "./store-errors.ts";

/** A user as the organisation API shows them (never the password hash). */
export interface OrgUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly status: UserStatus;
  readonly locale: string;
  /** The most privileged of the user's memberships; `viewer` without any. */
  readonly role: Role;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An access role held workspace-wide (`teamId` null) or as a member of a team. */
export interface StoredMembership {
  readonly id: string;
  readonly userId: string;
  readonly teamId: string | null;
  readonly role: Role;
  readonly createdAt: number;
}

/** A business role (kam, sales-director…) approver specs name. */
export interface StoredBusinessRole {
  readonly id: string;
  readonly userId: string;
  readonly role: string;
  readonly teamId: string | null;
  readonly createdAt: number;
}

const userColumns = [
  "id",
  "email",
  "name",
  "status",
  "locale",
  "created_at",
  "updated_at",
] as const;

/** The most privileged of `held` (roles are ordered from most to least privileged). */
function bestRole(held: readonly Role[]): Role {
  let best = roles.length - 1;
  for (const role of held) best = Math.min(best, Math.max(0, roles.indexOf(role)));
  return roles[best] ?? "viewer";
}

/** A workspace's users with their access role, by name. */
export async function listOrgUsers(
  db: Db,
  query: { workspaceId: string; status?: UserStatus },
): Promise<OrgUser[]> {
  let select = db
    .selectFrom("users")
    .select(userColumns)
    .where("workspace_id", "=", query.workspaceId);
  if (query.status) select = select.where("status", "=", query.status);
  const [users, memberships] = await Promise.all([
    select.orderBy("name").orderBy("id").execute(),
    db
      .selectFrom("memberships")
      .select(["user_id", "role"])
      .where("workspace_id", "=", query.workspaceId)
      .execute(),
  ]);
  const held = new Map<string, Role[]>();
  for (const m of memberships) held.set(m.user_id, [...(held.get(m.user_id) ?? []), m.role]);
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    locale: u.locale,
    role: bestRole(held.get(u.id) ?? []),
    createdAt: Number(u.created_at),
    updatedAt: Number(u.updated_at),
  }));
}

/** One user of a workspace with their access role. */
export async function getOrgUser(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<OrgUser | undefined> {
  const row = await db
    .selectFrom("users")
    .select(userColumns)
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  if (!row) return undefined;
  const held = await db
    .selectFrom("memberships")
    .select("role")
    .where("workspace_id", "=", key.workspaceId)
    .where("user_id", "=", key.id)
    .execute();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    locale: row.locale,
    role: bestRole(held.map((m) => m.role)),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Whether a user with this e-mail exists in the workspace. */
export async function emailTaken(
  db: Db,
  key: { workspaceId: string; email: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("workspace_id", "=", key.workspaceId)
    .where("email", "=", key.email)
    .executeTakeFirst();
  return row !== undefined;
}

/** Changes a user's name, locale or status. */
export async function updateUser(
  trx: Db,
  input: {
    workspaceId: string;
    id: string;
    name?: string;
    locale?: string;
    status?: UserStatus;
    now: number;
  },
): Promise<void> {
  await trx
    .updateTable("users")
    .set({
      updated_at: input.now,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    })
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.id)
    .execute();
}

/** Active users holding a workspace `admin` membership. */
export async function activeAdminIds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("memberships.user_id")
    .distinct()
    .where("memberships.workspace_id", "=", workspaceId)
    .where("users.workspace_id", "=", workspaceId)
    .where("memberships.role", "=", "admin")
    .where("users.status", "=", "active")
    .execute();
  return rows.map((r) => r.user_id);
}

const toMembership = (r: {
  id: string;
  user_id: string;
  team_id: string | null;
  role: Role;
  created_at: number;
}): StoredMembership => ({
  id: r.id,
  userId: r.user_id,
  teamId: r.team_id,
  role: r.role,
  createdAt: Number(r.created_at),
});

/** Memberships of a workspace, of one user or one team (`teamId: null`: workspace-wide only). */
export async function listMemberships(
  db: Db,
  query: { workspaceId: string; userId?: string; teamId?: string | null },
): Promise<StoredMembership[]> {
  let select = db
    .selectFrom("memberships")
    .select(["id", "user_id", "team_id", "role", "created_at"])
    .where("workspace_id", "=", query.workspaceId);
  if (query.userId !== undefined) select = select.where("user_id", "=", query.userId);
  if (query.teamId === null) select = select.where("team_id", "is", null);
  else if (query.teamId !== undefined) select = select.where("team_id", "=", query.teamId);
  const rows = await select.orderBy("created_at").orderBy("id").execute();
  return rows.map(toMembership);
}

/** One membership by id. */
export async function getMembership(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredMembership | undefined> {
  const row = await db
    .selectFrom("memberships")
    .select(["id", "user_id", "team_id", "role", "created_at"])
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row && toMembership(row);
}

/** Deletes memberships by id; returns how many went. */
export async function deleteMemberships(
  trx: Db,
  key: { workspaceId: string; ids: readonly string[] },
): Promise<number> {
  if (key.ids.length === 0) return 0;
  const result = await trx
    .deleteFrom("memberships")
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "in", [...key.ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const toBusinessRole = (r: {
  id: string;
  user_id: string;
  role_key: string;
  team_id: string | null;
  created_at: number;
}): StoredBusinessRole => ({
  id: r.id,
  userId: r.user_id,
  role: r.role_key,
  teamId: r.team_id,
  createdAt: Number(r.created_at),
});

/** Business roles of a workspace, of one user or one role key. */
export async function listBusinessRoles(
  db: Db,
  query: { workspaceId: string; userId?: string; role?: string },
): Promise<StoredBusinessRole[]> {
  let select = db
    .selectFrom("user_roles")
    .select(["id", "user_id", "role_key", "team_id", "created_at"])
    .where("workspace_id", "=", query.workspaceId);
  if (query.userId !== undefined) select = select.where("user_id", "=", query.userId);
  if (query.role !== undefined) select = select.where("role_key", "=", query.role);
  const rows = await select.orderBy("created_at").orderBy("id").execute();
  return rows.map(toBusinessRole);
}

/** One business-role grant by id. */
export async function getBusinessRole(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredBusinessRole | undefined> {
  const row = await db
    .selectFrom("user_roles")
    .select(["id", "user_id", "role_key", "team_id", "created_at"])
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row && toBusinessRole(row);
}

/** Deletes a business-role grant; false when there is none. */
export async function deleteBusinessRole(
  trx: Db,
  key: { workspaceId: string; id: string },
): Promise<boolean> {
  const result = await trx
    .deleteFrom("user_roles")
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Grants a business role; returns the grant's id. */
export async function insertBusinessRole(
  trx: Db,
  input: { workspaceId: string; userId: string; role: string; teamId?: string | null; now: number },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("user_roles")
    .values({
      id,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      role_key: input.role,
      team_id: input.teamId ?? null,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** Ends a user's browser sessions, except the one whose id digest is `keep`. */
export async function deleteUserSessions(
  trx: Db,
  input: { workspaceId: string; userId: string; keep?: string },
): Promise<void> {
  let query = trx
    .deleteFrom("sessions")
    .where("workspace_id", "=", input.workspaceId)
    .where("user_id", "=", input.userId);
  if (input.keep !== undefined) query = query.where("id_hash", "!=", input.keep);
  await query.execute();
}
