/**
 * @module store/testing/databases
 * The databases a store test suite runs against: SQLite in a temporary file always, and
 * PostgreSQL when it is reachable at `DATABASE_URL` (default: the local test server). Each store
 * opened here lives in its own fresh location — a temporary folder, or a `kamflow_t_<random>`
 * schema — removed on close, so test files can run in parallel.
 *
 * PostgreSQL unreachable: with `CI` set this module throws (a CI run must not pass without it);
 * otherwise its suites are left out with one printed warning.
 *
 * @example
 * for (const database of testDatabases()) {
 *   describe(database.name, () => {
 *     let store: Store;
 *     beforeEach(async () => { store = await database.open(); });
 *     afterEach(() => store.close());
 *     it("…", async () => { … });
 *   });
 * }
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { it } from "vitest";
import { openStore, type Store, type StoreOptions } from "../open-store.ts";

/** An empty database location from which any number of (unmigrated) stores can be opened. */
export interface TestLocation {
  readonly url: string;
  readonly options: StoreOptions;
  /** Opens another store on this location (not migrated). */
  open(): Promise<Store>;
  /** Removes the location (the temporary folder or the schema). Close its stores first. */
  dispose(): Promise<void>;
}

export interface TestDatabase {
  readonly name: "sqlite" | "postgres";
  /** A migrated store in a fresh location; `close()` also removes the location. */
  open(): Promise<Store>;
  /** A fresh, empty location, for tests that open several stores on one database. */
  location(): Promise<TestLocation>;
}

/** The PostgreSQL server tests use. */
export const testPostgresUrl =
  process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

// Probed once per test file (top-level await), so `testDatabases()` can stay synchronous for
// use at `describe` time.
const postgresProblem = await probe(testPostgresUrl);
if (postgresProblem !== undefined && process.env.CI) {
  throw new Error(`PostgreSQL is required in CI but unreachable: ${postgresProblem}`);
}
let warned = false;

function sqliteLocation(): Promise<TestLocation> {
  const folder = mkdtempSync(join(tmpdir(), "kamflow-store-"));
  const url = `file:${join(folder, "kamflow.db")}`;
  return Promise.resolve({
    url,
    options: {},
    open: () => openStore(url),
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  });
}

async function postgresLocation(): Promise<TestLocation> {
  const schema = `kamflow_t_${randomBytes(6).toString("hex")}`;
  const options: StoreOptions = { schema, poolSize: 4, serialQueries: true };
  return {
    url: testPostgresUrl,
    options,
    open: () => openStore(testPostgresUrl, options),
    async dispose() {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${client.escapeIdentifier(schema)} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

function database(
  name: "sqlite" | "postgres",
  location: () => Promise<TestLocation>,
): TestDatabase {
  return {
    name,
    location,
    async open() {
      const where = await location();
      const store = await where.open();
      await store.migrate();
      return {
        ...store,
        async close() {
          await store.close();
          await where.dispose();
        },
      };
    },
  };
}

/** The databases to run a suite against (see the module example). */
export function testDatabases(): TestDatabase[] {
  const list = [database("sqlite", sqliteLocation)];
  if (postgresProblem === undefined) list.push(database("postgres", postgresLocation));
  else if (!warned) {
    warned = true;
    console.warn(`PostgreSQL suites skipped: ${testPostgresUrl} unreachable (${postgresProblem})`);
  }
  return list;
}

/**
 * `it` when the suite runs on `dialect`, else a function that registers nothing: a test of a
 * PostgreSQL-only behaviour (row locks between pools) has no SQLite counterpart to skip.
 */
export function onlyOn(database: TestDatabase, dialect: TestDatabase["name"]): typeof it {
  const register: unknown = database.name === dialect ? it : () => {};
  return register as typeof it;
}
