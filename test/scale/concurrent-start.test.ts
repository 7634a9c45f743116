/**
 * Three `kamflow serve` processes started at the same moment on one fresh, empty PostgreSQL
 * schema — a rolling deploy's or an autoscaler's first start. The migrations are guarded by a
 * session advisory lock per schema (engine/store/migrate.ts): exactly one process applies them,
 * the others wait for it and find nothing left to do, and all three become ready. Real OS
 * processes, so the lock is taken by three separate pools. PostgreSQL only.
 */
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { type TestLocation, testDatabases } from "../../engine/store/testing/databases.ts";
import { type ServerProcess, startServerProcess, stopAll } from "../reliability/server-process.ts";

const postgres = testDatabases().find((d) => d.name === "postgres");
if (!postgres)
  console.warn("concurrent start skipped: PostgreSQL is unreachable (see DATABASE_URL)");

describe.runIf(postgres)("three processes starting at once on an empty schema", () => {
  let location: TestLocation | undefined;
  afterAll(async () => {
    await stopAll();
    await location?.dispose();
  });

  it("migrates once, and every process becomes ready", async () => {
    location = await (postgres as NonNullable<typeof postgres>).location();
    const schema = location.options.schema;
    const servers: ServerProcess[] = await Promise.all(
      [1, 2, 3].map((i) =>
        startServerProcess({
          databaseUrl: location!.url,
          ...(schema ? { schema } : {}),
          name: `server ${i}`,
        }),
      ),
    );
    // One process logged what it applied; the others applied nothing (and said nothing).
    const migrated = servers.map((s) => s.logs.filter((line) => line.msg === "migrated").length);
    expect(migrated.sort()).toEqual([0, 0, 1]);
    for (const server of servers) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
    }
    // Each migration is booked once, and the tables exist once (a second run would have failed).
    const store = await location.open();
    try {
      // Kysely's bookkeeping table: one row per applied migration.
      const booked = await sql<{ name: string }>`select name from kysely_migration`.execute(
        store.db,
      );
      const names = booked.rows.map((row) => row.name);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      expect(await store.migrate()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
