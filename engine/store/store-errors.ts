/**
 * @module store/store-errors
 * The typed errors repositories raise, and recognition of the databases' own constraint errors.
 */
import type { Kysely } from "kysely";
import { KamError, type LocalizedParam } from "../errors/index.ts";
import type { Database } from "./schema.ts";

/** A Kysely instance or a transaction of kamflow's database: what repositories take. */
export type Db = Kysely<Database>;

/** Localized names of the entities store errors mention. */
export const entityNames = {
  workspace: { en: "workspace", "zh-CN": "工作区" },
  user: { en: "user", "zh-CN": "用户" },
  team: { en: "team", "zh-CN": "团队" },
  definition: { en: "definition", "zh-CN": "定义" },
  record: { en: "record", "zh-CN": "记录" },
  instance: { en: "flow instance", "zh-CN": "流程实例" },
  task: { en: "task", "zh-CN": "任务" },
  tierAssignment: { en: "tier assignment", "zh-CN": "分级结果" },
} as const satisfies Record<string, LocalizedParam>;

export type EntityName = keyof typeof entityNames;

/** STORE_NOT_FOUND for an entity id in the current workspace. */
export function notFound(entity: EntityName, id: string): KamError {
  return new KamError("STORE_NOT_FOUND", "", { entity: entityNames[entity], id });
}

/** STORE_CONFLICT: the row's version (or ETag) is no longer `expected`. */
export function conflict(entity: EntityName, id: string, expected: number | string): KamError {
  return new KamError("STORE_CONFLICT", "", { entity: entityNames[entity], id, expected });
}

/** STORE_STATE_INVALID: the row exists but its status forbids the change. */
export function stateInvalid(
  entity: EntityName,
  id: string,
  status: string,
  expected: string,
): KamError {
  return new KamError("STORE_STATE_INVALID", "", {
    entity: entityNames[entity],
    id,
    status,
    expected,
  });
}

/**
 * After a versioned `UPDATE … WHERE id = ? AND workspace_id = ? AND version = ?` changed no row:
 * STORE_NOT_FOUND if the row is not there, else STORE_CONFLICT (someone else updated it first).
 */
export async function missedUpdate(
  db: Db,
  table: "records" | "flow_instances" | "tasks" | "tier_assignments",
  entity: EntityName,
  where: { workspaceId: string; id: string; expectedVersion: number },
): Promise<never> {
  const row = await db
    .selectFrom(table)
    .select("version")
    .where("id", "=", where.id)
    .where("workspace_id", "=", where.workspaceId)
    .executeTakeFirst();
  if (row === undefined) throw notFound(entity, where.id);
  throw conflict(entity, where.id, where.expectedVersion);
}

/** Whether an error is a unique or primary-key violation, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** Whether `error` is a STORE_CONFLICT on `entity` (e.g. to retry a step that lost a race). */
export function isConflictOn(error: unknown, entity: EntityName): boolean {
  return (
    error instanceof KamError &&
    error.code === "STORE_CONFLICT" &&
    error.params.entity === entityNames[entity]
  );
}
