/**
 * Two kamflow server processes (two engines, two HTTP servers, two pools) on one PostgreSQL
 * schema: what one commits, the other's users see at once over LISTEN/NOTIFY — a task created
 * through server B arrives in the SSE stream of a user connected to server A, and A's cached
 * inbox shows it on the very next request although A's clock never moves (so no TTL could have
 * expired). A refused write tells nobody. PostgreSQL only: SQLite is one process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { type TestLocation, testDatabases } from "../../engine/store/testing/databases.ts";
import { createLogger } from "../../server/logging.ts";
import { type RunningServer, startServer } from "../../server/serve.ts";
import { type Client, readEvents, signIn } from "../api/harness.ts";

const postgres = testDatabases().find((d) => d.name === "postgres");
const KAM = "wang.lei@example.com";
const DESK = "liu.yang@example.com";

describe.runIf(postgres)("change fan-out across server processes (PostgreSQL)", () => {
  let location: TestLocation;
  let a: RunningServer;
  let b: RunningServer;
  let password = "";
  const clock = manualClock(Date.UTC(2026, 11, 7, 2));

  const start = (demo: boolean) =>
    startServer({
      port: 0,
      databaseUrl: location.url,
      databaseSchema: location.options.schema,
      storeOptions: location.options,
      scheduler: false,
      demo,
      demoOptions: { sampleAccounts: { "b2b-key-accounts": 1, "saas-customer-success": 1 } },
      clock,
      logger: createLogger({ level: "silent" }),
      print: () => {},
    });

  beforeAll(async () => {
    location = await (postgres as NonNullable<typeof postgres>).location();
    a = await start(true);
    password = a.demo?.demoPassword ?? "";
    b = await start(false);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await location?.dispose();
  });

  const ticket = (kam: Client, title: string) =>
    kam.post("/api/v1/records", {
      form: "service-ticket",
      data: { title, category: "fault", customerTier: "strategic" },
    });

  it("shows a task created through B in A's live stream and A's cached inbox at once", async () => {
    const deskOnA = await signIn(a.url, DESK, password);
    const kamOnB = await signIn(b.url, KAM, password);
    const before = (await deskOnA.get("/api/v1/tasks")).body.items.length;
    // Cached on A now; A's clock never moves, so only a told change can drop it.
    expect((await deskOnA.get("/api/v1/tasks")).body.items).toHaveLength(before);

    const stream = await deskOnA.open("/api/v1/events");
    const arrived = readEvents(stream, (events) =>
      events.some((e) => e.event === "inbox" && e.data.change === "created"),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the stream is subscribed
    const created = await ticket(kamOnB, "B 上创建的工单");
    expect(created.status).toBe(201);

    const events = await arrived;
    const inbox = events.find((e) => e.event === "inbox");
    expect(inbox?.data).toMatchObject({ change: "created" });
    const after = (await deskOnA.get("/api/v1/tasks?include=context")).body.items;
    expect(after).toHaveLength(before + 1);
    expect(
      after.map((t: { context: { record: { title: string } } }) => t.context.record.title),
    ).toContain("B 上创建的工单");
    expect((await deskOnA.get("/api/v1/tasks")).body.items).toHaveLength(before + 1);
  });

  it("tells only what commits: a refused write tells nothing", async () => {
    const deskOnA = await signIn(a.url, DESK, password);
    const kamOnB = await signIn(b.url, KAM, password);
    const before = (await deskOnA.get("/api/v1/tasks")).body.items.length;
    const told: string[] = [];
    const unsubscribe = a.engine.changes.subscribe((change) => told.push(change.type));
    // Refused by the form (no title): the transaction rolls back before it commits.
    const refused = await kamOnB.post("/api/v1/records", {
      form: "service-ticket",
      data: { category: "fault" },
    });
    expect(refused.status).toBe(422);
    // A committed write after it is told; the refused one never is.
    expect((await ticket(kamOnB, "之后的工单")).status).toBe(201);
    await expect.poll(() => told.includes("task.changed"), { timeout: 5000 }).toBe(true);
    unsubscribe();
    expect(told.filter((t) => t === "record.changed")).toHaveLength(1);
    expect((await deskOnA.get("/api/v1/tasks")).body.items).toHaveLength(before + 1);
  });
});
