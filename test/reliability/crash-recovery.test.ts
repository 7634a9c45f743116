/**
 * Reliability R1 — crash anywhere: `kill -9` a real server process at seeded random moments while
 * clients drive flows through its HTTP API, restart it on the same database each time, and check
 * that nothing acknowledged was lost, nothing was applied twice and nothing was left stuck.
 * On SQLite and PostgreSQL.
 *
 * The flow mixes what a crash can cut through: a user task completed by a client, a rule gateway
 * (amount ≥ 500?), a wait timer of 1–3 s, and a webhook through the outbox to a local HTTP sink
 * that counts deliveries by their idempotency key. The big path calls the webhook before the
 * wait, the small one after it:
 *
 *   start → review (task) → route ─ amount ≥ 500 → hookBig (webhook) → waitBig (1–3 s) → end
 *                                 └ otherwise    → waitSmall (1–3 s) → hookSmall (webhook) → end
 *
 * Clients start each instance and complete its task with an `Idempotency-Key`, retrying the same
 * request (same key) through connection errors until the server is back. After the last kill the
 * server runs until every instance has finished, and the checker counts, in the database:
 * - I1/I2: every instance started once per start key, its task completed exactly once (by the
 *   acknowledged completion), its wait timer fired once, its webhook result recorded once, and
 *   every instance's history holds the same events as every other instance on its path;
 * - I3: every instance completed; a running one with no open task, no timer, no outbox message
 *   and no incident would be an orphan (counted and printed);
 * - side effects: each webhook reached the sink at least once, always under its outbox row's
 *   idempotency key; redeliveries (the process died between the call and recording it) counted;
 * - the audit hash chain verifies (GET /api/v1/audit/verify and `verifyAudit`).
 * The seed is printed; KAMFLOW_R1_SEED=<n> replays the same kill schedule.
 */
import { afterAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../engine/store/index.ts";
import { type TestDatabase, testDatabases } from "../../engine/store/testing/databases.ts";
import { expectedHistory, OnceTally, readRun, waitUntilFinished } from "./counts.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { at, node, numberInput, pauseInput, t } from "./flow-nodes.ts";
import { type Reply, send, toReply } from "./http-client.ts";
import { rng, sleep } from "./pace.ts";
import { type ServerProcess, startServerProcess } from "./server-process.ts";
import { cleanUps, serverDatabase, setUpWorld } from "./setup.ts";

const INSTANCES = scaled(200, 1_000);
const KILLS = scaled(5, 40);
const CLIENTS = 10;
const LEASE_MS = 2_000;
const FLOW = "crash-order";
/** Where an armed life kills itself (engine/store/fault-points). */
const FAULT_POINTS = [
  "commit.after",
  "commit.before",
  "outbox.publish.after",
  "outbox.publish.before",
  "timer.claimed",
] as const;
const SEED = Number(process.env.KAMFLOW_R1_SEED ?? Date.now() % 1_000_000);

/**
 * A fault point and how many passes to let through first: commits happen all the time (every
 * request, claim and firing), deliveries and timer claims less often, so they fail sooner.
 */
function pickFaultPoint(random: () => number): string {
  const point = FAULT_POINTS[Math.floor(random() * FAULT_POINTS.length)] ?? "commit.after";
  const passes = point.startsWith("commit.") ? 30 : 4;
  return `${point}@${Math.floor(random() * passes)}`;
}

function crashFlow(sinkUrl: string) {
  const webhook = (id: string, y: number, x: number) =>
    node.webhook(id, t("通知ERP", "Notify ERP"), at(x, y), {
      url: `${sinkUrl}/hook`,
      body: { amount: { var: "variables.amount" } },
    });
  const wait = (id: string, y: number, x: number) =>
    node.wait(id, t("冷却", "Cool down"), at(x, y));
  return {
    kind: "flow",
    key: FLOW,
    name: t("崩溃订单", "Crash order"),
    trigger: { type: "manual" },
    variables: {
      amount: numberInput(t("金额", "Amount")),
      pause: pauseInput(),
    },
    nodes: [
      node.start(),
      node.task("review", t("审核", "Review"), at(0, 100), "desk"),
      {
        id: "route",
        type: "condition",
        label: t("金额", "Amount"),
        position: at(0, 200),
        config: {},
      },
      webhook("hookBig", 300, -100),
      wait("waitBig", 400, -100),
      wait("waitSmall", 300, 100),
      webhook("hookSmall", 400, 100),
      node.end(at(0, 500)),
    ],
    edges: [
      { id: "e1", source: "start", target: "review" },
      { id: "e2", source: "review", target: "route" },
      {
        id: "e3",
        source: "route",
        target: "hookBig",
        condition: { ">=": [{ var: "variables.amount" }, 500] },
      },
      { id: "e4", source: "route", target: "waitSmall", default: true },
      { id: "e5", source: "hookBig", sourceHandle: "success", target: "waitBig" },
      { id: "e6", source: "waitBig", target: "end" },
      { id: "e7", source: "waitSmall", target: "hookSmall" },
      { id: "e8", source: "hookSmall", sourceHandle: "success", target: "end" },
    ],
  };
}

/**
 * The events one run of a path writes, each exactly once (kind@node): a step lost or applied
 * twice changes this list.
 */
function pathHistory(path: "big" | "small"): string {
  const otherPath = path === "big" ? ["hookSmall", "waitSmall"] : ["hookBig", "waitBig"];
  return expectedHistory(crashFlow("").nodes.filter((n) => !otherPath.includes(n.id)));
}

const cleanups = cleanUps();

async function run(database: TestDatabase) {
  // Separate streams, so the kill schedule does not depend on how the clients interleave.
  const base = SEED * 16 + (database.name === "postgres" ? 1 : 0);
  const random = rng(base);
  const killerRandom = rng(base + 2);
  const world = await setUpWorld(database, cleanups, {
    workspace: "R1 崩溃恢复",
    tokenName: "R1 clients",
    roles: ["desk"],
    definitions: (sinkUrl) => [crashFlow(sinkUrl)],
  });
  const { location, store: setup, sink, ws, token } = world;

  const options = {
    name: `${database.name} server`,
    ...serverDatabase(location),
    env: { KAMFLOW_LEASE_MS: String(LEASE_MS), KAMFLOW_SCHEDULER_INTERVAL_MS: "100" },
  };
  let server: ServerProcess = await startServerProcess(options);
  const pids = [server.pid];

  /** One request, retried with the same key through crashes and restarts (never a new key). */
  async function call(method: string, path: string, body?: unknown, key?: string): Promise<Reply> {
    for (let attempt = 1; ; attempt++) {
      const target = server;
      try {
        const res = await send(target.url, token, { method, path, body, key, timeoutMs: 15_000 });
        const text = await res.text();
        // A 5xx during shutdown or recovery is retried like a dropped connection.
        if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
        return toReply(res.status, text);
      } catch (error) {
        if (attempt > 400) throw error;
        await sleep(150);
      }
    }
  }

  // The clients: each starts its share of instances and completes each one's task.
  const started = new Map<number, string>();
  const acknowledged = new Map<string, string>(); // instance → completed task
  const paths = new Map<string, "big" | "small">();
  // The work comes in waves, one per server life, so every life has requests in flight when it
  // dies, however fast or slow this machine is.
  const waves = KILLS + 1;
  let life = 0;
  const lifeWaiters: Array<() => void> = [];
  const nextLife = (n = life + 1) => {
    life = n;
    for (const wake of lifeWaiters.splice(0)) wake();
  };
  const untilLife = async (n: number) => {
    while (life < n) await new Promise<void>((resolve) => lifeWaiters.push(resolve));
  };
  const plans = Array.from({ length: INSTANCES }, (_, i) => ({
    i,
    wave: Math.floor((i * waves) / INSTANCES),
    amount: Math.floor(random() * 1_000),
    pause: 1 + Math.floor(random() * 3),
    think: Math.floor(random() * 400),
  }));
  const clientsStarted = Date.now();
  const clients = Array.from({ length: CLIENTS }, async (_, c) => {
    const clientRandom = rng(base + 3 + c);
    for (const plan of plans.filter((p) => p.i % CLIENTS === c)) {
      await untilLife(plan.wave);
      const start = await call(
        "POST",
        "/api/v1/instances",
        { flow: FLOW, input: { amount: plan.amount, pause: plan.pause } },
        `r1-start-${plan.i}`,
      );
      expect(start.status, JSON.stringify(start.body)).toBe(201);
      const id = start.body.instance.id as string;
      started.set(plan.i, id);
      paths.set(id, plan.amount >= 500 ? "big" : "small");
      // A person reads the task before deciding: the crash may come in between.
      await sleep(plan.think);
      const view = await call("GET", `/api/v1/instances/${id}`);
      expect(view.status).toBe(200);
      const task = (view.body.tasks as Array<{ id: string; nodeId: string }>).find(
        (x) => x.nodeId === "review",
      );
      expect(task, `instance ${id} has no review task`).toBeDefined();
      const done = await call(
        "POST",
        `/api/v1/tasks/${task!.id}/complete`,
        {},
        `r1-complete-${plan.i}`,
      );
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      acknowledged.set(id, task!.id);
      await sleep(Math.floor(clientRandom() * 200));
    }
  });
  const clientsDone = Promise.all(clients);
  // Awaited after the kills; a client's failure must not go unhandled meanwhile.
  clientsDone.catch(() => {});

  // The killer. Every other life is killed from outside (kill -9 after a seeded random delay);
  // the others are started with a fault point armed (engine/store/fault-points: FAULT_POINT,
  // FAULT_ACTION=exit), so the process SIGKILLs itself at an exact dangerous place — just after
  // a COMMIT whose answer is not sent yet, after a webhook was delivered but not recorded, between
  // a timer's claim and its firing. An armed life that has not died after a few seconds (its
  // point was not passed often enough) is killed from outside like the others.
  let kills = 0;
  const killLog: string[] = [];
  const atPoints: Record<string, number> = {};
  let armed: string | undefined;
  while (kills < KILLS) {
    const wait = 300 + Math.floor(killerRandom() * 2_700);
    let how = `after ${wait} ms`;
    if (armed) {
      const died = await Promise.race([
        server.stopped.then(() => true),
        sleep(wait + 2_000).then(() => false),
      ]);
      // The child prints "[fault] armed …" on stderr when the module armed the point.
      const wasArmed = server.logs.some((l) => String(l.msg).startsWith("[fault] armed"));
      if (died && wasArmed) {
        how = `at ${armed}`;
        const point = armed.split("@")[0] ?? armed;
        atPoints[point] = (atPoints[point] ?? 0) + 1;
      } else how = `after ${wait + 2_000} ms (${armed} not reached)`;
    } else await sleep(wait);
    server.kill("SIGKILL");
    expect(await server.stopped).toBe(137);
    kills++;
    killLog.push(how);
    // The next life: armed every other time, never the last (it must run to the end).
    armed = kills < KILLS && kills % 2 === 1 ? pickFaultPoint(killerRandom) : undefined;
    for (;;) {
      const env = {
        ...options.env,
        ...(armed ? { FAULT_POINT: armed, FAULT_ACTION: "exit" } : {}),
      };
      try {
        server = await startServerProcess({ ...options, env });
        break;
      } catch (error) {
        // Armed, it may die at its point while starting (recovery runs transactions too).
        if (!armed) throw error;
        kills++;
        killLog.push(`at ${armed} while starting`);
        const point = armed.split("@")[0] ?? armed;
        atPoints[point] = (atPoints[point] ?? 0) + 1;
        armed = undefined;
      }
    }
    pids.push(server.pid);
    nextLife();
  }
  // Whatever waves are left (a life that died while starting released none) go to the last life.
  nextLife(waves);
  await clientsDone;
  const clientsMs = Date.now() - clientsStarted;

  // Recovery: the last process runs until every instance has finished.
  const recoveryStarted = Date.now();
  await waitUntilFinished(setup.db, ws, 90_000);
  const recoveryMs = Date.now() - recoveryStarted;

  // ---- The checker: counted in the database and at the sink, not in answers or logs. ----
  const {
    instances,
    events: kinds,
    completions,
    timersPer,
    hooks,
  } = await readRun(setup.db, ws, FLOW);
  // One instance per start key: a replayed start returned the first instance, never a second.
  expect(new Set(started.values()).size).toBe(INSTANCES);
  expect(instances.map((x) => x.id).sort()).toEqual([...started.values()].sort());

  // I3: orphans are running instances with nothing that could move them and no incident.
  const waitingOn = new Set<string>();
  for (const table of ["tasks", "timers", "outbox"] as const) {
    const rows =
      table === "tasks"
        ? await setup.db
            .selectFrom("tasks")
            .select("instance_id")
            .where("workspace_id", "=", ws)
            .where("status", "in", ["open", "claimed"])
            .execute()
        : table === "timers"
          ? await setup.db
              .selectFrom("timers")
              .select("instance_id")
              .where("workspace_id", "=", ws)
              .execute()
          : await setup.db
              .selectFrom("outbox")
              .select("instance_id")
              .where("workspace_id", "=", ws)
              .where("status", "in", ["pending", "claimed"])
              .execute();
    for (const row of rows) if (row.instance_id) waitingOn.add(row.instance_id);
  }
  const notCompleted = instances.filter((x) => x.status !== "completed");
  const orphans = notCompleted.filter(
    (x) => (x.status === "running" || x.status === "waiting") && !waitingOn.has(x.id),
  );
  const incidents = instances.filter((x) => x.status === "incident");

  // I1/I2: per instance, the events a run of its path must produce, each exactly once.
  const hooksPer = new Map<string, typeof hooks>();
  for (const row of hooks)
    hooksPer.set(row.instance_id ?? "", [...(hooksPer.get(row.instance_id ?? "") ?? []), row]);

  const once = new OnceTally();
  const divergent: Array<{ id: string; events: string }> = [];
  for (const instance of instances) {
    const id = instance.id;
    // The acknowledged completion is there, once; no other completion is.
    once.addAcknowledged(completions.get(id) ?? [], acknowledged.get(id));
    once.add(timersPer.get(id) ?? 0);
    const calls = hooksPer.get(id) ?? [];
    once.add(calls.length, calls.length === 0 || calls.some((h) => h.status !== "done"));
    const events = (kinds.get(id) ?? []).slice().sort().join(",");
    const path = paths.get(id);
    if (!path || events !== pathHistory(path)) divergent.push({ id, events });
  }
  const { lost, duplicated } = once;

  // Side effects at the sink: each call seen at least once, under its outbox row's key.
  const { unseen, redeliveries, foreignKeys, deliveries } = sink.tally(
    hooks.map((h) => h.idempotency_key),
  );

  // The audit chain, through the API of the surviving process and in the store.
  const verifiedOverHttp = await call("GET", "/api/v1/audit/verify");
  const verified = await verifyAudit(setup.db, ws);

  const figure = {
    id: "R1",
    test: "kill -9 at random moments, restart, clients retry with Idempotency-Key",
    backend: database.name,
    size: `${count(INSTANCES)} instances, ${CLIENTS} clients, ${KILLS} kills (seed ${SEED})`,
    figures: {
      kills,
      "kills at fault points": Object.entries(atPoints)
        .map(([point, n]) => `${point} ×${n}`)
        .join(", "),
      instances: count(instances.length),
      completed: count(instances.length - notCompleted.length),
      lost,
      duplicated,
      orphans: orphans.length,
      incidents: incidents.length,
      "divergent histories": divergent.length,
      deliveries: count(deliveries),
      redeliveries,
      "webhooks unseen at the sink": unseen,
      "audit verified": verified.ok ? "yes" : "NO",
      "clients ms": clientsMs,
      "recovery ms after last kill": recoveryMs,
    },
  };
  recordFigure(figure);
  console.log(`R1 ${database.name}: seed ${SEED}, kills: ${killLog.join("; ")}`);

  await cleanups.run();

  expect(kills).toBeGreaterThanOrEqual(KILLS);
  expect(acknowledged.size).toBe(INSTANCES);
  expect(new Set(pids).size).toBe(pids.length);
  expect(notCompleted.map((x) => ({ id: x.id, status: x.status, incident: x.incident }))).toEqual(
    [],
  );
  expect(orphans).toEqual([]);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(divergent.slice(0, 3)).toEqual([]);
  // Both paths ran.
  expect(new Set(paths.values())).toEqual(new Set(["big", "small"]));
  expect(unseen).toBe(0);
  expect(foreignKeys).toEqual([]);
  expect(hooks).toHaveLength(INSTANCES);
  expect(verifiedOverHttp.status).toBe(200);
  expect(verifiedOverHttp.body).toMatchObject({ ok: true });
  expect(verified).toMatchObject({ ok: true });
}

afterAll(() => cleanups.run(), 30_000);

for (const database of testDatabases()) {
  describe(`R1 crash anywhere on ${database.name}`, () => {
    it(
      `${count(INSTANCES)} flows, ${KILLS} × kill -9 and restart: 0 lost, 0 duplicated, 0 orphans`,
      async () => {
        await run(database);
      },
      scaled(170_000, 1_200_000),
    );
  });
}
