/**
 * Reliability R9 (injected faults), through a real server over HTTP and real HTTP endpoints
 * (node:http on 127.0.0.1), on SQLite and PostgreSQL, with the scheduler ticked on a manual clock.
 *
 * - Database errors on commit (store/fault-points): a request whose COMMIT fails gets a 500
 *   problem+json and changes nothing; the same Idempotency-Key then applies it once. A request
 *   whose COMMIT succeeded but whose answer was lost replays the stored answer under its key,
 *   without applying twice. A timer whose firing transaction failed fires later, exactly once.
 * - The same under load: clients complete tasks while the scheduler fires timers and delivers
 *   webhooks, and commits fail at random (seeded) before and after COMMIT, between a timer's
 *   claim and its firing, and around outbox deliveries. Every instance finishes within one lease
 *   after the faults stop; no step is lost or applied twice (counted in the history, the timer
 *   log and at the receiver, by idempotency key).
 * - Webhooks: calls that get a 500 or time out are retried with a growing back-off (attempt
 *   times on the manual clock); one that answers slowly within its timeout is delivered once;
 *   after the last try the waiting instance is an incident; once the endpoint is fixed, retrying
 *   it through the API completes it. A subscription delivery (nothing waits on it) that fails for
 *   good is `failed` in the delivery log, and a redelivery after the fix succeeds.
 * - Poison and races (bugs this suite found): a webhook result whose next step cannot be applied
 *   makes the instance an incident once (it used to call the receiver again after every lease,
 *   the instance waiting for ever); on PostgreSQL a timer or a webhook result that loses a race
 *   with another step on its instance is applied again (it used to become an incident).
 *
 * Sizes: `scaled(ci, full)`; figures are printed with `recordFigure` (id R9).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ticketForm } from "../../engine/runtime/testing/kam-fixture.ts";
import {
  type ArmedFault,
  armFault,
  disarmFaults,
  FAULT_POINTS,
} from "../../engine/store/fault-points.ts";
import { fromJson, type Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { createLogger } from "../../server/logging.ts";
import { createScheduler, type Scheduler } from "../../server/scheduler.ts";
import { type ApiWorld, type Client, type Reply, signIn, startApi } from "../api/harness.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { t } from "./flow-nodes.ts";

const INSTANCES = scaled(24, 300);
const CLIENTS = scaled(3, 10);
/** Instances per failing webhook kind (each timed-out try costs one real second of timeout). */
const FAILING = scaled(2, 5);
const SEED = Number(process.env.FAULT_SEED ?? 20261123);
/** The scheduler's claim leases (its defaults): a claim left behind is free again after these. */
const TIMER_LEASE_MS = 30_000;
const OUTBOX_LEASE_MS = 60_000;
const HOUR = 3_600_000;

const at = (y: number) => ({ x: 0, y });

// ---------------------------------------------------------------------------------------------
// The endpoints a test controls: ok (200), fail (500 while broken), hang (no answer while broken),
// slow (200 after a pause inside the caller's timeout). Every request is logged with the
// Idempotency-Key it carried and the engine's (manual) time it arrived at.

interface Call {
  readonly path: string;
  readonly key: string;
  /** The manual clock when the call arrived. */
  readonly at: number;
  status?: number;
}

interface Endpoints {
  readonly url: string;
  readonly calls: Call[];
  broken: boolean;
  close(): Promise<void>;
}

const SLOW_MS = 300;

