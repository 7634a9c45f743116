import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import { migrationsFor } from "./migrations/index.ts";
import { openStore, type Store } from "./open-store.ts";
import { isDatabaseUnavailable } from "./store-errors.ts";
import { onlyOn, testDatabases } from "./testing/databases.ts";

const tables = [
  "account_calendars",
  "account_team_members",
  "api_tokens",
  "audit_events",
  "audit_heads",
  "definitions",
  "delegations",
  "flow_instances",
  "idempotency_keys",
  "installed_packs",
  "instance_history",
  "jobs",
  "memberships",
  "outbox",
  "records",
  "sessions",
  "tasks",
  "teams",
  "tier_assignments",
  "tier_history",
  "timer_history",
  "timers",
  "user_roles",
  "users",
  "webhook_deliveries",
  "webhook_subscriptions",
  "workspaces",
];

/** The store's tables (on PostgreSQL the introspector lists every schema; keep the store's own). */
async function tableNames(store: Store): Promise<string[]> {
  const all = await store.db.introspection.getTables();
  const schema =
    store.dialect === "postgres"
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
      : undefined;
  return all
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .sort();
}

describe("openStore", () => {
  it("rejects an unknown URL scheme with a typed error that does not echo the URL", async () => {
    const error = await openStore("mysql://root:secret@db/kam").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KamError);
    expect((error as KamError).code).toBe("STORE_URL_UNSUPPORTED");
    expect((error as KamError).message).not.toContain("secret");
  });

  it("opens a private in-memory SQLite database", async () => {
    const store = await openStore("file::memory:");
    expect(await store.migrate()).toEqual(Object.keys(migrationsFor("sqlite")));
    expect(await tableNames(store)).toEqual(tables);
    await store.close();
  });
});

