/**
 * Reliability R10 — graceful shutdown and rolling deploy: two real `kamflow serve` processes on
 * one PostgreSQL schema take a steady mixed load while, every T seconds, one of them is sent
 * SIGTERM (SIGKILL after a 10 s grace) and started again, alternating which one.
 *
 * The load comes from this process at a fixed rate (open loop: a request is sent every 1/rate s,
 * whatever the answers do) through a client that behaves like a load balancer: it alternates
 * between the two processes, and retries a connection error or a 503 on the OTHER process with
 * the same Idempotency-Key. Anything else that is not the expected answer is a non-retryable
 * client error — what a rolling deploy must never show a user. The mix, per instance:
 *
 *   POST /instances (start, keyed) → GET /instances/:id (read the task) → POST /tasks/:id/complete (keyed)
 *
 * and the flow each instance runs after its task, in the background (scheduler: timer, outbox):
 *
 *   start → review (task) → pause (wait 1–2 s) → notify (webhook to a local sink) → end
 *
 * Per restart it measures how long the process took to exit after SIGTERM (the promise: within
 * the 10 s grace, exit code 0, not SIGKILLed), which requests were in flight at SIGTERM and how
 * they ended (answered, or cut and retried), and — right after the exit — the timer and outbox
 * claims still held by the stopped process with a lease in the future ("claims left held": work
 * a graceful stop neither finished nor released, delayed until the lease expires).
 *
 * After the load drains, the checker counts in the database: every started instance completed;
 * per instance one `task.completed`, one `timer.fired`, one `outbox.result` and one webhook
 * outbox row (0 duplicate effects); at the sink every webhook key seen, and deliveries of one key
 * more than once counted (at-least-once allows them; reported).
 */
import { afterAll, describe, expect, it } from "vitest";
import { type TestDatabase, testDatabases } from "../../engine/store/testing/databases.ts";
import {
  countBy,
  flowInstances,
  historyKindCounts,
  waitUntilFinished,
  webhookRows,
} from "./counts.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { at, node, numberInput, pauseInput, straightFlow, t } from "./flow-nodes.ts";
import { type Reply, send, toReply } from "./http-client.ts";
import { sleep } from "./pace.ts";
import { type ServerProcess, startServerProcess } from "./server-process.ts";
import { cleanUps, serverDatabase, setUpWorld } from "./setup.ts";

/** Requests per second the load sends (open loop). */
const RATE = scaled(25, 100);
/** How long the load runs; then no new instances start and the started ones finish. */
const LOAD_MS = scaled(45_000, 600_000);
/** A SIGTERM every this often, alternating between the two processes. */
const RESTART_EVERY_MS = scaled(10_000, 60_000);
/** SIGKILL after this long; the promise is that a graceful stop needs less. */
const GRACE_MS = 10_000;
/** Timer and outbox leases: a claim a stopped process left behind delays its work this long. */
const LEASE_MS = 15_000;
/** A request given up after this long of retrying counts as a non-retryable error. */
const GIVE_UP_MS = 30_000;
/**
 * How long the webhook receiver takes to answer. A slow one (KAMFLOW_R10_SINK_MS=1000) makes a
 * stop wait on deliveries in progress: what a graceful stop must still finish within the grace.
 */
const SINK_MS = Number(process.env.KAMFLOW_R10_SINK_MS ?? 20);
const FLOW = "rolling-order";

function rollingFlow(sinkUrl: string) {
  return straightFlow({
    key: FLOW,
    name: t("滚动发布订单", "Rolling order"),
    variables: { amount: numberInput(t("金额", "Amount")), pause: pauseInput() },
    nodes: [
      node.start(),
      node.task("review", t("审核", "Review"), at(0, 100), "desk"),
      node.wait("pause", t("冷却", "Cool down"), at(0, 200)),
      node.webhook("notify", t("通知ERP", "Notify ERP"), at(0, 300), {
        url: `${sinkUrl}/hook`,
        body: { amount: { var: "variables.amount" } },
      }),
      node.end(at(0, 400)),
    ],
  });
}

/** Why an attempt was retried on the other process. */
type RetryReason = "refused" | "cut" | "timeout" | "503";

/** One attempt on the wire, so a SIGTERM can tell which requests it caught in flight. */
interface Attempt {
  readonly server: ServerProcess;
  atSigterm: boolean;
}

/** One SIGTERM and what followed. */
interface Restart {
  readonly name: string;
  readonly pid: number;
  readonly code: number;
  readonly exitMs: number;
  readonly startMs: number;
  /** Timer / outbox claims the process held when it got SIGTERM. */
  readonly claimsAtSigterm: number;
  /** … and those still held by it, lease in the future, right after it exited. */
  readonly claimsLeftHeld: number;
  readonly inFlight: number;
  /** The stop's steps as the child logged them, ms after SIGTERM. */
  readonly phases: string;
}

