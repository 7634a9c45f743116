/**
 * @module bench/engine/sqlite
 * SQLite files for the benchmark, opened with exactly the settings kamflow's store uses
 * (issue #3): WAL, synchronous=NORMAL, busy_timeout=5000, foreign keys on, and every write
 * transaction begun IMMEDIATE. The raw limit and every durable peer use these, so the only
 * difference between rows is what each engine does around its writes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

/** The pragmas, in the order they are applied. Keep in step with engine/store once it exists. */
export const KAMFLOW_SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "busy_timeout = 5000",
  "foreign_keys = ON",
] as const;

/** A SQLite file in its own directory under os.tmpdir(). */
export interface TempDatabase {
  /** Absolute path of the database file. */
  readonly path: string;
  /** The same file as a kamflow store URL (`file:/tmp/…/bench.db`), for `createEngine`. */
  readonly url: string;
  /** Deletes the directory with the file and its -wal and -shm companions. Idempotent. */
  remove(): void;
}

const created = new Set<TempDatabase>();

/**
 * Creates an empty directory for one database file; the file itself is created by whoever opens
 * it. Every directory is also removed by {@link removeAllTempDatabases}, which the harness calls
 * in a `finally`, so a failing peer leaves nothing behind.
 */
export function tempDatabase(label: string): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), `kamflow-bench-${label}-`));
  const path = join(dir, "bench.db");
  const db: TempDatabase = {
    path,
    url: `file:${path}`,
    remove() {
      rmSync(dir, { recursive: true, force: true });
      created.delete(db);
    },
  };
  created.add(db);
  return db;
}

/** Removes every temporary database still on disk. */
export function removeAllTempDatabases(): void {
  for (const db of [...created]) db.remove();
}

/**
 * Opens a file with kamflow's settings and checks they took effect (journal_mode silently stays
 * `delete` on file systems without shared memory, which would make every figure meaningless).
 */
export function openBenchDatabase(path: string): Database.Database {
  const db = new Database(path);
  for (const pragma of KAMFLOW_SQLITE_PRAGMAS) db.pragma(pragma);
  const mode = db.pragma("journal_mode", { simple: true });
  const sync = db.pragma("synchronous", { simple: true });
  const fk = db.pragma("foreign_keys", { simple: true });
  // synchronous: 1 = NORMAL.
  if (mode !== "wal" || sync !== 1 || fk !== 1) {
    db.close();
    throw new Error(`SQLite settings not applied: journal_mode=${mode} synchronous=${sync}`);
  }
  return db;
}

/** One line describing the settings, for the bench's header. */
export function describeSettings(): string {
  const probe = new Database(":memory:");
  const version = probe.prepare("select sqlite_version() as v").get() as { v: string };
  probe.close();
  return `SQLite ${version.v} (better-sqlite3), ${KAMFLOW_SQLITE_PRAGMAS.join(", ")}, BEGIN IMMEDIATE`;
}
