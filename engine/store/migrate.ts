/**
 * @module store/migrate
 * Applies kamflow's migrations with Kysely's Migrator. Safe when several processes start at once:
 * on PostgreSQL a session advisory lock (per schema) covers the whole run, including the creation
 * of Kysely's own bookkeeping tables, which Kysely does before taking its lock; on SQLite the run
 * is one IMMEDIATE transaction (see store/sqlite-dialect).
 */
import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from "kysely";
import { KamError } from "../errors/index.ts";
import { migrationsFor } from "./migrations/index.ts";
import { createSchemaIfMissing } from "./raw-sql.ts";
import type { Database } from "./schema.ts";
import type { SqliteMigrationRun } from "./sqlite-dialect.ts";

/** Marks the run failed when a migration throws, so the SQLite adapter rolls the run back. */
function tracked(migrations: Record<string, Migration>, run: SqliteMigrationRun) {
  const out: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    out[name] = {
      async up(db) {
        try {
          await migration.up(db);
        } catch (error) {
          run.failed = true;
          throw error;
        }
      },
    };
  }
  return out;
}

function check(result: MigrationResultSet): string[] {
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "(setup)";
    const detail = result.error instanceof Error ? result.error.message : String(result.error);
    throw new KamError(
      "STORE_MIGRATION_FAILED",
      "",
      { migration: failed, detail },
      { cause: result.error },
    );
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/**
 * Applies pending SQLite migrations; returns the names applied. `all` is for tests of a failing
 * migration; it defaults to kamflow's.
 */
export async function migrateSqlite(
  db: Kysely<Database>,
  run: SqliteMigrationRun,
  all: Record<string, Migration> = migrationsFor("sqlite"),
): Promise<string[]> {
  const migrations = tracked(all, run);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return check(await migrator.migrateToLatest());
}

/** PostgreSQL errors of the Migrator's setup racing a schema created an instant earlier. */
const SETUP_RACES = new Set(["3F000", "42703", "42P01"]);

/**
 * Applies pending PostgreSQL migrations in `schema` (created if missing) or else the connections'
 * current schema; returns the names applied. The advisory lock is held on one pooled connection while the Migrator works on others.
 */
export async function migratePostgres(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const migrations = migrationsFor("postgres");
  return db.connection().execute(async (conn) => {
    const lockKey = `kamflow.migrate.${schema ?? "(search_path)"}`;
    await sql`select pg_advisory_lock(hashtext(${lockKey}))`.execute(conn);
    try {
      // Inside the lock: concurrent `create schema if not exists` can fail on a unique index.
      if (schema !== undefined) await createSchemaIfMissing(conn, schema);
      const current = await sql<{
        schema: string | null;
      }>`select current_schema() as schema`.execute(conn);
      const migrationSchema = current.rows[0]?.schema;
      if (!migrationSchema) throw new Error("The search_path names no existing schema to migrate.");
      // The migration tables live in the same schema: Kysely otherwise looks for them in every
      // schema and would find another tenant's (or another test's) bookkeeping.
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => migrations },
        migrationTableSchema: migrationSchema,
      });
      // The Migrator works on other pooled connections. Under load one of them has been seen to
      // miss a schema created an instant earlier on `conn` ("schema … does not exist", 3F000),
      // or a bookkeeping table's column ("is_locked" does not exist, 42703), while creating its
      // bookkeeping tables: that setup step is idempotent, so try it again.
      for (let attempt = 1; ; attempt++) {
        const result = await migrator.migrateToLatest();
        const code = (result.error as { code?: string } | undefined)?.code;
        if (!SETUP_RACES.has(code ?? "") || attempt >= 5) return check(result);
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${lockKey}))`.execute(conn);
    }
  });
}
