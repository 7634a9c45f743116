/**
 * @module store/records.repo
 * Records: the rows of user-defined forms, with JSON data, an owner and a team (row-level
 * visibility), soft delete, and a version for optimistic locking.
 */
import { newId } from "./ids.ts";
import { fromJson, toJson } from "./json.ts";
import type { RecordsTable } from "./schema.ts";
import { type Db, missedUpdate, notFound } from "./store-errors.ts";

export interface StoredRecord<T = Record<string, unknown>> {
  readonly id: string;
  readonly workspaceId: string;
  readonly formKey: string;
  readonly data: T;
  readonly version: number;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly deletedAt: number | null;
}

function toRecord<T>(row: RecordsTable): StoredRecord<T> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    formKey: row.form_key,
    data: fromJson<T>(row.data),
    version: row.version,
    ownerId: row.owner_id,
    teamId: row.team_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/**
 * Inserts a record at version 1.
 * @example
 * const account = await insertRecord(trx, { workspaceId, formKey: "account", data: { name: "ACME" }, ownerId, now });
 */
export async function insertRecord<T = Record<string, unknown>>(
  trx: Db,
  input: {
    workspaceId: string;
    formKey: string;
    data: T;
    ownerId?: string | null;
    teamId?: string | null;
    createdBy?: string | null;
    now: number;
    id?: string;
  },
): Promise<StoredRecord<T>> {
  const row = await trx
    .insertInto("records")
    .values({
      id: input.id ?? newId(),
      workspace_id: input.workspaceId,
      form_key: input.formKey,
      data: toJson(input.data),
      version: 1,
      owner_id: input.ownerId ?? null,
      team_id: input.teamId ?? null,
      created_by: input.createdBy ?? null,
      created_at: input.now,
      updated_at: input.now,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord<T>(row);
}

/** A record by id, or `undefined`; soft-deleted records only with `includeDeleted`. */
export async function getRecord<T = Record<string, unknown>>(
  db: Db,
  key: { workspaceId: string; id: string; includeDeleted?: boolean },
): Promise<StoredRecord<T> | undefined> {
  let query = db
    .selectFrom("records")
    .selectAll()
    .where("id", "=", key.id)
    .where("workspace_id", "=", key.workspaceId);
  if (!key.includeDeleted) query = query.where("deleted_at", "is", null);
  const row = await query.executeTakeFirst();
  return row && toRecord<T>(row);
}

/** A record by id. @throws KamError STORE_NOT_FOUND. */
export async function requireRecord<T = Record<string, unknown>>(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredRecord<T>> {
  const record = await getRecord<T>(db, key);
  if (record === undefined) throw notFound("record", key.id);
  return record;
}

/**
 * Replaces a record's data (and optionally owner and team) if it is still at `expectedVersion`;
 * returns the record at the next version.
 * @throws KamError STORE_CONFLICT if another write came first, STORE_NOT_FOUND if it is gone.
 */
export async function updateRecord<T = Record<string, unknown>>(
  trx: Db,
  input: {
    workspaceId: string;
    id: string;
    expectedVersion: number;
    data: T;
    ownerId?: string | null;
    teamId?: string | null;
    now: number;
  },
): Promise<StoredRecord<T>> {
  const row = await trx
    .updateTable("records")
    .set({
      data: toJson(input.data),
      version: input.expectedVersion + 1,
      updated_at: input.now,
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
    })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("version", "=", input.expectedVersion)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return missedUpdate(trx, "records", "record", input);
  return toRecord<T>(row);
}

/**
 * Soft-deletes a record at `expectedVersion` (it keeps its history and references).
 * @throws KamError STORE_CONFLICT or STORE_NOT_FOUND as `updateRecord`.
 */
export async function softDeleteRecord(
  trx: Db,
  input: { workspaceId: string; id: string; expectedVersion: number; now: number },
): Promise<StoredRecord> {
  const row = await trx
    .updateTable("records")
    .set({ deleted_at: input.now, updated_at: input.now, version: input.expectedVersion + 1 })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("version", "=", input.expectedVersion)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return missedUpdate(trx, "records", "record", input);
  return toRecord(row);
}

/**
 * A page of a form's live records, oldest first (ids are time-ordered): pass the last id of a
 * page as `afterId` for the next.
 */
export async function listRecords<T = Record<string, unknown>>(
  db: Db,
  filter: {
    workspaceId: string;
    formKey: string;
    ownerId?: string;
    teamId?: string;
    afterId?: string;
    limit?: number;
  },
): Promise<StoredRecord<T>[]> {
  let query = db
    .selectFrom("records")
    .selectAll()
    .where("workspace_id", "=", filter.workspaceId)
    .where("form_key", "=", filter.formKey)
    .where("deleted_at", "is", null);
  if (filter.ownerId !== undefined) query = query.where("owner_id", "=", filter.ownerId);
  if (filter.teamId !== undefined) query = query.where("team_id", "=", filter.teamId);
  if (filter.afterId !== undefined) query = query.where("id", ">", filter.afterId);
  const rows = await query
    .orderBy("id")
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((row) => toRecord<T>(row));
}