for (const database of testDatabases()) {
  describe(`${database.name}: store`, () => {
    const open: Store[] = [];
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });

    it("migrates once; a second migrate applies nothing", async () => {
      const where = await database.location();
      const store = await where.open();
      expect(await store.migrate()).toEqual(Object.keys(migrationsFor("sqlite")));
      expect(await store.migrate()).toEqual([]);
      expect(await tableNames(store)).toEqual(tables);
      await store.close();
      await where.dispose();
    });

    // Two SQLite stores in one process would block each other synchronously (better-sqlite3), so
    // SQLite's concurrent migration runs in two processes in immediate.test.ts.
    onlyOn(database, "postgres")("runs concurrent migrations from two stores once", async () => {
      const where = await database.location();
      const [a, b] = [await where.open(), await where.open()];
      const applied = await Promise.all([a.migrate(), b.migrate()]);
      expect(applied.flat()).toEqual(Object.keys(migrationsFor("sqlite")));
      expect(await tableNames(b)).toEqual(tables);
      await a.close();
      await b.close();
      await where.dispose();
    });

    onlyOn(database, "postgres")(
      "ends a transaction left idle past the timeout, releasing its locks for others",
      async () => {
        const where = await database.location();
        const errors: Error[] = [];
        const options = {
          ...where.options,
          idleInTransactionTimeoutMs: 300,
          onPoolError: (error: Error) => errors.push(error),
        };
        const frozen = await openStore(where.url, options);
        const other = await openStore(where.url, options);
        await frozen.migrate();
        await other.db
          .insertInto("audit_heads")
          .values({ workspace_id: "w1", seq: 1, hash: "h1" })
          .execute();
        // A process that takes the row lock and then stalls mid-transaction.
        const stalled = frozen
          .transaction(async (trx) => {
            await trx
              .updateTable("audit_heads")
              .set({ seq: 2 })
              .where("workspace_id", "=", "w1")
              .execute();
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            await trx.selectFrom("audit_heads").selectAll().execute();
          })
          .then(
            () => "committed",
            () => "failed",
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
        // Another process's step waits for the lock only until the stalled session is ended.
        await other.transaction((trx) =>
          trx.updateTable("audit_heads").set({ seq: 5 }).where("workspace_id", "=", "w1").execute(),
        );
        expect(await stalled).toBe("failed");
        // Heard by the pool's listener, not thrown as an unhandled error event.
        expect(errors.length).toBeGreaterThan(0);
        const head = await other.db.selectFrom("audit_heads").select("seq").executeTakeFirst();
        expect(head?.seq).toBe(5);
        await frozen.close();
        await other.close();
        await where.dispose();
      },
    );

    onlyOn(database, "postgres")(
      "gives up opening a connection to a database that does not answer, as unavailable",
      async () => {
        // Accepts connections and never answers, like a host gone after a failover.
        const silent = createServer(() => {});
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        const { port } = silent.address() as AddressInfo;
        const store = await openStore(`postgres://postgres@127.0.0.1:${port}/test`, {
          connectTimeoutMs: 300,
        });
        const error = await store.db
          .selectFrom("workspaces")
          .selectAll()
          .execute()
          .catch((e: unknown) => e);
        expect(isDatabaseUnavailable(error)).toBe(true);
        await store.close().catch(() => {});
        silent.close();
      },
    );

    onlyOn(database, "postgres")(
      "keeps the connection options given in the URL beside its own",
      async () => {
        const where = await database.location();
        const url = new URL(where.url);
        url.searchParams.set("options", "-c statement_timeout=4321 -c search_path=public");
        const store = await openStore(url.toString(), where.options);
        await store.migrate();
        const show = async (setting: "statement_timeout" | "search_path") =>
          (await sql<{ v: string }>`select current_setting(${setting}) as v`.execute(store.db))
            .rows[0]?.v;
        expect(await show("statement_timeout")).toBe("4321ms");
        // The schema kamflow was given wins over the URL's search_path.
        expect(await show("search_path")).toBe(where.options.schema);
        await store.close();
        await where.dispose();
      },
    );

    it("reads BIGINT and JSON columns back as numbers and text", async () => {
      const store = await database.open();
      open.push(store);
      const at = 1_760_000_000_123;
      await store.db
        .insertInto("workspaces")
        .values({ id: "w1", name: "ACME", settings: '{"tz":"Asia/Shanghai"}', created_at: at })
        .execute();
      const row = await store.db
        .selectFrom("workspaces")
        .select(["created_at", "settings"])
        .executeTakeFirstOrThrow();
      expect(row.created_at).toBe(at);
      expect(JSON.parse(row.settings)).toEqual({ tz: "Asia/Shanghai" });
      const count = await store.db
        .selectFrom("workspaces")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
    });

    it("rolls a failed transaction back", async () => {
      const store = await database.open();
      open.push(store);
      const failing = store.transaction(async (trx) => {
        await trx
          .insertInto("workspaces")
          .values({ id: "w1", name: "ACME", created_at: 1 })
          .execute();
        throw new Error("boom");
      });
      await expect(failing).rejects.toThrow("boom");
      expect(await store.db.selectFrom("workspaces").selectAll().execute()).toEqual([]);
    });

    it("enforces foreign keys", async () => {
      const store = await database.open();
      open.push(store);
      const orphan = store.db
        .insertInto("users")
        .values({
          id: "u1",
          workspace_id: "nope",
          email: "a@b",
          name: "A",
          created_at: 1,
          updated_at: 1,
        })
        .execute();
      await expect(orphan).rejects.toThrow();
    });

    it("checkpoints", async () => {
      const store = await database.open();
      open.push(store);
      await expect(store.checkpoint()).resolves.toBeUndefined();
    });
  });
}

describe("sqlite settings", () => {
  it("uses WAL, synchronous=NORMAL, a busy timeout and foreign keys", async () => {
    const store = await testDatabases()[0]!.open();
    const first = async (query: ReturnType<typeof sql>) =>
      Object.values((await query.execute(store.db)).rows[0] as Record<string, unknown>)[0];
    expect(await first(sql`pragma journal_mode`)).toBe("wal");
    expect(await first(sql`pragma synchronous`)).toBe(1);
    expect(await first(sql`pragma busy_timeout`)).toBe(5000);
    expect(await first(sql`pragma foreign_keys`)).toBe(1);
    await store.close();
  });
});