async function startEndpoints(now: () => number): Promise<Endpoints> {
  const calls: Call[] = [];
  const hung: ServerResponse[] = [];
  const state = { broken: true };
  const answer = (res: ServerResponse, call: Call, status: number) => {
    call.status = status;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(status < 300 ? { id: `SO-${call.key.slice(-6)}` } : { error: "down" }));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const key = String(req.headers["idempotency-key"] ?? req.headers["x-kamflow-delivery"] ?? "");
    const call: Call = { path: req.url ?? "", key, at: now() };
    calls.push(call);
    req.resume();
    req.on("end", () => {
      const kind = call.path.split("/")[1];
      if (kind === "ok") answer(res, call, 200);
      else if (kind === "slow") setTimeout(() => answer(res, call, 200), SLOW_MS);
      else if (kind === "fail") answer(res, call, state.broken ? 500 : 200);
      else if (kind === "hang" && state.broken)
        hung.push(res); // no answer: the caller times out
      else if (kind === "hang") answer(res, call, 200);
      else answer(res, call, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    get broken() {
      return state.broken;
    },
    set broken(value: boolean) {
      state.broken = value;
    },
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Flows.

/** start → work (task of a KAM) → pause (1 h timer) → call (webhook) → end. */
function workFlow(url: string) {
  return {
    kind: "flow",
    key: "fault-work",
    name: t("故障注入", "Fault work"),
    form: "ticket",
    trigger: { type: "manual" },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
      {
        id: "work",
        type: "task",
        label: t("处理", "Work"),
        position: at(100),
        config: { assignees: [{ kind: "role", role: "kam" }] },
      },
      {
        id: "pause",
        type: "wait",
        label: t("等待", "Pause"),
        position: at(200),
        config: { kind: "duration", duration: "PT1H" },
      },
      {
        id: "call",
        type: "webhook",
        label: t("同步 ERP", "Sync ERP"),
        position: at(300),
        config: {
          method: "POST",
          url: `${url}/ok/orders`,
          body: { title: { var: "record.title" } },
          timeout: "PT10S",
        },
      },
      {
        id: "end",
        type: "end",
        label: t("结束", "End"),
        position: at(400),
        config: { outcome: "done" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "work" },
      { id: "e2", source: "work", target: "pause" },
      { id: "e3", source: "pause", target: "call" },
      { id: "e4", source: "call", target: "end" },
    ],
  };
}

/** start → call (webhook to `path`) → end, with 4 tries 10 s, 20 s, 40 s apart (before jitter). */
function callFlow(key: string, url: string, timeout: string) {
  return {
    kind: "flow",
    key,
    name: t(key, key),
    form: "ticket",
    trigger: { type: "manual" },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
      {
        id: "call",
        type: "webhook",
        label: t("调用", "Call"),
        position: at(100),
        config: {
          method: "POST",
          url,
          body: { title: { var: "record.title" } },
          timeout,
          retries: { maxAttempts: 4, initialDelay: "PT10S", maxDelay: "PT10M" },
        },
      },
      {
        id: "end",
        type: "end",
        label: t("结束", "End"),
        position: at(200),
        config: { outcome: "done" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "call" },
      { id: "e2", source: "call", target: "end" },
    ],
  };
}

const RETRIES = { maxAttempts: 4, baseMs: 10_000 };
/** Subscription deliveries use the outbox's defaults: 8 tries, 1 s doubling. */
const SUBSCRIPTION_RETRIES = { maxAttempts: 8, baseMs: 1_000 };

// ---------------------------------------------------------------------------------------------
// Reading the database: what was applied, counted, not what the answers said.

/** History entries of `kind` per instance of the workspace. */
async function historyCounts(store: Store, ws: string, kind: string): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom("instance_history")
    .select(["instance_id", "data"])
    .where("workspace_id", "=", ws)
    .where("kind", "=", kind)
    .execute();
  const out = new Map<string, number>();
  for (const row of rows) {
    // A webhook's non-final failures are logged as outbox.result too: count successes only.
    if (kind === "outbox.result" && fromJson<{ success?: boolean }>(row.data).success !== true)
      continue;
    out.set(row.instance_id, (out.get(row.instance_id) ?? 0) + 1);
  }
  return out;
}

/** The tables a step writes, for before/after comparison. */
async function snapshot(store: Store, ws: string): Promise<string> {
  const tables = [
    "flow_instances",
    "instance_history",
    "tasks",
    "timers",
    "timer_history",
    "outbox",
    "audit_events",
    "idempotency_keys",
  ] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    out[table] = await store.db
      .selectFrom(table)
      .selectAll()
      .where("workspace_id", "=", ws)
      .execute();
  }
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
}

/** Next time anything is due: a pending outbox row, a pending timer or an expired claim. */
async function nextDue(store: Store, ws: string): Promise<number | undefined> {
  const outbox = await store.db
    .selectFrom("outbox")
    .select(["status", "next_attempt_at", "lease_until"])
    .where("workspace_id", "=", ws)
    .where("status", "in", ["pending", "claimed"])
    .execute();
  const timers = await store.db
    .selectFrom("timers")
    .select(["status", "due_at", "lease_until"])
    .where("workspace_id", "=", ws)
    .where("status", "in", ["pending", "claimed"])
    .execute();
  const times = [
    ...outbox.map((r) => (r.status === "pending" ? r.next_attempt_at : (r.lease_until ?? 0))),
    ...timers.map((r) => (r.status === "pending" ? r.due_at : (r.lease_until ?? 0))),
  ].map(Number);
  return times.length > 0 ? Math.min(...times) : undefined;
}

const isProblem500 = (reply: Reply) =>
  reply.status === 500 &&
  (reply.headers.get("content-type") ?? "").includes("application/problem+json") &&
  reply.body?.code === "HTTP_INTERNAL";

for (const database of testDatabases()) {
  describe(`injected faults on ${database.name}`, () => {
    let world: ApiWorld;
    let endpoints: Endpoints;
    let scheduler: Scheduler;
    let kam: Client;
    /** Parts of scheduler ticks that failed (each is logged by the scheduler as an error). */
    let tickErrors: string[];

    beforeEach(async () => {
      world = await startApi(database);
      endpoints = await startEndpoints(() => world.clock.now());
      const { engine, ws, people } = world;
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, workFlow(endpoints.url));
      await engine.roles.grant(ws, { userId: people.kam!.id, role: "kam" });
      // No background jobs here: stopping the runner keeps a tick's commits in a fixed order.
      await engine.jobs.stop();
      tickErrors = [];
      scheduler = createScheduler({
        engine,
        clock: world.clock,
        logger: createLogger({
          level: "error",
          write: (line) => {
            tickErrors.push(line);
          },
        }),
      });
      await scheduler.tick(); // the first tick also runs the schedules: out of the way
      kam = await world.client("kam");
    });
    afterEach(async () => {
      disarmFaults();
      await endpoints?.close();
      await world?.close();
    });

    /** Starts `n` instances of `flow`, each on its own ticket; returns their ids. */
    async function startMany(flow: string, n: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const record = await kam.post("/api/v1/records", {
          form: "ticket",
          data: { title: `${flow} ${i}` },
        });
        expect(record.status, JSON.stringify(record.body)).toBe(201);
        const started = await kam.post("/api/v1/instances", {
          flow,
          recordId: record.body.record.id,
        });
        expect(started.status, JSON.stringify(started.body)).toBe(201);
        ids.push(started.body.instance.id);
      }
      return ids;
    }

    /** Ticks until nothing is due at the current time, then moves the clock to what is next. */
    async function drain(options: { until?: number; maxTicks?: number } = {}): Promise<number> {
      let ticks = 0;
      for (; ticks < (options.maxTicks ?? 500); ticks++) {
        const report = await scheduler.tick();
        const busy = report.fired + report.delivery.delivered + report.delivery.retrying;
        if (busy + report.delivery.failed > 0 || report.errors > 0) continue;
        const next = await nextDue(world.store, world.ws);
        if (next === undefined || (options.until !== undefined && next > options.until)) break;
        world.clock.set(Math.max(world.clock.now(), next));
      }
      return ticks;
    }

    const statusOf = async (id: string) =>
      (await world.engine.instances.get(world.ws, id))?.status as string;

    it("a failed COMMIT changes nothing, a lost answer replays by key, a failed timer fires once later", async () => {
      const { store, ws } = world;
      const ids = await startMany("fault-work", 4);
      const tasks = (await kam.get("/api/v1/tasks")).body.items as Array<{
        id: string;
        instanceId: string;
      }>;
      expect(tasks).toHaveLength(4);
      const [t1, t2, t3, t4] = tasks;

      // 1. COMMIT fails: 500 problem+json, and the database is as it was.
      const before = await snapshot(store, ws);
      let fault = armFault({ point: "commit.before" });
      const failed = await kam.post(
        `/api/v1/tasks/${t1!.id}/complete`,
        {},
        { "idempotency-key": "k1" },
      );
      fault.disarm();
      expect(fault.fired).toBe(1);
      expect(isProblem500(failed), JSON.stringify(failed.body)).toBe(true);
      expect(JSON.stringify(failed.body)).not.toContain("Injected"); // no internals leak
      expect(await snapshot(store, ws)).toBe(before);
      // The same key applies it once; a third send replays the same answer.
      const applied = await kam.post(
        `/api/v1/tasks/${t1!.id}/complete`,
        {},
        { "idempotency-key": "k1" },
      );
      expect(applied.status).toBe(200);
      const replayed = await kam.post(
        `/api/v1/tasks/${t1!.id}/complete`,
        {},
        { "idempotency-key": "k1" },
      );
      expect(replayed.status).toBe(200);
      expect(replayed.body).toEqual(applied.body);

      // 2. COMMIT succeeds, the answer is lost: the client's retry under its key gets the stored
      // answer, the step is not applied again; without the key it would be a 409.
      fault = armFault({ point: "commit.after" });
      const lost = await kam.post(
        `/api/v1/tasks/${t2!.id}/complete`,
        {},
        { "idempotency-key": "k2" },
      );
      fault.disarm();
      expect(isProblem500(lost)).toBe(true);
      const again = await kam.post(
        `/api/v1/tasks/${t2!.id}/complete`,
        {},
        { "idempotency-key": "k2" },
      );
      expect(again.status).toBe(200);
      expect(again.body.instance.id).toBe(t2!.instanceId);
      expect((await kam.post(`/api/v1/tasks/${t2!.id}/complete`, {})).status).toBe(409);
      for (const task of [t3, t4]) {
        expect((await kam.post(`/api/v1/tasks/${task!.id}/complete`, {})).status).toBe(200);
      }
      const completions = await historyCounts(store, ws, "task.completed");
      expect(ids.map((id) => completions.get(id))).toEqual([1, 1, 1, 1]);

      // 3. The first timer's firing transaction fails (the claim's commit passes): the others
      // of the tick still fire; the failed one's claim is released by its lease, and each timer
      // fires once.
      world.clock.advance(HOUR);
      fault = armFault({ point: "commit.before", after: 1 });
      const tick = await scheduler.tick();
      fault.disarm();
      expect(fault.fired).toBe(1);
      expect(tick.errors).toBe(1);
      expect(tickErrors.join("\n")).toContain("scheduler: timers failed");
      const firedEarly = await store.db
        .selectFrom("timer_history")
        .select("id")
        .where("workspace_id", "=", ws)
        .execute();
      expect(firedEarly).toHaveLength(ids.length - 1);
      // Before the lease ends nothing fires again (the failed one's claim is still held)…
      world.clock.advance(TIMER_LEASE_MS - 1);
      expect((await scheduler.tick()).fired).toBe(0);
      // …after it, every timer fires, once, and every instance goes on to its webhook and ends.
      world.clock.advance(1);
      await drain();
      expect(await Promise.all(ids.map(statusOf))).toEqual(Array(4).fill("completed"));
      const fired = await store.db
        .selectFrom("timer_history")
        .select(["instance_id"])
        .where("workspace_id", "=", ws)
        .execute();
      expect(fired.map((r) => r.instance_id).sort()).toEqual([...ids].sort());
      const passed = await historyCounts(store, ws, "timer.fired");
      expect(ids.map((id) => passed.get(id) ?? 0)).toEqual([1, 1, 1, 1]);
      const results = await historyCounts(store, ws, "outbox.result");
      expect(ids.map((id) => results.get(id))).toEqual([1, 1, 1, 1]);
    });

    it(`${INSTANCES} instances under random commit faults: each finishes, nothing lost or applied twice`, async () => {
      const { store, ws, engine } = world;
      const people: Client[] = [kam];
      for (let i = 1; i < CLIENTS; i++) {
        const person = await world.addPerson(`kam${i}`, "member");
        await engine.roles.grant(ws, { userId: person.id, role: "kam" });
        people.push(await signIn(world.url, person.email));
      }
      const ids = await startMany("fault-work", INSTANCES);
      // The open tasks, from the database (the inbox pages; the full size is larger than a page).
      const tasks = await store.db
        .selectFrom("tasks")
        .select("id")
        .where("workspace_id", "=", ws)
        .where("status", "=", "open")
        .execute();
      expect(tasks).toHaveLength(INSTANCES);

      // Every point armed at once, seeded; the seed is in the test's output on failure.
      const armed: ArmedFault[] = [
        armFault({ point: "commit.before", probability: 0.12, seed: SEED }),
        armFault({ point: "commit.after", probability: 0.06, seed: SEED + 1 }),
        armFault({ point: "timer.claimed", probability: 0.05, seed: SEED + 2 }),
        armFault({ point: "outbox.publish.before", probability: 0.05, seed: SEED + 3 }),
        armFault({ point: "outbox.publish.after", probability: 0.05, seed: SEED + 4 }),
      ];
      expect(armed.map((a) => a.point).sort()).toEqual([...FAULT_POINTS].sort());

      const answers = { failed: 0, retried: 0, other: [] as string[] };
      let clientsDone = false;
      // Each client completes its share of the tasks; a 5xx is retried with the same key.
      const clients = Promise.all(
        people.map(async (client, c) => {
          for (const [i, task] of tasks.entries()) {
            if (i % people.length !== c) continue;
            for (let attempt = 0; ; attempt++) {
              const reply = await client.post(
                `/api/v1/tasks/${task.id}/complete`,
                {},
                { "idempotency-key": `complete-${task.id}` },
              );
              if (reply.status === 200) break;
              if (!isProblem500(reply) || attempt > 20) {
                answers.other.push(`${reply.status} ${JSON.stringify(reply.body)}`);
                break;
              }
              answers.failed++;
              answers.retried++;
            }
          }
        }),
      ).finally(() => {
        clientsDone = true;
      });
      // Meanwhile the scheduler ticks, the clock running 5 minutes a tick.
      let ticksUnderFaults = 0;
      while (!clientsDone || ticksUnderFaults < 40) {
        await scheduler.tick();
        world.clock.advance(5 * 60_000);
        ticksUnderFaults++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await clients;
      const injected = armed.reduce((sum, a) => sum + a.fired, 0);
      const byPoint = Object.fromEntries(armed.map((a) => [a.point, a.fired]));
      disarmFaults();

      // The faults stop. Within one lease (the longest, the outbox's), every instance finishes.
      const cleared = world.clock.now();
      await drain({ until: cleared + OUTBOX_LEASE_MS });
      expect(world.clock.now()).toBeLessThanOrEqual(cleared + OUTBOX_LEASE_MS);
      const statuses = await Promise.all(ids.map(statusOf));
      const stuck = ids.filter((_, i) => statuses[i] !== "completed");
      expect(stuck, `seed ${SEED}`).toEqual([]);
      expect(answers.other, `seed ${SEED}`).toEqual([]);

      // Counted in the database: each step once per instance.
      const once = async (kind: string) => {
        const counts = await historyCounts(store, ws, kind);
        return ids.filter((id) => counts.get(id) !== 1);
      };
      expect(await once("task.completed")).toEqual([]);
      expect(await once("timer.fired")).toEqual([]);
      expect(await once("outbox.result")).toEqual([]);
      const timers = await store.db
        .selectFrom("timer_history")
        .select(["instance_id"])
        .where("workspace_id", "=", ws)
        .execute();
      expect(timers).toHaveLength(INSTANCES);
      expect(new Set(timers.map((r) => r.instance_id)).size).toBe(INSTANCES);
      const outbox = await store.db
        .selectFrom("outbox")
        .select(["status", "idempotency_key"])
        .where("workspace_id", "=", ws)
        .execute();
      expect(outbox.map((r) => r.status)).toEqual(Array(INSTANCES).fill("done"));
      // At the receiver: every call arrived (at least once), each under one key per instance; a
      // delivery whose result was lost is sent again under the same key (the receiver drops it).
      const keys = new Set(outbox.map((r) => r.idempotency_key));
      const okCalls = endpoints.calls.filter((c) => c.path.startsWith("/ok/"));
      expect(new Set(okCalls.map((c) => c.key))).toEqual(keys);
      const resent = okCalls.length - keys.size;
      // Audit: one row per applied step (I4), so none for a rolled-back try.
      for (const action of ["instance.task.completed", "instance.timer.fired"]) {
        const audits = await store.db
          .selectFrom("audit_events")
          .select(["entity_id"])
          .where("workspace_id", "=", ws)
          .where("action", "=", action)
          .execute();
        expect(audits.map((a) => a.entity_id).sort(), action).toEqual([...ids].sort());
      }

      expect(injected).toBeGreaterThan(0);
      expect(answers.failed).toBeGreaterThan(0);
      recordFigure({
        id: "R9",
        test: "commit faults under load: no stuck instance, nothing lost or doubled",
        backend: database.name,
        size: `${count(INSTANCES)} instances, ${CLIENTS} clients, seed ${SEED}`,
        figures: {
          "faults injected": injected,
          ...Object.fromEntries(Object.entries(byPoint).map(([p, n]) => [`at ${p}`, n])),
          "API calls failed (500)": answers.failed,
          "API calls retried (same key)": answers.retried,
          "scheduler parts failed": tickErrors.length,
          "webhook calls resent (same key)": resent,
          "finished within 1 lease": `${INSTANCES - stuck.length}/${INSTANCES}`,
          "steps lost": 0,
          duplicates: 0,
        },
      });
    });

    it("a webhook whose result cannot be applied becomes an incident, not a redelivery loop", async () => {
      const { engine, ws } = world;
      // The step after the call writes a status longer than the form allows (a poison step).
      const flow = callFlow("erp-poison", `${endpoints.url}/ok/poison`, "PT5S");
      flow.nodes.splice(2, 0, {
        id: "write",
        type: "action",
        label: t("写入", "Write"),
        position: at(150),
        config: { operations: [{ kind: "set-fields", fields: { status: "长".repeat(300) } }] },
      } as (typeof flow.nodes)[number]);
      flow.edges = [
        { id: "e1", source: "start", target: "call" },
        { id: "e2", source: "call", target: "write" },
        { id: "e3", source: "write", target: "end" },
      ];
      await engine.definitions.publish(ws, flow);
      const [id] = await startMany("erp-poison", 1);
      // Several leases of scheduler time.
      for (let i = 0; i < 5; i++) {
        await scheduler.tick();
        world.clock.advance(OUTBOX_LEASE_MS + 1);
      }
      const calls = endpoints.calls.filter((c) => c.path.startsWith("/ok/poison"));
      const instance = await engine.instances.get(ws, id!);
      expect({ status: instance?.status, calls: calls.length }).toEqual({
        status: "incident",
        calls: 1,
      });
      expect(instance?.incident).toMatchObject({ code: "FORM_VALUE_INVALID" });
      const [message] = await world.store.db
        .selectFrom("outbox")
        .select(["status"])
        .where("workspace_id", "=", ws)
        .execute();
      expect(message?.status).toBe("done");

      // The cause is fixed (a roomier form); retrying applies the stored result, with no new call.
      const roomier = structuredClone(ticketForm);
      roomier.dataSchema.properties.status = {
        "x-kam-field": "text",
        type: "string",
        maxLength: 1000,
      };
      await engine.definitions.publish(ws, roomier);
      const admin = await world.client("admin");
      const retried = await admin.post(`/api/v1/instances/${id}/retry`, {});
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      expect(retried.body.instance.status).toBe("completed");
      await drain();
      expect(endpoints.calls.filter((c) => c.path.startsWith("/ok/poison"))).toHaveLength(1);
      const results = await historyCounts(world.store, ws, "outbox.result");
      expect(results.get(id!)).toBe(1);
    });

    // PostgreSQL only: READ COMMITTED lets another step commit on the instance between a timer's
    // (or a webhook result's) read and its versioned write. (SQLite's BEGIN IMMEDIATE serializes
    // writers, so the race cannot happen there.)
    it.runIf(database.name === "postgres")(
      "a timer or webhook result that loses a race on its instance is applied again, not an incident",
      async () => {
        const { engine, ws, store } = world;
        await engine.definitions.publish(ws, {
          ...callFlow("pause-then-call", `${endpoints.url}/ok/race`, "PT5S"),
          nodes: [
            { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
            {
              id: "pause",
              type: "wait",
              label: t("等待", "Pause"),
              position: at(100),
              config: { kind: "duration", duration: "PT1H" },
            },
            ...callFlow("x", `${endpoints.url}/ok/race`, "PT5S").nodes.slice(1),
          ],
          edges: [
            { id: "e0", source: "start", target: "pause" },
            { id: "e1", source: "pause", target: "call" },
            { id: "e2", source: "call", target: "end" },
          ],
        });
        const [id] = await startMany("pause-then-call", 1);
        /** Ticks while another transaction holds a committed-later change of the instance. */
        const tickDuringRace = async () => {
          let release!: () => void;
          const released = new Promise<void>((resolve) => {
            release = resolve;
          });
          let locked!: () => void;
          const isLocked = new Promise<void>((resolve) => {
            locked = resolve;
          });
          // Stands for someone else's step on the instance (e.g. on another branch).
          const other = store.transaction(async (trx) => {
            await trx
              .updateTable("flow_instances")
              .set((eb) => ({ version: eb("version", "+", 1) }))
              .where("id", "=", id!)
              .execute();
            locked();
            await released;
          });
          await isLocked;
          const tick = scheduler.tick();
          // The tick's versioned write now waits for the row; let the other step commit.
          await new Promise((resolve) => setTimeout(resolve, 300));
          release();
          await other;
          return tick;
        };
        world.clock.advance(HOUR);
        // The call is held back in this tick (a fault before it is sent), to race on its own.
        const held = armFault({ point: "outbox.publish.before" });
        const fired = await tickDuringRace();
        expect(held.fired).toBe(1);
        expect(fired.fired).toBe(1);
        expect(await statusOf(id!)).toBe("waiting");
        world.clock.advance(OUTBOX_LEASE_MS);
        const delivered = await tickDuringRace();
        expect(delivered.delivery.delivered).toBe(1);
        expect(delivered.errors).toBe(0);
        expect(await statusOf(id!)).toBe("completed");
        expect((await historyCounts(store, ws, "timer.fired")).get(id!)).toBe(1);
        expect((await historyCounts(store, ws, "outbox.result")).get(id!)).toBe(1);
        expect(endpoints.calls.filter((c) => c.path === "/ok/race")).toHaveLength(1);
      },
    );

    it("webhooks that fail, hang or answer slowly: back-off, incident after the last try, retry completes", async () => {
      const { engine, ws, store } = world;
      const { url } = endpoints;
      await engine.definitions.publish(ws, callFlow("erp-fail", `${url}/fail/erp`, "PT5S"));
      await engine.definitions.publish(ws, callFlow("erp-hang", `${url}/hang/erp`, "PT1S"));
      await engine.definitions.publish(ws, callFlow("erp-slow", `${url}/slow/erp`, "PT5S"));
      const admin = await world.client("admin");
      // A subscription (nothing waits on its deliveries) to the failing endpoint.
      const subscribed = await admin.post("/api/v1/webhooks", {
        url: `${url}/fail/subscription`,
        events: ["instance.completed"],
        flows: ["erp-slow"],
        allowPrivateNetwork: true, // the endpoint is on 127.0.0.1
      });
      expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
      const subscription = subscribed.body.subscription.id as string;

      const failing = await startMany("erp-fail", FAILING);
      const hanging = await startMany("erp-hang", FAILING);
      const slow = await startMany("erp-slow", FAILING);
      await drain();

      // The slow endpoint answered inside the timeout: each delivered once, instance completed.
      const callsTo = (prefix: string) => endpoints.calls.filter((c) => c.path.startsWith(prefix));
      const slowCalls = callsTo("/slow/");
      expect(slowCalls).toHaveLength(FAILING);
      expect(new Set(slowCalls.map((c) => c.key)).size).toBe(FAILING);
      expect(await Promise.all(slow.map(statusOf))).toEqual(Array(FAILING).fill("completed"));

      // 500s and timeouts: 4 tries each under one key, further apart each time, then an incident.
      const gaps = (calls: Call[], policy: { maxAttempts: number; baseMs: number }) => {
        const byKey = new Map<string, number[]>();
        for (const call of calls) byKey.set(call.key, [...(byKey.get(call.key) ?? []), call.at]);
        expect(byKey.size).toBe(FAILING);
        for (const times of byKey.values()) {
          expect(times).toHaveLength(policy.maxAttempts);
          const between = times.slice(1).map((x, i) => x - (times[i] as number));
          between.forEach((gap, i) => {
            // Doubling, less up to 20 % jitter: always longer than the gap before.
            const full = policy.baseMs * 2 ** i;
            expect(gap).toBeGreaterThanOrEqual(Math.floor(full * 0.8));
            expect(gap).toBeLessThanOrEqual(full);
            if (i > 0) expect(gap).toBeGreaterThan(between[i - 1] as number);
          });
        }
        return byKey;
      };
      const failCalls = callsTo("/fail/erp");
      const hangCalls = callsTo("/hang/erp");
      gaps(failCalls, RETRIES);
      gaps(hangCalls, RETRIES);
      expect(failCalls.every((c) => c.status === 500)).toBe(true);
      expect(hangCalls.every((c) => c.status === undefined)).toBe(true); // never answered
      for (const id of [...failing, ...hanging]) {
        const detail = await admin.get(`/api/v1/instances/${id}`);
        expect(detail.status).toBe(200);
        expect(detail.body.instance.status).toBe("incident");
        expect(detail.body.instance.incident).toMatchObject({ code: "FLOW_WEBHOOK_FAILED" });
      }
      const incidents = await admin.get("/api/v1/instances?status=incident");
      expect(incidents.body.items).toHaveLength(2 * FAILING);

      // The subscription's deliveries failed for good: visible as `failed` in its log.
      const subscriptionCalls = callsTo("/fail/subscription");
      gaps(subscriptionCalls, SUBSCRIPTION_RETRIES);
      const log = await admin.get(`/api/v1/webhooks/${subscription}/deliveries`);
      expect(log.status).toBe(200);
      expect(log.body.items).toHaveLength(FAILING);
      for (const delivery of log.body.items) {
        expect(delivery).toMatchObject({
          status: "failed",
          attempts: SUBSCRIPTION_RETRIES.maxAttempts,
          responseStatus: 500,
          nextAttemptAt: null,
        });
      }

      // The endpoints are fixed. Retrying each incident through the API completes it (a fresh
      // call, under a new key); redelivering each failed delivery delivers it.
      endpoints.broken = false;
      for (const id of [...failing, ...hanging]) {
        const retried = await admin.post(`/api/v1/instances/${id}/retry`, {});
        expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      }
      for (const delivery of log.body.items) {
        const again = await admin.post(
          `/api/v1/webhooks/${subscription}/deliveries/${delivery.id}/redeliver`,
          {},
        );
        expect(again.status).toBe(202);
      }
      await drain();
      expect(await Promise.all([...failing, ...hanging].map(statusOf))).toEqual(
        Array(2 * FAILING).fill("completed"),
      );
      const after = [...callsTo("/fail/erp"), ...callsTo("/hang/erp")].filter(
        (c) => !failCalls.includes(c) && !hangCalls.includes(c),
      );
      expect(after).toHaveLength(2 * FAILING);
      expect(after.every((c) => c.status === 200)).toBe(true);
      // Each retry is a new call: its key is not one of the failed tries'.
      const oldKeys = new Set([...failCalls, ...hangCalls].map((c) => c.key));
      expect(after.some((c) => oldKeys.has(c.key))).toBe(false);
      const redelivered = (await admin.get(`/api/v1/webhooks/${subscription}/deliveries`)).body
        .items as Array<{ status: string; redeliveryOf: string | null }>;
      expect(redelivered.filter((d) => d.redeliveryOf !== null).map((d) => d.status)).toEqual(
        Array(FAILING).fill("delivered"),
      );
      // Nothing done twice: one successful result per instance, and no row left behind.
      const results = await historyCounts(store, ws, "outbox.result");
      expect([...failing, ...hanging, ...slow].map((id) => results.get(id))).toEqual(
        Array(3 * FAILING).fill(1),
      );
      const open = await store.db
        .selectFrom("outbox")
        .select("id")
        .where("workspace_id", "=", ws)
        .where("status", "in", ["pending", "claimed"])
        .execute();
      expect(open).toEqual([]);

      recordFigure({
        id: "R9",
        test: "webhooks: 500s, timeouts, slow answers; incidents and their retry",
        backend: database.name,
        size: `${FAILING} instances each failing, hanging, slow; 1 subscription`,
        figures: {
          "webhook calls": endpoints.calls.length,
          "500s": endpoints.calls.filter((c) => c.status === 500).length,
          timeouts: hangCalls.length,
          retries: failCalls.length + hangCalls.length + subscriptionCalls.length - 3 * FAILING,
          "slow delivered once": `${slowCalls.length}/${FAILING}`,
          incidents: 2 * FAILING,
          "incidents resolved by retry": 2 * FAILING,
          "deliveries failed for good (visible)": FAILING,
          "redelivered after fix": FAILING,
          "steps lost": 0,
          duplicates: 0,
        },
      });
    });
  });
}
