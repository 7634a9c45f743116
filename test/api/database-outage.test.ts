/**
 * While the database cannot serve a request, the API answers 503 problem+json with the code
 * HTTP_DATABASE_UNAVAILABLE and a Retry-After header (not a 500 that reads like a bug), changes
 * nothing, and serves again as soon as the database is back — a retry with the same
 * Idempotency-Key is applied once.
 *
 * - PostgreSQL: kamflow reaches the database through a TCP proxy (test/api/tcp-proxy) that the
 *   test cuts — open connections reset, new ones refused — and restores.
 * - SQLite: another process holds the write lock past the busy timeout (SQLITE_BUSY); reads go on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../engine/store/index.ts";
import {
  type TestDatabase,
  testDatabases,
  testPostgresUrl,
} from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, startApi } from "./harness.ts";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";

/** A TestDatabase whose one store is the given one (opened by the test, migrated here). */
function databaseOf(name: TestDatabase["name"], store: Store, dispose: () => Promise<void>) {
  return {
    name,
    location: () => Promise.reject(new Error("not used")),
    async open() {
      await store.migrate();
      return {
        ...store,
        async close() {
          await store.close();
          await dispose();
        },
      };
    },
  } satisfies TestDatabase;
}

async function teamCount(store: Store, ws: string, key: string): Promise<number> {
  const row = await store.db
    .selectFrom("teams")
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where("workspace_id", "=", ws)
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Expects the outage answer, in both languages. */
async function expectUnavailable(admin: Client, write: () => ReturnType<Client["post"]>) {
  const reply = await write();
  expect(reply.status, JSON.stringify(reply.body)).toBe(503);
  expect(reply.headers.get("content-type")).toContain("application/problem+json");
  expect(reply.headers.get("retry-after")).toBe("5");
  expect(reply.body).toMatchObject({
    status: 503,
    code: "HTTP_DATABASE_UNAVAILABLE",
    detail: expect.stringMatching(/try again in a few seconds/),
  });
  const zh = await admin.get("/api/v1/teams", { "accept-language": "zh-CN" });
  return zh;
}

const postgres = testDatabases().find((database) => database.name === "postgres");
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (let undo = cleanups.pop(); undo; undo = cleanups.pop()) await undo();
});

describe.runIf(postgres)("database outage (postgres, through a proxy that is cut)", () => {
  it("answers 503 with Retry-After while the database is away, and serves again once it is back", async () => {
    if (!postgres) return;
    const location = await postgres.location();
    const target = new URL(testPostgresUrl);
    const proxy: TcpProxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(testPostgresUrl);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const store = await openStore(viaProxy.toString(), location.options);
    const world: ApiWorld = await startApi(databaseOf("postgres", store, () => location.dispose()));
    cleanups.push(() => world.close());
    const admin = await world.client("admin");
    const create = () =>
      admin.post(
        "/api/v1/teams",
        { key: "east", name: "华东" },
        { "idempotency-key": "team-east" },
      );

    await proxy.cut();
    const zh = await expectUnavailable(admin, create);
    expect(zh.status).toBe(503);
    expect(zh.headers.get("retry-after")).toBe("5");
    expect(zh.body.detail).toMatch(/暂时无法连接数据库/);

    await proxy.restore();
    // The pool drops the connections the cut broke and opens new ones: the same request, with
    // the same key, is applied once.
    const created = await create();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await create()).status).toBe(201); // the stored answer, replayed
    expect(await teamCount(world.store, world.ws, "east")).toBe(1);
    expect((await admin.get("/api/v1/teams")).status).toBe(200);
  });
});

describe("database outage (sqlite, write lock held past the busy timeout)", () => {
  it("answers 503 with Retry-After to writes while another process holds the lock; reads go on", async () => {
    const folder = mkdtempSync(join(tmpdir(), "kamflow-outage-"));
    const file = join(folder, "kamflow.db");
    const store = await openStore(`file:${file}`, { busyTimeoutMs: 200 });
    const world: ApiWorld = await startApi(
      databaseOf("sqlite", store, async () => rmSync(folder, { recursive: true, force: true })),
    );
    cleanups.push(() => world.close());
    const admin = await world.client("admin");
    const create = () =>
      admin.post(
        "/api/v1/teams",
        { key: "east", name: "华东" },
        { "idempotency-key": "team-east" },
      );

    const other = new BetterSqlite3(file);
    cleanups.push(async () => {
      other.close();
    });
    other.exec("begin immediate");
    const zh = await expectUnavailable(admin, create);
    expect(zh.status).toBe(200); // WAL: readers do not wait for the writer
    other.exec("rollback");

    const created = await create();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await teamCount(world.store, world.ws, "east")).toBe(1);
  });
});
