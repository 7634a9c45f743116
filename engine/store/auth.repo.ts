/**
 * @module store/auth.repo
 * Who is calling: users with their password hashes and workspace role, browser sessions and API
 * tokens. Secrets are stored as SHA-256 digests only (a stolen database holds no usable cookie or
 * token); the callers hash before they ask.
 */
import { newId } from "./ids.ts";
import { type Role, roles } from "./schema.ts";
import type { Db } from "./store-errors.ts";

/** A user as authentication sees them. */
export interface AuthUser {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly name: string;
  readonly status: string;
  readonly locale: string;
  readonly passwordHash: string | null;
}

const columns = [
  "id",
  "workspace_id",
  "email",
  "name",
  "status",
  "locale",
  "password_hash",
] as const;

function toUser(row: {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  status: string;
  locale: string;
  password_hash: string | null;
}): AuthUser {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    status: row.status,
    locale: row.locale,
    passwordHash: row.password_hash,
  };
}

/** Users with this e-mail (one per workspace), for login. */
export async function findUsersByEmail(db: Db, email: string): Promise<AuthUser[]> {
  const rows = await db.selectFrom("users").select(columns).where("email", "=", email).execute();
  return rows.map(toUser);
}

/** A user of a workspace by id. */
export async function getAuthUser(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<AuthUser | undefined> {
  const row = await db
    .selectFrom("users")
    .select(columns)
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row && toUser(row);
}

/** Sets a user's password hash. */
export async function setPasswordHash(
  trx: Db,
  input: { workspaceId: string; userId: string; passwordHash: string; now: number },
): Promise<void> {
  await trx
    .updateTable("users")
    .set({ password_hash: input.passwordHash, updated_at: input.now })
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.userId)
    .execute();
}

/** Roles from most to least privileged. */
const RANK: readonly Role[] = roles;

/**
 * The user's role in the workspace: the most privileged of their memberships, or `viewer` when
 * they have none (least privilege by default).
 */
export async function workspaceRole(
  db: Db,
  key: { workspaceId: string; userId: string },
): Promise<Role> {
  const rows = await db
    .selectFrom("memberships")
    .select("role")
    .where("workspace_id", "=", key.workspaceId)
    .where("user_id", "=", key.userId)
    .execute();
  let best = RANK.length - 1;
  for (const { role } of rows) best = Math.min(best, Math.max(0, RANK.indexOf(role)));
  return RANK[best] ?? "viewer";
}

/** A session as the server reads it back. */
export interface StoredSession {
  readonly workspaceId: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** Stores a session under the digest of its id. */
export async function insertSession(
  trx: Db,
  input: {
    idHash: string;
    workspaceId: string;
    userId: string;
    csrfToken: string;
    now: number;
    expiresAt: number;
  },
): Promise<void> {
  await trx
    .insertInto("sessions")
    .values({
      id_hash: input.idHash,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      csrf_token: input.csrfToken,
      created_at: input.now,
      expires_at: input.expiresAt,
    })
    .execute();
}

/** A live session by the digest of its id (expired ones are not returned). */
export async function getSession(
  db: Db,
  idHash: string,
  now: number,
): Promise<StoredSession | undefined> {
  const row = await db
    .selectFrom("sessions")
    .select(["workspace_id", "user_id", "csrf_token", "expires_at"])
    .where("id_hash", "=", idHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return (
    row && {
      workspaceId: row.workspace_id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      expiresAt: Number(row.expires_at),
    }
  );
}

/** Ends a session. */
export async function deleteSession(trx: Db, idHash: string): Promise<void> {
  await trx.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** An API token's metadata (never its secret). */
export interface StoredApiToken {
  readonly id: string;
  readonly workspaceId: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** Stores a new API token by its digest; returns its id. */
export async function insertApiToken(
  trx: Db,
  input: { workspaceId: string; userId: string; name: string; tokenHash: string; now: number },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("api_tokens")
    .values({
      id,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      name: input.name,
      token_hash: input.tokenHash,
      created_at: input.now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return id;
}

const tokenColumns = [
  "id",
  "workspace_id",
  "user_id",
  "name",
  "created_at",
  "last_used_at",
  "revoked_at",
] as const;

function toToken(row: {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}): StoredApiToken {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    name: row.name,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

/** A token that is not revoked, by the digest of its secret. */
export async function findApiToken(db: Db, tokenHash: string): Promise<StoredApiToken | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .select(tokenColumns)
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row && toToken(row);
}

/** The tokens a user made, newest first. */
export async function listApiTokens(
  db: Db,
  key: { workspaceId: string; userId: string },
): Promise<StoredApiToken[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .select(tokenColumns)
    .where("workspace_id", "=", key.workspaceId)
    .where("user_id", "=", key.userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toToken);
}

/** Revokes one of a user's tokens; false when there is no such live token. */
export async function revokeApiToken(
  trx: Db,
  key: { workspaceId: string; userId: string; id: string; now: number },
): Promise<boolean> {
  const result = await trx
    .updateTable("api_tokens")
    .set({ revoked_at: key.now })
    .where("workspace_id", "=", key.workspaceId)
    .where("user_id", "=", key.userId)
    .where("id", "=", key.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records that a token was used (at most the caller's resolution of time). */
export async function touchApiToken(trx: Db, id: string, now: number): Promise<void> {
  await trx.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}
