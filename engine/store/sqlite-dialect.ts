/**
 * @module store/sqlite-dialect
 * Kysely's SQLite dialect for better-sqlite3 with two changes kamflow relies on:
 * - every write transaction begins IMMEDIATE, taking the write lock up front;
 * - migrations run inside one IMMEDIATE transaction (all or nothing, one process at a time).
 */
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Kysely,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from "kysely";

/** The state of a migration run, shared by the migration provider and the adapter. */
export interface SqliteMigrationRun {
  /** A migration of this run threw: roll the whole run back. */
  failed: boolean;
  /** The run's transaction began (so release must end it). */
  locked?: boolean;
}

/**
 * `BEGIN` in SQLite is deferred: the transaction takes the write lock at its first write. When
 * another process committed since the transaction's first read, SQLite cannot upgrade the lock
 * and fails with SQLITE_BUSY at once — busy_timeout does not help. `BEGIN IMMEDIATE` waits for
 * the write lock (up to busy_timeout) before reading anything, so it never has to upgrade.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const begin = settings?.accessMode === "read only" ? "begin deferred" : "begin immediate";
    await connection.executeQuery(CompiledQuery.raw(begin));
  }
}

/**
 * Kysely runs SQLite migrations outside a transaction and takes no lock (its adapter's lock is a
 * no-op), so two processes starting on a fresh file could both run a migration, and a failing
 * migration would leave half its tables. SQLite DDL is transactional: the "lock" here is an
 * IMMEDIATE transaction around the whole run, rolled back if a migration failed.
 */
class MigratingSqliteAdapter extends SqliteAdapter {
  readonly #run: SqliteMigrationRun;

  constructor(run: SqliteMigrationRun) {
    super();
    this.#run = run;
  }

  override async acquireMigrationLock(db: Pick<Kysely<unknown>, "executeQuery">): Promise<void> {
    this.#run.failed = false;
    this.#run.locked = false;
    await db.executeQuery(CompiledQuery.raw("begin immediate"));
    this.#run.locked = true;
  }

  override async releaseMigrationLock(db: Pick<Kysely<unknown>, "executeQuery">): Promise<void> {
    // Kysely releases in a `finally`, also when taking the lock failed (SQLITE_BUSY).
    if (!this.#run.locked) return;
    this.#run.locked = false;
    await db.executeQuery(CompiledQuery.raw(this.#run.failed ? "rollback" : "commit"));
  }
}

class KamflowSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #run: SqliteMigrationRun;

  constructor(config: SqliteDialectConfig, run: SqliteMigrationRun) {
    super(config);
    this.#config = config;
    this.#run = run;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new MigratingSqliteAdapter(this.#run);
  }
}

/**
 * Switches a database to WAL, retrying while another process holds the lock. Changing the journal
 * mode of a fresh file takes an exclusive lock and SQLite answers SQLITE_BUSY at once, without
 * its busy handler — seen when the server and the CLI open a new file at the same moment.
 */
function enableWal(database: BetterSqlite3.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      database.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "SQLITE_BUSY";
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/** Statements kept prepared per connection: kamflow issues a few dozen distinct queries. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 behind Kysely's `SqliteDatabase` port, with prepared statements reused by SQL
 * text. Kysely prepares every query anew; preparing was a sixth of a durable step's time.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDialectConfig["database"] {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      return statement;
    },
  } as SqliteDialectConfig["database"];
}

export interface SqliteOptions {
  /**
   * How long a transaction waits for another process's write lock before SQLITE_BUSY.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens a SQLite file (or `":memory:"`) with kamflow's settings and returns its Kysely dialect.
 * WAL lets readers run beside the one writer; synchronous=NORMAL is durable at every checkpoint
 * and loses at most the last transactions on power loss (never corrupts) — the usual WAL choice.
 */
export function sqliteDialect(
  path: string,
  run: SqliteMigrationRun,
  options: SqliteOptions = {},
): SqliteDialect {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const database = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  enableWal(database, busyTimeoutMs);
  database.pragma("synchronous = NORMAL");
  database.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  database.pragma("foreign_keys = ON");
  return new KamflowSqliteDialect({ database: withStatementCache(database) }, run);
}
