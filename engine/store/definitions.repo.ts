/**
 * @module store/definitions.repo
 * Versioned definitions (forms, tier models, flows, packs): a draft gets the next version number
 * of its (kind, key); publishing freezes it; running instances keep the version they started on.
 * A draft's checksum (sha256 of its canonical body) is its ETag for concurrent edits.
 */
import { KamError } from "../errors/index.ts";
import { newId } from "./ids.ts";
import { canonicalJson, fromJson, sha256Hex, toJson } from "./json.ts";
import type { DefinitionStatus, DefinitionsTable } from "./schema.ts";
import {
  conflict,
  type Db,
  entityNames,
  isUniqueViolation,
  notFound,
  stateInvalid,
} from "./store-errors.ts";

export interface StoredDefinition<T = unknown> {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: string;
  readonly key: string;
  readonly version: number;
  readonly status: DefinitionStatus;
  readonly body: T;
  readonly checksum: string;
  readonly note: string | null;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly publishedAt: number | null;
}

/** The checksum of a definition body: sha256 of its canonical JSON. */
export function definitionChecksum(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

function toDefinition<T>(row: DefinitionsTable): StoredDefinition<T> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    key: row.key,
    version: row.version,
    status: row.status,
    body: fromJson<T>(row.body),
    checksum: row.checksum,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at,
  };
}

/**
 * Inserts the next version of (kind, key) as a draft, or directly as published (template
 * installs). Two concurrent inserts of one key cannot take the same version: the unique
 * (workspace, kind, key, version) rejects the second.
 * @example
 * const draft = await insertDefinition(trx, { workspaceId, kind: "flow", key: "escalation", body, now });
 */
export async function insertDefinition<T>(
  trx: Db,
  input: {
    workspaceId: string;
    kind: string;
    key: string;
    body: T;
    status?: "draft" | "published";
    note?: string | null;
    createdBy?: string | null;
    now: number;
  },
): Promise<StoredDefinition<T>> {
  const last = await trx
    .selectFrom("definitions")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("workspace_id", "=", input.workspaceId)
    .where("kind", "=", input.kind)
    .where("key", "=", input.key)
    .executeTakeFirst();
  const status = input.status ?? "draft";
  const version = Number(last?.version ?? 0) + 1;
  const row = await trx
    .insertInto("definitions")
    .values({
      id: newId(),
      workspace_id: input.workspaceId,
      kind: input.kind,
      key: input.key,
      version,
      status,
      body: toJson(input.body),
      checksum: definitionChecksum(input.body),
      note: input.note ?? null,
      created_by: input.createdBy ?? null,
      created_at: input.now,
      published_at: status === "published" ? input.now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new KamError(
          "STORE_CONFLICT",
          "",
          {
            entity: entityNames.definition,
            id: `${input.kind}/${input.key}`,
            expected: version - 1,
          },
          { cause: error },
        );
      }
      throw error;
    });
  return toDefinition<T>(row);
}

/** A definition version by id. */
export async function getDefinition<T = unknown>(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredDefinition<T> | undefined> {
  const row = await db
    .selectFrom("definitions")
    .selectAll()
    .where("id", "=", key.id)
    .where("workspace_id", "=", key.workspaceId)
    .executeTakeFirst();
  return row && toDefinition<T>(row);
}

/** The newest published version of (kind, key), which new instances start on. */
export async function latestPublished<T = unknown>(
  db: Db,
  key: { workspaceId: string; kind: string; key: string },
): Promise<StoredDefinition<T> | undefined> {
  const row = await db
    .selectFrom("definitions")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("kind", "=", key.kind)
    .where("key", "=", key.key)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && toDefinition<T>(row);
}

/** Every version of a workspace's definitions of one kind (or all), by key and version. */
export async function listDefinitions(
  db: Db,
  filter: { workspaceId: string; kind?: string; status?: DefinitionStatus },
): Promise<StoredDefinition[]> {
  let query = db
    .selectFrom("definitions")
    .selectAll()
    .where("workspace_id", "=", filter.workspaceId);
  if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  const rows = await query.orderBy("kind").orderBy("key").orderBy("version").execute();
  return rows.map((row) => toDefinition(row));
}

/** Why a status-guarded change matched no row: not there, wrong status, or (drafts) a newer edit. */
async function explainMiss(
  db: Db,
  key: { workspaceId: string; id: string },
  expectedStatus: DefinitionStatus,
  expectedChecksum?: string,
): Promise<never> {
  const current = await getDefinition(db, key);
  if (current === undefined) throw notFound("definition", key.id);
  if (current.status !== expectedStatus) {
    throw stateInvalid("definition", key.id, current.status, expectedStatus);
  }
  throw conflict("definition", key.id, expectedChecksum ?? current.checksum);
}

/**
 * Replaces a draft's body if its checksum is still `expectedChecksum` (If-Match).
 * @throws KamError STORE_CONFLICT, STORE_STATE_INVALID (not a draft) or STORE_NOT_FOUND.
 */
export async function updateDraft<T>(
  trx: Db,
  input: {
    workspaceId: string;
    id: string;
    expectedChecksum: string;
    body: T;
    note?: string | null;
  },
): Promise<StoredDefinition<T>> {
  const row = await trx
    .updateTable("definitions")
    .set({
      body: toJson(input.body),
      checksum: definitionChecksum(input.body),
      ...(input.note !== undefined ? { note: input.note } : {}),
    })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("status", "=", "draft")
    .where("checksum", "=", input.expectedChecksum)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return explainMiss(trx, input, "draft", input.expectedChecksum);
  return toDefinition<T>(row);
}

/**
 * Publishes a draft (validate it first): from now on it is frozen.
 * @throws KamError STORE_STATE_INVALID (not a draft) or STORE_NOT_FOUND.
 */
export async function publishDefinition(
  trx: Db,
  input: { workspaceId: string; id: string; now: number },
): Promise<StoredDefinition> {
  const row = await trx
    .updateTable("definitions")
    .set({ status: "published", published_at: input.now })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("status", "=", "draft")
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return explainMiss(trx, input, "draft");
  return toDefinition(row);
}

/**
 * Archives a published version: no new instances start on it; running ones finish on it.
 * @throws KamError STORE_STATE_INVALID (not published) or STORE_NOT_FOUND.
 */
export async function archiveDefinition(
  trx: Db,
  input: { workspaceId: string; id: string },
): Promise<StoredDefinition> {
  const row = await trx
    .updateTable("definitions")
    .set({ status: "archived" })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("status", "=", "published")
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return explainMiss(trx, input, "published");
  return toDefinition(row);
}
