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

/** Socket errors of a database connection that could not be made or was lost. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL states meaning "the server cannot serve you now", not "your query is wrong":
 * connection exceptions (class 08), shutdown and recovery (57P01–57P03), too many connections
 * (53300) and a session ended for idling in a transaction (25P03).
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300", "25P03"]);

/** What node-postgres throws, without a code, when a connection fails or breaks. */
const PG_CONNECTION_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;

/**
 * Whether `error` says the database is unreachable or refusing work for now (a restart, a
 * failover, a full pool, a write lock held past the busy timeout) rather than that the request
 * was wrong: the server answers 503 with Retry-After, and the client retries.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code === "SQLITE_BUSY")
      return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return PG_CONNECTION_MESSAGE.test(error.message);
}

/** Whether `error` is a STORE_CONFLICT on `entity` (e.g. to retry a step that lost a race). */
export function isConflictOn(error: unknown, entity: EntityName): boolean {
  return (
    error instanceof KamError &&
    error.code === "STORE_CONFLICT" &&
    error.params.entity === entityNames[entity]
  );
}
