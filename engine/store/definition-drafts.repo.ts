/**
 * @module store/definition-drafts.repo
 * Finding definition versions by (kind, key, version) and the one draft of a key, and
 * discarding a draft. A key has at most one draft: the runtime's draft operations check for it
 * before inserting one, and the unique (workspace, kind, key, version) settles a race.
 */
import { getDefinition, type StoredDefinition } from "./definitions.repo.ts";
import type { DefinitionStatus } from "./schema.ts";
import { conflict, type Db, notFound } from "./store-errors.ts";

interface KeyOf {
  readonly workspaceId: string;
  readonly kind: string;
  readonly key: string;
}

async function byId<T>(
  db: Db,
  workspaceId: string,
  row: { id: string } | undefined,
): Promise<StoredDefinition<T> | undefined> {
  return row ? getDefinition<T>(db, { workspaceId, id: row.id }) : undefined;
}

/** One version of (kind, key), whatever its status. */
export async function getDefinitionVersion<T = unknown>(
  db: Db,
  key: KeyOf & { readonly version: number },
): Promise<StoredDefinition<T> | undefined> {
  const row = await db
    .selectFrom("definitions")
    .select("id")
    .where("workspace_id", "=", key.workspaceId)
    .where("kind", "=", key.kind)
    .where("key", "=", key.key)
    .where("version", "=", key.version)
    .executeTakeFirst();
  return byId<T>(db, key.workspaceId, row);
}

/** The draft of (kind, key), if it has one. */
export async function getDraft<T = unknown>(
  db: Db,
  key: KeyOf,
): Promise<StoredDefinition<T> | undefined> {
  const row = await db
    .selectFrom("definitions")
    .select("id")
    .where("workspace_id", "=", key.workspaceId)
    .where("kind", "=", key.kind)
    .where("key", "=", key.key)
    .where("status", "=", "draft")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return byId<T>(db, key.workspaceId, row);
}

/** The highest version of (kind, key) among `statuses` (every status by default). */
export async function latestDefinitionVersion<T = unknown>(
  db: Db,
  key: KeyOf & { readonly statuses?: readonly DefinitionStatus[] },
): Promise<StoredDefinition<T> | undefined> {
  let query = db
    .selectFrom("definitions")
    .select("id")
    .where("workspace_id", "=", key.workspaceId)
    .where("kind", "=", key.kind)
    .where("key", "=", key.key);
  if (key.statuses) query = query.where("status", "in", [...key.statuses]);
  const row = await query.orderBy("version", "desc").limit(1).executeTakeFirst();
  return byId<T>(db, key.workspaceId, row);
}

/**
 * Deletes a draft (drafts were never published, so nothing refers to them). With
 * `expectedChecksum`, only if the draft still has it.
 * @throws KamError STORE_NOT_FOUND (no such draft) or STORE_CONFLICT (edited since).
 */
export async function deleteDraft(
  trx: Db,
  input: { workspaceId: string; id: string; expectedChecksum?: string },
): Promise<void> {
  let query = trx
    .deleteFrom("definitions")
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("status", "=", "draft");
  if (input.expectedChecksum !== undefined)
    query = query.where("checksum", "=", input.expectedChecksum);
  const result = await query.executeTakeFirst();
  if (Number(result.numDeletedRows) > 0) return;
  const current = await getDefinition(trx, input);
  if (current === undefined || current.status !== "draft") throw notFound("definition", input.id);
  throw conflict("definition", input.id, input.expectedChecksum ?? current.checksum);
}
