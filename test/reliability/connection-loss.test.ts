/**
 * Reliability R11 — PostgreSQL connection loss: two real `kamflow serve` processes share one
 * PostgreSQL schema, each reaching it through its own TCP proxy (test/api/tcp-proxy), while
 * clients drive flows through their HTTP APIs. Mid-load the test cuts both proxies — every open
 * connection reset, new ones refused, as in a database restart or a network partition — for
 * 10 s (full size: 30 s), restores them, then adds 200 ms to every database round trip for 10 s
 * (full: 60 s), and checks that nothing acknowledged was lost, nothing was applied twice, and
 * both processes survived and served again soon after the database came back.
 *
 *   start → review (task) → wait (1–3 s) → hook (webhook to a local sink) → end
 *
 * Clients start each instance and complete its task with an `Idempotency-Key`, alternating
 * between the two processes, retrying the same request (same key) on connection errors and 5xx.
 * A 503 (HTTP_DATABASE_UNAVAILABLE) is the expected answer while the database is away; anything
 * else that is not a success — a 500, an unexpected 4xx — is counted as a non-retryable failure
 * (a finding) and reported.
 *
 * Counted in the database and at the sink, never from answers or logs:
 * - every instance completed, its acknowledged task completion recorded once, its wait timer
 *   fired once, its webhook recorded once, and its history holds each event of the path once;
 * - webhooks: each outbox row's key seen at the sink; a second delivery under the same key
 *   (the result could not be recorded when the connection dropped) is allowed by the
 *   at-least-once promise, counted and reported;
 * - the time from the restore until both processes answer /readyz 200 (promise: ≤ 60 s) and
 *   until the first step commits again; steps committed while the database was cut (must be 0,
 *   or the cut did not cut);
 * - timers re-claimed under latency (a claim whose lease ran out while its live owner was still
 *   working through slow round trips: a false expiry, fenced by the claim epoch).
 */
import { afterAll, describe, expect, it } from "vitest";
import { type TestDatabase, testDatabases } from "../../engine/store/testing/databases.ts";
import { startTcpProxy, type TcpProxy } from "../api/tcp-proxy.ts";
import { countBy, expectedHistory, OnceTally, readRun, waitUntilFinished } from "./counts.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { at, node, pauseInput, straightFlow, t } from "./flow-nodes.ts";
import { type Reply, send } from "./http-client.ts";
import { rng, sleep } from "./pace.ts";
import { type ServerProcess, startServerProcess } from "./server-process.ts";
import { cleanUps, serverDatabase, setUpWorld } from "./setup.ts";

const CUT_MS = scaled(10_000, 30_000);
const LATENCY_MS = 200;
const LATENCY_PHASE_MS = scaled(10_000, 60_000);
/** Load before the cut, so the cut lands in the middle of every kind of step. */
const WARM_UP_MS = scaled(5_000, 15_000);
const CLIENTS = scaled(10, 16);
const LEASE_MS = 3_000;
/** The promise: both processes serve again this soon after the database is back. */
const READY_WITHIN_MS = 60_000;
const FLOW = "connection-loss";
const SEED = Number(process.env.KAMFLOW_R11_SEED ?? Date.now() % 1_000_000);

function flow(sinkUrl: string) {
  return straightFlow({
    key: FLOW,
    name: t("断线订单", "Connection-loss order"),
    variables: { pause: pauseInput() },
    nodes: [
      node.start(),
      node.task("review", t("审核", "Review"), at(0, 100), "desk"),
      node.wait("wait", t("冷却", "Cool down"), at(0, 200)),
      node.webhook("hook", t("通知ERP", "Notify ERP"), at(0, 300), {
        url: `${sinkUrl}/hook`,
        body: { pause: { var: "variables.pause" } },
      }),
      node.end(at(0, 400)),
    ],
  });
}

/** The events one run of the flow writes, each exactly once (kind@node). */
const EXPECTED_HISTORY = expectedHistory(flow("").nodes);

const cleanups = cleanUps();