const cleanups = cleanUps();

/** Percentile of a list of numbers (nearest rank). */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function run(database: TestDatabase) {
  const world = await setUpWorld(database, cleanups, {
    workspace: "R10 滚动发布",
    tokenName: "R10 load",
    roles: ["desk"],
    definitions: (sinkUrl) => [rollingFlow(sinkUrl)],
    sink: { delayMs: SINK_MS },
  });
  const { location, store: setup, sink, ws, token } = world;

  const options = (n: number) => ({
    name: `server ${n}`,
    ...serverDatabase(location),
    env: { KAMFLOW_LEASE_MS: String(LEASE_MS), KAMFLOW_SCHEDULER_INTERVAL_MS: "200" },
  });
  // The two "slots" behind the load balancer; a restart puts a new process in its slot.
  const slots: ServerProcess[] = await Promise.all([
    startServerProcess(options(1)),
    startServerProcess(options(2)),
  ]);

  // ---- The load balancer client. ----
  const retried: Record<RetryReason, number> = { refused: 0, cut: 0, timeout: 0, "503": 0 };
  const nonRetryable: string[] = [];
  const latencies: number[] = [];
  const attempts = new Set<Attempt>();
  const inFlightAtSigterm = { answered: 0, cut: 0 };
  /** Requests sent to a process after its SIGTERM (it still listens while its scheduler stops). */
  const sentAfterSigterm = { answered: 0, cut: 0 };
  const stopping = new Set<ServerProcess>();
  let requests = 0;
  let turn = 0;

  /**
   * Sends one request to the next process in turn; a connection error, a timeout or a 503 is
   * retried on the other process with the same key. Returns the reply when its status is
   * `expected`, else counts a non-retryable error and returns undefined.
   */
  async function call(
    what: string,
    method: string,
    path: string,
    expected: number,
    body?: unknown,
    key?: string,
  ): Promise<Reply | undefined> {
    requests++;
    const first = turn++;
    const began = Date.now();
    for (let attempt = 0; ; attempt++) {
      const server = slots[(first + attempt) % 2] as ServerProcess;
      const wire: Attempt = { server, atSigterm: false };
      const late = stopping.has(server);
      attempts.add(wire);
      let reason: RetryReason;
      try {
        const res = await send(server.url, token, { method, path, body, key, timeoutMs: 15_000 });
        const text = await res.text();
        if (wire.atSigterm) inFlightAtSigterm.answered++;
        if (late) sentAfterSigterm.answered++;
        if (res.status === 503) reason = "503";
        else {
          latencies.push(Date.now() - began);
          if (res.status !== expected) {
            nonRetryable.push(
              `${what} ${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`,
            );
            return undefined;
          }
          return toReply(res.status, text);
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        if (error instanceof Error && error.name === "TimeoutError") reason = "timeout";
        else if (cause?.code === "ECONNREFUSED") reason = "refused";
        else if (error instanceof TypeError) reason = "cut";
        else throw error;
        if (wire.atSigterm && reason !== "refused") inFlightAtSigterm.cut++;
        if (late && reason !== "refused") sentAfterSigterm.cut++;
      } finally {
        attempts.delete(wire);
      }
      retried[reason]++;
      if (Date.now() - began > GIVE_UP_MS) {
        nonRetryable.push(`${what} ${method} ${path}: gave up after ${attempt + 1} attempts`);
        return undefined;
      }
      // The other process at once; after a full round, a short pause (both may be down).
      if (attempt % 2 === 1) await sleep(Math.min(1_000, 100 * attempt));
    }
  }

  // ---- The load: one request every 1/RATE s; follow-ups first, else a new instance. ----
  const started = new Map<string, number>(); // instance → plan number
  const acknowledged = new Map<string, string>(); // instance → task completed (answered 200)
  const followUps: Array<() => Promise<void>> = [];
  const pending = new Set<Promise<void>>();
  let plans = 0;
  let loadOpen = true;

  const startOne = async () => {
    const n = plans++;
    const start = await call(
      "start",
      "POST",
      "/api/v1/instances",
      201,
      { flow: FLOW, input: { amount: (n * 37) % 1_000, pause: 1 + (n % 2) } },
      `r10-start-${n}`,
    );
    if (!start) return;
    const id = start.body.instance.id as string;
    started.set(id, n);
    followUps.push(async () => {
      const view = await call("read", "GET", `/api/v1/instances/${id}`, 200);
      if (!view) return;
      const task = (view.body.tasks as Array<{ id: string; nodeId: string }>).find(
        (x) => x.nodeId === "review",
      );
      if (!task) {
        nonRetryable.push(`read ${id}: no review task in ${JSON.stringify(view.body.tasks)}`);
        return;
      }
      followUps.push(async () => {
        const done = await call(
          "complete",
          "POST",
          `/api/v1/tasks/${task.id}/complete`,
          200,
          {},
          `r10-complete-${n}`,
        );
        if (done) acknowledged.set(id, task.id);
      });
    });
  };

  const loadStarted = Date.now();
  const load = (async () => {
    const interval = 1_000 / RATE;
    let next = Date.now();
    while (loadOpen || followUps.length > 0 || pending.size > 0) {
      // Behind by more than a second (a stalled machine): skip the ticks rather than burst.
      next = Math.max(next + interval, Date.now() - 1_000);
      await sleep(Math.max(0, next - Date.now()));
      const work = followUps.shift() ?? (loadOpen ? startOne : undefined);
      if (!work) continue;
      const p = work().catch((error: unknown) => {
        nonRetryable.push(`client bug: ${String(error)}`);
      });
      pending.add(p);
      p.finally(() => pending.delete(p));
    }
  })();

  // ---- The rolling restarts. ----
  const restarts: Restart[] = [];
  const ownersStopped: string[] = [];
  const claimsOf = async (owner: string, leaseAfter?: number) => {
    let total = 0;
    for (const table of ["timers", "outbox"] as const) {
      let query = setup.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("claimed_by", "=", owner)
        .where("status", "=", "claimed");
      if (leaseAfter !== undefined) query = query.where("lease_until", ">", leaseAfter);
      total += Number((await query.executeTakeFirstOrThrow()).n);
    }
    return total;
  };
  // SIGTERMs on a fixed cadence from the load's start (later when a restart took longer),
  // while the load runs.
  for (let k = 0; ; k++) {
    const due = Math.max(loadStarted + (k + 1) * RESTART_EVERY_MS, Date.now());
    if (due > loadStarted + LOAD_MS - 2_000) break;
    await sleep(due - Date.now());
    const slot = k % 2;
    const victim = slots[slot] as ServerProcess;
    const claimsAtSigterm = await claimsOf(victim.owner);
    let inFlight = 0;
    for (const wire of attempts) {
      if (wire.server === victim) {
        wire.atSigterm = true;
        inFlight++;
      }
    }
    stopping.add(victim);
    const sigterm = Date.now();
    const code = await victim.stop(GRACE_MS);
    const exitMs = Date.now() - sigterm;
    const claimsLeftHeld = await claimsOf(victim.owner, Date.now());
    // Where the stop spent its time, from the child's own log lines.
    const phases = victim.logs
      .filter((l) => ["scheduler stopped", "stopped", "stop failed"].includes(String(l.msg)))
      .map((l) => `${String(l.msg)} +${Date.parse(String(l.time)) - sigterm} ms`)
      .join(", ");
    ownersStopped.push(victim.owner);
    const restarting = Date.now();
    slots[slot] = await victim.restart();
    restarts.push({
      name: victim.name,
      pid: victim.pid,
      code,
      exitMs,
      startMs: Date.now() - restarting,
      claimsAtSigterm,
      claimsLeftHeld,
      inFlight,
      phases,
    });
  }
  await sleep(Math.max(0, loadStarted + LOAD_MS - Date.now()));
  loadOpen = false;
  await load;
  const loadMs = Date.now() - loadStarted;

  // ---- Drain: the started instances finish (timers, webhooks) on the two live processes. ----
  const drainStarted = Date.now();
  await waitUntilFinished(setup.db, ws, 2 * LEASE_MS + 15_000);
  const drainMs = Date.now() - drainStarted;

  // ---- The checker: counted in the database and at the sink. ----
  const instances = await flowInstances(setup.db, ws, FLOW);
  const per = await historyKindCounts(setup.db, ws, [
    "task.completed",
    "timer.fired",
    "outbox.result",
    "instance.started",
  ]);
  const hooks = await webhookRows(setup.db, ws);
  const hooksPer = countBy(hooks, (row) => row.instance_id ?? "");

  let lost = 0;
  let duplicates = 0;
  const problems: string[] = [];
  for (const instance of instances) {
    const kinds = per.get(instance.id) ?? new Map<string, number>();
    for (const kind of ["instance.started", "task.completed", "timer.fired", "outbox.result"]) {
      const n = kinds.get(kind) ?? 0;
      if (n === 0) lost++;
      duplicates += Math.max(0, n - 1);
      if (n !== 1 && problems.length < 5) problems.push(`${instance.id}: ${kind} ×${n}`);
    }
    const calls = hooksPer.get(instance.id) ?? 0;
    if (calls === 0) lost++;
    duplicates += Math.max(0, calls - 1);
  }
  const notCompleted = instances.filter((x) => x.status !== "completed");
  // Every acknowledged start is there once and every acknowledged completion is in its history.
  const missing = [...started.keys()].filter((id) => !instances.some((x) => x.id === id));
  lost += missing.length + (started.size - acknowledged.size);

  const {
    unseen,
    redeliveries: redelivered,
    foreignKeys,
  } = sink.tally(hooks.map((h) => h.idempotency_key));
  // Claims any stopped process still holds now (after the drain, any such claim has expired and
  // been taken over, so this must be 0).
  let claimsStillHeld = 0;
  for (const owner of ownersStopped) claimsStillHeld += await claimsOf(owner);

  // The two last processes stop gracefully too.
  const finalCodes = await Promise.all(slots.map((server) => server.stop(GRACE_MS)));

  const maxExitMs = Math.max(0, ...restarts.map((r) => r.exitMs));
  const claimsLeftHeld = restarts.reduce((sum, r) => sum + r.claimsLeftHeld, 0);
  const figure = {
    id: "R10",
    test: "SIGTERM one of 2 processes every T s under mixed load; LB client retries on the other",
    backend: "2 × postgres",
    size: `${RATE} req/s for ${LOAD_MS / 1_000} s, SIGTERM every ${RESTART_EVERY_MS / 1_000} s, grace ${GRACE_MS / 1_000} s, webhook receiver ${SINK_MS} ms`,
    figures: {
      restarts: restarts.length,
      "exit codes": restarts.map((r) => r.code).join(","),
      "max exit ms": maxExitMs,
      "max restart ms": Math.max(0, ...restarts.map((r) => r.startMs)),
      requests: count(requests),
      "achieved req/s": Math.round((requests / (loadMs / 1_000)) * 10) / 10,
      "p99 request ms": percentile(latencies, 99),
      "non-retryable client errors": nonRetryable.length,
      "retried requests": retried.refused + retried.cut + retried.timeout + retried["503"],
      "retried connection refused": retried.refused,
      "retried connection errors (cut)": retried.cut,
      "retried 503": retried["503"],
      "retried timeouts": retried.timeout,
      "in flight at SIGTERM": restarts.reduce((sum, r) => sum + r.inFlight, 0),
      "… answered": inFlightAtSigterm.answered,
      "… cut and retried": inFlightAtSigterm.cut,
      "sent after SIGTERM, answered": sentAfterSigterm.answered,
      "sent after SIGTERM, cut and retried": sentAfterSigterm.cut,
      instances: count(instances.length),
      completed: count(instances.length - notCompleted.length),
      lost,
      duplicates,
      "webhook redeliveries (same key)": redelivered,
      "claims at SIGTERM": restarts.reduce((sum, r) => sum + r.claimsAtSigterm, 0),
      "claims left held": claimsLeftHeld,
      "drain ms": drainMs,
    },
  };
  recordFigure(figure);
  console.log(
    `R10 restarts: ${restarts
      .map(
        (r) =>
          `${r.name} pid ${r.pid} exit ${r.code} in ${r.exitMs} ms (claims ${r.claimsAtSigterm} → ${r.claimsLeftHeld} held, ${r.inFlight} in flight; ${r.phases}), up again in ${r.startMs} ms`,
      )
      .join("; ")}`,
  );
  if (nonRetryable.length > 0)
    console.log(`R10 non-retryable:\n${nonRetryable.slice(0, 10).join("\n")}`);

  await cleanups.run();

  expect(restarts.length).toBeGreaterThanOrEqual(Math.floor(LOAD_MS / RESTART_EVERY_MS) - 1);
  expect(nonRetryable.slice(0, 5)).toEqual([]);
  expect(restarts.map((r) => r.code)).toEqual(restarts.map(() => 0));
  expect(finalCodes).toEqual([0, 0]);
  expect(maxExitMs).toBeLessThan(GRACE_MS);
  expect(claimsLeftHeld).toBe(0);
  expect(claimsStillHeld).toBe(0);
  expect(started.size).toBeGreaterThan(0);
  expect(missing).toEqual([]);
  expect(instances).toHaveLength(started.size);
  expect(notCompleted.map((x) => ({ id: x.id, status: x.status, incident: x.incident }))).toEqual(
    [],
  );
  expect(problems).toEqual([]);
  expect(lost).toBe(0);
  expect(duplicates).toBe(0);
  expect(unseen).toBe(0);
  expect(foreignKeys).toEqual([]);
  expect(hooks).toHaveLength(instances.length);
}

afterAll(() => cleanups.run(), 30_000);

// Two processes on one schema: PostgreSQL only (SQLite's rolling deploy is one process).
for (const database of testDatabases().filter((d) => d.name === "postgres")) {
  describe(`R10 graceful shutdown & rolling deploy on ${database.name}`, () => {
    it(
      `${RATE} req/s, SIGTERM one of 2 processes every ${RESTART_EVERY_MS / 1_000} s: 0 non-retryable errors, 0 claims left, 0 duplicates`,
      async () => {
        await run(database);
      },
      scaled(150_000, 900_000),
    );
  });
}
