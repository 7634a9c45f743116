/**
 * @module server/ops/readiness
 * Whether this process can serve: the database answers, and every migration this build knows has
 * been applied (a server started against an older schema, or before `kamflow migrate` finished,
 * is not ready). The check is bounded in time so a hung connection reads as not ready.
 */
import { sql } from "kysely";
import type { Store } from "../../engine/store/index.ts";
import { migrationsFor } from "../../engine/store/migrations/index.ts";

/** The result of a readiness check. */
export type Readiness =
  | { readonly ready: true; readonly migrations: number }
  | {
      readonly ready: false;
      readonly reason: "database-unreachable" | "migrations-pending";
      /** The underlying error, for the log (never sent to the caller). */
      readonly error?: unknown;
      readonly pending?: readonly string[];
    };

/** How long the database may take to answer. @default 2 s */
export const READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Names of the migrations applied to the store's database (empty before the first run). */
async function appliedMigrations(store: Store): Promise<string[]> {
  try {
    const result = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    return result.rows.map((r) => r.name);
  } catch {
    // No bookkeeping table yet: nothing was applied.
    return [];
  }
}

/**
 * Checks the store.
 * @example
 * const readiness = await checkReadiness(store);
 * if (!readiness.ready) console.log(readiness.reason, readiness.pending);
 */
export async function checkReadiness(
  store: Store,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  try {
    await withTimeout(sql`select 1`.execute(store.db), timeoutMs);
  } catch (error) {
    return { ready: false, reason: "database-unreachable", error };
  }
  const expected = Object.keys(migrationsFor(store.dialect));
  let applied: string[];
  try {
    applied = await withTimeout(appliedMigrations(store), timeoutMs);
  } catch (error) {
    return { ready: false, reason: "database-unreachable", error };
  }
  const done = new Set(applied);
  const pending = expected.filter((name) => !done.has(name));
  if (pending.length > 0) return { ready: false, reason: "migrations-pending", pending };
  return { ready: true, migrations: expected.length };
}