async function run(database: TestDatabase) {
  const random = rng(SEED);
  const world = await setUpWorld(database, cleanups, {
    workspace: "R11 断线",
    tokenName: "R11 clients",
    roles: ["desk"],
    definitions: (sinkUrl) => [flow(sinkUrl)],
  });
  const { location, store: setup, sink, ws, token } = world;

  // Each process reaches PostgreSQL through its own proxy, so the test can cut both.
  const target = new URL(location.url);
  const proxies: TcpProxy[] = [];
  const servers: ServerProcess[] = [];
  /** Error-level log lines of the processes, by message (diagnosis only; nothing is counted from logs). */
  const errorLogs = new Map<string, number>();
  for (let n = 0; n < 2; n++) {
    const proxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    cleanups.push(() => proxy.close());
    proxies.push(proxy);
  }
  servers.push(
    ...(await Promise.all(
      proxies.map((proxy, i) => {
        const viaProxy = new URL(location.url);
        viaProxy.hostname = "127.0.0.1";
        viaProxy.port = String(proxy.port);
        return startServerProcess({
          name: `server ${i + 1}`,
          ...serverDatabase(location, viaProxy.toString()),
          env: { KAMFLOW_LEASE_MS: String(LEASE_MS), KAMFLOW_SCHEDULER_INTERVAL_MS: "100" },
          onLog: (line) => {
            if (line.level !== "error" && line.level !== "fatal") return;
            const key = `${String(line.msg)}: ${String(line.error ?? line.message ?? "").slice(0, 120)}`;
            errorLogs.set(key, (errorLogs.get(key) ?? 0) + 1);
          },
        });
      }),
    )),
  );

  // ---- Clients ----
  const statuses = new Map<number, number>(); // HTTP status → answers seen
  let unavailable = 0; // 503 answers
  const connectionErrors = new Map<string, number>(); // by cause: timeout, refused, reset…
  /** Answered requests: when they ended and how long they took (for the latency phase). */
  const timings: Array<{ end: number; ms: number }> = [];
  const failures: string[] = []; // non-retryable: 500, unexpected 4xx, retries exhausted
  let requestNo = 0;

  /**
   * One request, retried with the same key on connection errors and 5xx. A 5xx other than a 503
   * is retried too but counted as a failure: the outage must read as "unavailable", not as a bug.
   */
  async function call(
    method: string,
    path: string,
    expected: number,
    body?: unknown,
    key?: string,
  ): Promise<Reply | undefined> {
    for (let attempt = 1; ; attempt++) {
      const server = servers[requestNo++ % servers.length] as ServerProcess;
      const sent = Date.now();
      try {
        const res = await send(server.url, token, { method, path, body, key, timeoutMs: 20_000 });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        timings.push({ end: Date.now(), ms: Date.now() - sent });
        if (res.status === expected) return { status: res.status, body: JSON.parse(text) };
        const answer = `${method} ${path} → ${res.status} ${text.slice(0, 300)}`;
        if (res.status === 503) {
          unavailable++;
          // The outage answer: retry later. A 503 of another kind is a finding.
          const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
          if (code !== "HTTP_DATABASE_UNAVAILABLE" || res.headers.get("retry-after") === null)
            failures.push(answer);
        } else if (res.status >= 500) failures.push(answer);
        else {
          failures.push(answer);
          return undefined;
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        const why = (error as Error).name === "TimeoutError" ? "timeout" : (cause ?? String(error));
        connectionErrors.set(why, (connectionErrors.get(why) ?? 0) + 1);
      }
      if (attempt >= 600) {
        failures.push(`${method} ${path} → gave up after ${attempt} tries`);
        return undefined;
      }
      // Sooner than Retry-After (5 s): the test measures how soon service is back.
      await sleep(200);
    }
  }

  const started = new Map<number, string>(); // plan → instance
  const acknowledged = new Map<string, string>(); // instance → completed task
  let stopLoad = false;
  let planNo = 0;
  const loadStarted = Date.now();
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!stopLoad) {
      const i = planNo++;
      const pause = 1 + Math.floor(random() * 3);
      const start = await call(
        "POST",
        "/api/v1/instances",
        201,
        { flow: FLOW, input: { pause } },
        `r11-start-${i}`,
      );
      if (!start) continue;
      const id = start.body.instance.id as string;
      started.set(i, id);
      await sleep(100 + Math.floor(random() * 300));
      const view = await call("GET", `/api/v1/instances/${id}`, 200);
      const task = (view?.body.tasks as Array<{ id: string; nodeId: string }> | undefined)?.find(
        (x) => x.nodeId === "review",
      );
      if (!task) {
        failures.push(`instance ${id} shows no review task`);
        continue;
      }
      const done = await call(
        "POST",
        `/api/v1/tasks/${task.id}/complete`,
        200,
        {},
        `r11-complete-${i}`,
      );
      if (done) acknowledged.set(id, task.id);
      await sleep(200 + Math.floor(random() * 400));
    }
  });
  const clientsDone = Promise.all(clients);
  // Awaited after the outage; a client's failure must not go unhandled meanwhile.
  clientsDone.catch(() => {});

  // ---- Steps committed, counted in the database (the test's own connection, not proxied) ----
  const steps = async () =>
    Number(
      (
        await setup.db
          .selectFrom("instance_history")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("workspace_id", "=", ws)
          .executeTakeFirstOrThrow()
      ).n,
    );

  // ---- The outage ----
  await sleep(WARM_UP_MS);
  const instancesBeforeCut = started.size;
  await Promise.all(proxies.map((proxy) => proxy.cut()));
  const cutAt = Date.now();
  // Transactions already past their COMMIT may still land while the sockets close.
  await sleep(1_000);
  const stepsEarlyInCut = await steps();
  await sleep(CUT_MS - 1_000);
  const stepsAtRestore = await steps();
  await Promise.all(proxies.map((proxy) => proxy.restore()));
  const restoredAt = Date.now();

  // Until both processes are ready again, and until the first step commits.
  const readyAfter: Array<number | undefined> = servers.map(() => undefined);
  let progressAfter: number | undefined;
  while (
    (readyAfter.some((ms) => ms === undefined) || progressAfter === undefined) &&
    Date.now() - restoredAt < READY_WITHIN_MS + 5_000
  ) {
    await Promise.all(
      servers.map(async (server, i) => {
        if (readyAfter[i] !== undefined) return;
        try {
          const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
          await res.arrayBuffer();
          if (res.status === 200) readyAfter[i] = Date.now() - restoredAt;
        } catch {
          // not yet
        }
      }),
    );
    if (progressAfter === undefined && (await steps()) > stepsAtRestore)
      progressAfter = Date.now() - restoredAt;
    await sleep(100);
  }
  const unavailableInCut = unavailable;

  // ---- Latency: every round trip to PostgreSQL 200 ms longer ----
  await sleep(2_000);
  for (const proxy of proxies) proxy.setLatency(LATENCY_MS);
  const latencyFrom = Date.now();
  const stepsBeforeLatency = await steps();
  await sleep(LATENCY_PHASE_MS);
  const stepsInLatency = (await steps()) - stepsBeforeLatency;
  for (const proxy of proxies) proxy.setLatency(0);
  const latencyTo = Date.now();

  // ---- Drain: no new instances; the processes finish what was started ----
  stopLoad = true;
  await clientsDone;
  const loadMs = Date.now() - loadStarted;
  const drainStarted = Date.now();
  await waitUntilFinished(setup.db, ws, 60_000);
  const drainMs = Date.now() - drainStarted;
  const alive = servers.map((server) => server.alive);

  // ---- The checker: counted in the database and at the sink ----
  const {
    instances,
    events: kinds,
    completions,
    fired,
    timersPer,
    hooks,
  } = await readRun(setup.db, ws, FLOW);
  // Claimed more than once: the first claim lapsed (its process lost the database, or — under
  // latency — was still working when the lease ran out).
  const reclaimed = fired.filter((row) => row.claim_epoch > 1);
  const reclaimedInLatency = reclaimed.filter(
    (row) => row.fired_at >= latencyFrom && row.fired_at <= latencyTo + LEASE_MS,
  ).length;
  const hooksPer = countBy(hooks, (row) => row.instance_id ?? "");

  const once = new OnceTally();
  const divergent: Array<{ id: string; events: string }> = [];
  for (const instance of instances) {
    const id = instance.id;
    once.addAcknowledged(completions.get(id) ?? [], acknowledged.get(id));
    once.add(timersPer.get(id) ?? 0);
    once.add(hooksPer.get(id) ?? 0);
    const events = (kinds.get(id) ?? []).slice().sort().join(",");
    if (events !== EXPECTED_HISTORY) divergent.push({ id, events });
  }
  const { lost, duplicated } = once;
  const notDone = hooks.filter((h) => h.status !== "done").length;
  const { unseen, redeliveries, foreignKeys, deliveries } = sink.tally(
    hooks.map((h) => h.idempotency_key),
  );
  const notCompleted = instances.filter((x) => x.status !== "completed");
  const statusList = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status} ×${count(n)}`)
    .join(", ");
  const ms = (value: number | undefined) => (value === undefined ? "never" : value);
  const underLatency = timings
    .filter((x) => x.end >= latencyFrom + 2_000 && x.end <= latencyTo)
    .map((x) => x.ms)
    .sort((a, b) => a - b);
  const percentile = (p: number) =>
    underLatency.length === 0
      ? "-"
      : (underLatency[Math.min(underLatency.length - 1, Math.floor(p * underLatency.length))] ??
        "-");

  recordFigure({
    id: "R11",
    test: `PostgreSQL connections cut ${CUT_MS / 1000} s, then +${LATENCY_MS} ms per round trip for ${LATENCY_PHASE_MS / 1000} s, under load`,
    backend: "2 × postgres",
    size: `${count(instances.length)} instances, ${CLIENTS} clients, lease ${LEASE_MS} ms (seed ${SEED})`,
    figures: {
      instances: count(instances.length),
      "started before the cut": instancesBeforeCut,
      completed: count(instances.length - notCompleted.length),
      lost,
      duplicated,
      "divergent histories": divergent.length,
      "steps committed during the cut (after its first second)": stepsAtRestore - stepsEarlyInCut,
      "ready after restore ms (server 1, server 2)": readyAfter.map(ms).join(", "),
      "first step after restore ms": ms(progressAfter),
      "503 answers (in the cut, until ready)": `${count(unavailable)} (${count(unavailableInCut)})`,
      "client connection errors":
        [...connectionErrors.entries()].map(([why, n]) => `${why} ×${n}`).join(", ") || 0,
      "non-retryable client failures": failures.length,
      "HTTP answers": statusList,
      "steps committed under latency": stepsInLatency,
      "request ms under latency (p50, p99)": `${percentile(0.5)}, ${percentile(0.99)}`,
      "timers re-claimed (under latency)": `${reclaimed.length} (${reclaimedInLatency})`,
      "webhook deliveries": count(deliveries),
      "webhook redeliveries (same key)": redeliveries,
      "webhooks unseen at the sink": unseen,
      "processes alive after": alive.filter(Boolean).length,
      "load ms": loadMs,
      "drain ms": drainMs,
    },
  });
  console.log(
    `R11: seed ${SEED}; cut ${cutAt - loadStarted} ms into the load; error logs: ${
      JSON.stringify(Object.fromEntries(errorLogs)) || "{}"
    }`,
  );
  if (failures.length > 0) console.log(`R11 failures:\n${failures.slice(0, 20).join("\n")}`);
  const deadLogs = servers
    .filter((server) => !server.alive)
    .map(
      (server) =>
        `${server.name}:\n${server.logs
          .slice(-15)
          .map((l) => JSON.stringify(l))
          .join("\n")}`,
    );

  await cleanups.run();

  expect(deadLogs).toEqual([]);
  expect(alive).toEqual([true, true]);
  expect(failures).toEqual([]);
  expect(instancesBeforeCut).toBeGreaterThan(0);
  expect(unavailableInCut).toBeGreaterThan(0);
  expect(stepsAtRestore - stepsEarlyInCut).toBe(0);
  for (const ready of readyAfter) {
    expect(ready).toBeDefined();
    expect(ready!).toBeLessThanOrEqual(READY_WITHIN_MS);
  }
  expect(progressAfter).toBeDefined();
  expect(stepsInLatency).toBeGreaterThan(0);
  expect(started.size).toBe(new Set(started.values()).size);
  expect(instances).toHaveLength(started.size);
  expect(acknowledged.size).toBe(started.size);
  expect(notCompleted.map((x) => ({ id: x.id, status: x.status, incident: x.incident }))).toEqual(
    [],
  );
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(divergent.slice(0, 3)).toEqual([]);
  expect(notDone).toBe(0);
  expect(unseen).toBe(0);
  expect(foreignKeys).toEqual([]);
}

afterAll(() => cleanups.run(), 30_000);

const postgres = testDatabases().find((database) => database.name === "postgres");
describe.runIf(postgres)(
  "R11 PostgreSQL connection loss (2 processes, each through a proxy)",
  () => {
    it(
      `cut ${CUT_MS / 1000} s and ${LATENCY_MS} ms latency under load: both processes survive and serve again, 0 lost, 0 duplicated`,
      async () => {
        if (postgres) await run(postgres);
      },
      scaled(150_000, 600_000),
    );
  },
);
