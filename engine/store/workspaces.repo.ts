/**
 * @module store/workspaces.repo
 * Workspaces and their people: users, teams (with managers, which approver resolution walks up)
 * and memberships with roles.
 */
import { newId } from "./ids.ts";
import { fromJson, toJson } from "./json.ts";
import type { Role, UserStatus } from "./schema.ts";
import type { Db } from "./store-errors.ts";

export interface StoredWorkspace {
  readonly id: string;
  readonly name: string;
  readonly settings: Record<string, unknown>;
  readonly createdAt: number;
}

/** Creates a workspace; returns its id. */
export async function insertWorkspace(
  trx: Db,
  input: { name: string; settings?: Record<string, unknown>; now: number; id?: string },
): Promise<string> {
  const id = input.id ?? newId();
  await trx
    .insertInto("workspaces")
    .values({ id, name: input.name, settings: toJson(input.settings ?? {}), created_at: input.now })
    .execute();
  return id;
}

/** A workspace by id. */
export async function getWorkspace(db: Db, id: string): Promise<StoredWorkspace | undefined> {
  const row = await db.selectFrom("workspaces").selectAll().where("id", "=", id).executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      settings: fromJson<Record<string, unknown>>(row.settings),
      createdAt: row.created_at,
    }
  );
}

/** Replaces one key of a workspace's settings (the others are kept). */
export async function setWorkspaceSetting(
  trx: Db,
  input: { workspaceId: string; key: string; value: unknown },
): Promise<void> {
  const workspace = await getWorkspace(trx, input.workspaceId);
  if (!workspace) throw new Error(`Workspace ${input.workspaceId} is missing`);
  const settings = { ...workspace.settings, [input.key]: input.value };
  await trx
    .updateTable("workspaces")
    .set({ settings: toJson(settings) })
    .where("id", "=", input.workspaceId)
    .execute();
}

/** Creates a user in a workspace; returns its id. The email is unique per workspace. */
export async function insertUser(
  trx: Db,
  input: {
    workspaceId: string;
    email: string;
    name: string;
    passwordHash?: string | null;
    status?: UserStatus;
    locale?: string;
    now: number;
    id?: string;
  },
): Promise<string> {
  const id = input.id ?? newId();
  await trx
    .insertInto("users")
    .values({
      id,
      workspace_id: input.workspaceId,
      email: input.email,
      name: input.name,
      password_hash: input.passwordHash ?? null,
      status: input.status ?? "active",
      locale: input.locale ?? "zh-CN",
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

/** Creates a team; `parentId` places it in the org chart, `managerId` names its manager. */
export async function insertTeam(
  trx: Db,
  input: {
    workspaceId: string;
    name: string;
    parentId?: string | null;
    managerId?: string | null;
    now: number;
    id?: string;
  },
): Promise<string> {
  const id = input.id ?? newId();
  await trx
    .insertInto("teams")
    .values({
      id,
      workspace_id: input.workspaceId,
      name: input.name,
      parent_id: input.parentId ?? null,
      manager_id: input.managerId ?? null,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** Gives a user a role, in a team or (with no team) workspace-wide. */
export async function insertMembership(
  trx: Db,
  input: { workspaceId: string; userId: string; teamId?: string | null; role: Role; now: number },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("memberships")
    .values({
      id,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      team_id: input.teamId ?? null,
      role: input.role,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** Assigns a named calendar to an account record, or removes the assignment (`null`). */
export async function setAccountCalendar(
  trx: Db,
  input: { workspaceId: string; recordId: string; calendarKey: string | null; now: number },
): Promise<void> {
  await trx
    .deleteFrom("account_calendars")
    .where("workspace_id", "=", input.workspaceId)
    .where("record_id", "=", input.recordId)
    .execute();
  if (input.calendarKey === null) return;
  await trx
    .insertInto("account_calendars")
    .values({
      workspace_id: input.workspaceId,
      record_id: input.recordId,
      calendar_key: input.calendarKey,
      updated_at: input.now,
    })
    .execute();
}

/** Every account → calendar assignment of a workspace, by record id. */
export async function listAccountCalendars(
  db: Db,
  workspaceId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("account_calendars")
    .select(["record_id", "calendar_key"])
    .where("workspace_id", "=", workspaceId)
    .execute();
  return new Map(rows.map((r) => [r.record_id, r.calendar_key]));
}
