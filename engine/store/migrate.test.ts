import { Kysely, type Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import { migrateSqlite } from "./migrate.ts";
import { migrationsFor } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { type SqliteMigrationRun, sqliteDialect } from "./sqlite-dialect.ts";

describe("sqlite migrations", () => {
  it("roll a failing run back whole: no table of it, no bookkeeping row", async () => {
    const run: SqliteMigrationRun = { failed: false };
    const db = new Kysely<Database>({ dialect: sqliteDialect(":memory:", run) });
    const failing: Migration = {
      async up(trx) {
        await trx.schema.createTable("half_done").addColumn("id", "text").execute();
        throw new Error("boom");
      },
    };
    const error = await migrateSqlite(db, run, {
      ...migrationsFor("sqlite"),
      "0002-failing": failing,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KamError);
    expect((error as KamError).code).toBe("STORE_MIGRATION_FAILED");
    expect((error as KamError).params).toMatchObject({ migration: "0002-failing", detail: "boom" });
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual([]);
    // The database is usable afterwards and the good migrations apply.
    expect(await migrateSqlite(db, run)).toEqual(Object.keys(migrationsFor("sqlite")));
    await db.destroy();
  });
});
