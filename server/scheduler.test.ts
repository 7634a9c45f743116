/**
 * The scheduler on SQLite and PostgreSQL with a manual clock: the demo's 15-minute SLA escalates
 * when the clock moves (not before), notifications are delivered, a webhook node's call reaches
 * a local HTTP server and completes its instance, schedule triggers run once a minute of the
 * engine's clock, a failing part is logged without stopping the others, and the loop stops.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ManualClock, manualClock } from "../engine/ports.ts";
import { createEngine, type Engine } from "../engine/runtime/index.ts";
import type { Store } from "../engine/store/index.ts";
import { testDatabases } from "../engine/store/testing/databases.ts";
import { type DemoWorkspace, ensureDemoWorkspace } from "./demo/demo-workspace.ts";
import { createLogger } from "./logging.ts";
import { createScheduler } from "./scheduler.ts";

/** Monday 23 November 2026, 09:00 in Shanghai. */
const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const MIN = 60_000;

function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "debug",
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

const t = (text: string) => ({ "zh-CN": text, en: text });

function webhookFlow(url: string) {
  return {
    kind: "flow",
    key: "erp-sync",
    name: t("ERP sync"),
    form: "service-ticket",
    trigger: { type: "manual" },
    nodes: [
      { id: "start", type: "start", label: t("start"), position: { x: 0, y: 0 }, config: {} },
      {
        id: "call",
        type: "webhook",
        label: t("call"),
        position: { x: 0, y: 100 },
        config: {
          method: "POST",
          url,
          headers: { authorization: { secret: "erp-token" } },
          body: { "ticket.title": { var: "record.title" } },
          idempotencyHeader: "Idempotency-Key",
          timeout: "PT5S",
        },
      },
      {
        id: "end",
        type: "end",
        label: t("end"),
        position: { x: 0, y: 200 },
        config: { outcome: "done" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "call" },
      { id: "e2", source: "call", sourceHandle: "success", target: "end" },
    ],
  };
}

const scheduleFlow = {
  kind: "flow",
  key: "weekly-review",
  name: t("weekly review"),
  form: "account",
  trigger: { type: "schedule", cron: "0 9 * * 1" },
  nodes: [
    { id: "start", type: "start", label: t("start"), position: { x: 0, y: 0 }, config: {} },
    {
      id: "end",
      type: "end",
      label: t("end"),
      position: { x: 0, y: 100 },
      config: { outcome: "reviewed" },
    },
  ],
  edges: [{ id: "e1", source: "start", target: "end" }],
};

for (const database of testDatabases()) {
  describe(`scheduler on ${database.name}`, () => {
    let store: Store;
    let clock: ManualClock;
    let engine: Engine;
    let demo: DemoWorkspace;
    beforeEach(async () => {
      store = await database.open();
      clock = manualClock(T0);
      engine = createEngine({ store, clock, owner: "scheduler-test" });
      demo = (await ensureDemoWorkspace(engine, {
        sampleAccounts: { "b2b-key-accounts": 0, "saas-customer-success": 0 },
      })) as DemoWorkspace;
    });
    afterEach(() => store.close());

    const person = (email: string) => demo.people.find((p) => p.email === email)?.id ?? "";

    it("escalates the strategic ticket at minute 15, not 14, and delivers the notification", async () => {
      const { logger } = captureLogger();
      const scheduler = createScheduler({ engine, clock, logger });
      const director = person("zhang.wei@example.com");
      expect((await scheduler.tick()).fired).toBe(0);

      clock.advance(14 * MIN);
      expect((await scheduler.tick()).fired).toBe(0);
      expect(await engine.tasks.inbox(demo.workspaceId, director)).toHaveLength(0);

      clock.advance(MIN);
      const report = await scheduler.tick();
      // The SLA target and the escalation level of the one strategic ticket.
      expect(report.fired).toBe(2);
      expect(report.delivery).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(report.errors).toBe(0);
      const [escalated] = await engine.tasks.inbox(demo.workspaceId, director);
      expect(escalated?.data).toMatchObject({ sla: "breached" });
      const outbox = await store.db.selectFrom("outbox").select(["kind", "status"]).execute();
      expect(outbox).toEqual([{ kind: "notification", status: "done" }]);
    });

    it("calls a webhook with its secret, idempotency key and body, and completes the instance", async () => {
      const received: Array<{ req: IncomingMessage; body: string }> = [];
      const server: Server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk) => {
          body += chunk;
        });
        req.on("end", () => {
          received.push({ req, body });
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ orderNo: "SO-2026-0001" }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
        await store.db
          .updateTable("workspaces")
          .set({ settings: JSON.stringify({ secrets: { "erp-token": "Bearer s3cret" } }) })
          .where("id", "=", demo.workspaceId)
          .execute();
        await engine.definitions.publish(demo.workspaceId, webhookFlow(url));
        const record = await engine.records.create(demo.workspaceId, "service-ticket", {
          title: "同步订单",
          category: "question",
        });
        const instance = await engine.flows.start(demo.workspaceId, "erp-sync", {
          recordId: record.id,
        });
        const { logger } = captureLogger();
        const report = await createScheduler({ engine, clock, logger }).tick();
        expect(report.delivery.delivered).toBe(1);
        expect(received).toHaveLength(1);
        const call = received[0];
        expect(call?.req.method).toBe("POST");
        expect(call?.req.url).toBe("/orders");
        expect(call?.req.headers.authorization).toBe("Bearer s3cret");
        expect(call?.req.headers["idempotency-key"]).toBeTruthy();
        expect(JSON.parse(call?.body ?? "")).toEqual({ ticket: { title: "同步订单" } });
        const done = await engine.instances.get(demo.workspaceId, instance.id);
        expect(done?.status).toBe("completed");
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it("runs schedule triggers once a minute of the engine's clock, each period once", async () => {
      await engine.definitions.publish(demo.workspaceId, scheduleFlow);
      const { logger } = captureLogger();
      const scheduler = createScheduler({ engine, clock, logger });
      // Monday 09:00: the period began now.
      expect((await scheduler.tick()).scheduled).toBe(1);
      clock.advance(30_000);
      expect((await scheduler.tick()).scheduled).toBeNull();
      clock.advance(30_000);
      expect((await scheduler.tick()).scheduled).toBe(0);
      const started = await store.db
        .selectFrom("flow_instances")
        .select("status")
        .where("flow_key", "=", "weekly-review")
        .execute();
      expect(started).toEqual([{ status: "completed" }]);
    });

    it("logs a failing part with its stack and still runs the others", async () => {
      const { logger, lines } = captureLogger();
      const broken: Engine = {
        ...engine,
        timers: {
          fireDue: () => Promise.reject(new Error("database hiccup")),
        },
      };
      clock.advance(15 * MIN);
      await engine.timers.fireDue();
      const report = await createScheduler({ engine: broken, clock, logger }).tick();
      expect(report.errors).toBe(1);
      expect(report.delivery.delivered).toBe(1);
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: "error",
          msg: "scheduler: timers failed",
          error: "database hiccup",
          stack: expect.stringContaining("database hiccup"),
        }),
      );
    });

    it("loops in the background until stopped", async () => {
      let ticks = 0;
      let firstTick: () => void = () => {};
      const ticked = new Promise<void>((resolve) => {
        firstTick = resolve;
      });
      const counting: Engine = {
        ...engine,
        timers: {
          fireDue: (options) => {
            ticks++;
            firstTick();
            return engine.timers.fireDue(options);
          },
        },
      };
      const { logger, lines } = captureLogger();
      const scheduler = createScheduler({ engine: counting, clock, logger, intervalMs: 1 });
      scheduler.start();
      scheduler.start();
      expect(scheduler.running).toBe(true);
      await ticked;
      await scheduler.stop();
      expect(scheduler.running).toBe(false);
      const after = ticks;
      await scheduler.tick();
      expect(ticks).toBe(after + 1);
      expect(lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(["scheduler started", "scheduler stopped"]),
      );
      expect(lines.filter((l) => l.msg === "scheduler started")).toHaveLength(1);
    });
  });
}
