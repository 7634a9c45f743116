/**
 * @module store/open-store
 * Opens kamflow's database from a URL: embedded SQLite by default, PostgreSQL to scale out.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Kysely, sql, type Transaction } from "kysely";
import { KamError } from "../errors/index.ts";
import { faultPoint } from "./fault-points.ts";
import { migratePostgres, migrateSqlite } from "./migrate.ts";
import { type PostgresOptions, postgresDialect } from "./postgres-dialect.ts";
import { assertSchemaName } from "./raw-sql.ts";
import type { Database } from "./schema.ts";
import { type SqliteMigrationRun, type SqliteOptions, sqliteDialect } from "./sqlite-dialect.ts";

/** The database kamflow uses when no URL is given: a SQLite file under `./data/`. */
export const DEFAULT_STORE_URL = "file:./data/kamflow.db";

export type StoreDialect = "sqlite" | "postgres";

/** Options of `openStore`; each applies to one dialect and is ignored by the other. */
export interface StoreOptions extends SqliteOptions, PostgresOptions {}

/** An open kamflow database. Repositories take `store.db` or the `trx` of `store.transaction`. */
export interface Store {
  /** The query builder over kamflow's tables. */
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. On
   * SQLite it begins IMMEDIATE (it waits for the write lock first, so it never fails to upgrade);
   * on PostgreSQL it is READ COMMITTED, and versioned updates guard against lost updates.
   */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** Applies pending migrations (safe to call from several processes); returns the names applied. */
  migrate(): Promise<string[]>;
  /**
   * SQLite: copies the WAL into the database file and truncates it, so the WAL does not grow
   * without bound under steady writes (readers can stop automatic checkpoints). PostgreSQL: no-op.
   */
  checkpoint(): Promise<void>;
  /** Closes the connection (SQLite) or the pool (PostgreSQL). */
  close(): Promise<void>;
}

/**
 * `store.transaction` over `db`, with the fault points just before and just after COMMIT (see
 * store/fault-points; disarmed, each is one boolean check).
 */
function transactional(db: Kysely<Database>): Store["transaction"] {
  return async (fn) => {
    const result = await db.transaction().execute(async (trx) => {
      const value = await fn(trx);
      faultPoint("commit.before");
      return value;
    });
    faultPoint("commit.after");
    return result;
  };
}

type Target =
  | { readonly dialect: "sqlite"; readonly path: string }
  | { readonly dialect: "postgres"; readonly url: string };

/** Reads a store URL; never echoes the URL itself in errors, since it may hold a password. */
function parseStoreUrl(url: string): Target {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { dialect: "postgres", url };
  }
  if (url === "file::memory:" || url === ":memory:") return { dialect: "sqlite", path: ":memory:" };
  if (url.startsWith("file://")) return { dialect: "sqlite", path: fileURLToPath(url) };
  if (url.startsWith("file:")) return { dialect: "sqlite", path: url.slice("file:".length) };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url.slice(0, 12);
  throw new KamError("STORE_URL_UNSUPPORTED", "", { scheme });
}

/**
 * Opens the database named by `url`:
 * - `file:./data/kamflow.db` (the default; the folder is created), `file:/abs/path.db`,
 *   `file:///abs/path.db`, or `file::memory:` for a private in-memory database;
 * - `postgres://user:pass@host:5432/db` (or `postgresql://`), optionally in `options.schema`.
 *
 * The store is not migrated: call `migrate()` once at startup.
 * @throws KamError STORE_URL_UNSUPPORTED for any other scheme.
 * @example
 * const store = await openStore(process.env.DATABASE_URL ?? DEFAULT_STORE_URL);
 * await store.migrate();
 * const record = await store.transaction((trx) =>
 *   insertRecord(trx, { workspaceId, formKey: "account", data: { name: "ACME" }, now: clock.now() }),
 * );
 * await store.close();
 */
export async function openStore(
  url: string = DEFAULT_STORE_URL,
  options: StoreOptions = {},
): Promise<Store> {
  const target = parseStoreUrl(url);
  if (target.dialect === "postgres") return openPostgres(target.url, options);

  if (target.path !== ":memory:") mkdirSync(dirname(target.path), { recursive: true });
  const run: SqliteMigrationRun = { failed: false };
  const db = new Kysely<Database>({ dialect: sqliteDialect(target.path, run, options) });
  return {
    db,
    dialect: "sqlite",
    transaction: transactional(db),
    migrate: () => migrateSqlite(db, run),
    async checkpoint() {
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
    },
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  if (options.schema !== undefined) assertSchemaName(options.schema);
  const db = new Kysely<Database>({ dialect: postgresDialect(url, options) });
  return {
    db,
    dialect: "postgres",
    transaction: transactional(db),
    migrate: () => migratePostgres(db, options.schema),
    async checkpoint() {},
    close: () => db.destroy(),
  };
}
