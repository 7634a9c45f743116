/**
 * Reliability R4 — clock skew: two real server processes on one PostgreSQL, one machine clock
 * 5 minutes behind and one 5 minutes ahead (libfaketime, as the plan names; the database's
 * clock is right), both firing each other's timers.
 *
 * Each instance waits 3–5 s on a timer, then calls a webhook on a sink in this test process,
 * whose clock is right. The instance is started through one process (alternating), its timer
 * may be fired by either. Counted at the sink, on the true clock:
 * - early: calls that arrived before the request that started the instance was *sent*, plus
 *   its wait — a timer set by the clock that is behind would fire 5 minutes early;
 * - lost: calls that did not arrive within a minute — a timer set by the clock that is ahead
 *   would fire 5 minutes late; the steady lateness of the others is recorded (p99);
 * - duplicates: a ref called more than once (leases judged on skewed clocks are taken over
 *   from live peers; nothing is killed here, so any second call is a duplicate);
 * - in the database: one `timer.fired` per instance, every instance completed.
 * Each process must also have measured its skew (its warning log), or the test proves nothing.
 *
 * libfaketime missing: in CI the test fails (.ci/run installs it); elsewhere it is skipped with
 * a printed reason.
 */
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { createEngine } from "../../engine/runtime/index.ts";
import { insertApiToken, type Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { digest, newSecret } from "../../server/auth/secrets.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { startServerProcess, stopAll } from "./server-process.ts";

const INSTANCES = scaled(120, 1_000);
const SKEW_MIN = 5;
const FLOW = "skewed-wait";
const FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (x: number, y: number) => ({ x, y });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const haveFaketime = existsSync(FAKETIME_LIB);
if (!haveFaketime) {
  if (process.env.CI)
    throw new Error(`R4 needs libfaketime in CI (${FAKETIME_LIB}): apt-get install -y faketime`);
  console.warn(`R4 clock skew skipped: ${FAKETIME_LIB} is missing (apt-get install -y faketime)`);
}
const postgres = testDatabases().find((database) => database.name === "postgres");

/** start → wait `pause` seconds → webhook { ref } → end. */
function skewFlow(sinkUrl: string) {
  return {
    kind: "flow",
    key: FLOW,
    name: t("时钟偏差", "Clock skew"),
    trigger: { type: "manual" },
    variables: {
      ref: { type: "string", input: true, label: t("编号", "Ref") },
      pause: { type: "number", input: true, label: t("等待秒数", "Pause seconds") },
    },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0, 0), config: {} },
      {
        id: "pause",
        type: "wait",
        label: t("等待", "Wait"),
        position: at(0, 100),
        config: {
          kind: "duration",
          duration: { rule: { cat: ["PT", { var: "variables.pause" }, "S"] } },
        },
      },
      {
        id: "hook",
        type: "webhook",
        label: t("通知", "Notify"),
        position: at(0, 200),
        config: {
          method: "POST",
          url: `${sinkUrl}/hook`,
          idempotencyHeader: "Idempotency-Key",
          body: { ref: { var: "variables.ref" } },
          timeout: "PT5S",
          retries: { maxAttempts: 5, initialDelay: "PT1S", maxDelay: "PT2S" },
        },
      },
      {
        id: "end",
        type: "end",
        label: t("结束", "End"),
        position: at(0, 300),
        config: { outcome: "done" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "pause" },
      { id: "e2", source: "pause", target: "hook" },
      { id: "e3", source: "hook", sourceHandle: "success", target: "end" },
    ],
  };
}

/** The sink: each ref's calls, with the (true) time of each. */
async function startSink() {
  const calls = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const ref = String((JSON.parse(Buffer.concat(chunks).toString()) as { ref?: unknown }).ref);
      calls.set(ref, [...(calls.get(ref) ?? []), arrived]);
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cleanups: Array<() => Promise<void>> = [];

describe.runIf(postgres && haveFaketime)("R4 clock skew (2 × postgres, ±5 min)", () => {
  afterAll(async () => {
    for (let undo = cleanups.pop(); undo; undo = cleanups.pop()) await undo();
  });

  it("fires no timer early or twice while the servers' clocks are 5 minutes off", async () => {
    if (!postgres) return;
    const location = await postgres.location();
    cleanups.push(() => location.dispose());
    const setup: Store = await location.open();
    cleanups.push(() => setup.close());
    await setup.migrate();
    const sink = await startSink();
    cleanups.push(() => sink.close());
    cleanups.push(() => stopAll());
    const engine = createEngine({ store: setup, clock: manualClock(Date.now()), owner: "setup" });
    const ws = await engine.workspaces.create("R4 时钟偏差");
    const admin = await engine.users.create(ws, { email: "ops@acme.cn", name: "运维" });
    await engine.memberships.add(ws, { userId: admin, role: "admin" });
    await engine.definitions.publish(ws, skewFlow(sink.url));
    const token = newSecret("kam_");
    await insertApiToken(setup.db, {
      workspaceId: ws,
      userId: admin,
      name: "R4 clients",
      tokenHash: digest(token),
      now: Date.now(),
    });

    const start = (name: string, skew: string) =>
      startServerProcess({
        name,
        databaseUrl: location.url,
        ...(location.options.schema ? { schema: location.options.schema } : {}),
        env: {
          LD_PRELOAD: FAKETIME_LIB,
          FAKETIME: skew,
          // libuv's timers run on the monotonic clock; only the wall clock is off.
          FAKETIME_DONT_FAKE_MONOTONIC: "1",
          KAMFLOW_SCHEDULER_INTERVAL_MS: "100",
          KAMFLOW_LEASE_MS: "3000",
        },
      });
    const servers = [await start("behind", `-${SKEW_MIN}m`), await start("ahead", `+${SKEW_MIN}m`)];
    // The warning each process logged when it measured its clock against the database's.
    const measured = new Map(
      servers.map((server) => [
        server.name,
        server.logs.find((line) => typeof line.offsetMs === "number")?.offsetMs as number,
      ]),
    );
    // Each process saw its clock off by 5 minutes (so the skew is real) and corrected it.
    const skewMs = SKEW_MIN * 60_000;
    expect(Math.abs((measured.get("behind") ?? 0) - skewMs)).toBeLessThan(2_000);
    expect(Math.abs((measured.get("ahead") ?? 0) + skewMs)).toBeLessThan(2_000);

    const sent = new Map<string, { at: number; pause: number; instance: string }>();
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = c; i < INSTANCES; i += 8) {
        const ref = `r4-${i}`;
        const pause = 3 + (i % 3);
        const server = servers[i % 2];
        if (!server) throw new Error("no server");
        const at = Date.now();
        const res = await fetch(`${server.url}/api/v1/instances`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ flow: FLOW, input: { ref, pause } }),
        });
        const body = (await res.json()) as { instance?: { id: string } };
        expect(res.status, JSON.stringify(body)).toBe(201);
        sent.set(ref, { at, pause, instance: body.instance?.id ?? "" });
      }
    });
    await Promise.all(clients);

    // Every call arrives within the waits plus a generous margin; a 5-minute error cannot.
    const deadline = Date.now() + 60_000;
    while (sink.calls.size < INSTANCES && Date.now() < deadline) await sleep(200);
    await sleep(1_000); // a duplicate would come in now

    let early = 0;
    let duplicates = 0;
    const lateness: number[] = [];
    for (const [ref, { at, pause }] of sent) {
      const calls = sink.calls.get(ref) ?? [];
      duplicates += Math.max(0, calls.length - 1);
      const first = calls[0];
      if (first === undefined) continue;
      const due = at + pause * 1000;
      if (first < due) early++;
      else lateness.push(first - due);
    }
    const lost = INSTANCES - sink.calls.size;
    lateness.sort((a, b) => a - b);
    const p99 = lateness[Math.floor(lateness.length * 0.99)] ?? 0;

    const fired = await setup.db
      .selectFrom("instance_history")
      .select(({ fn }) => ["instance_id", fn.countAll<number>().as("n")])
      .where("workspace_id", "=", ws)
      .where("kind", "=", "timer.fired")
      .groupBy("instance_id")
      .execute();
    const firedTwice = fired.filter((row) => Number(row.n) !== 1).length;

    recordFigure({
      id: "R4",
      test: "clock skew: server clocks −5 min and +5 min, database clock right",
      backend: "2 × postgres",
      size: `${count(INSTANCES)} timers of 3–5 s, started on both, fired by either`,
      figures: {
        "fired once": `${count(sink.calls.size - lost)}/${count(INSTANCES)}`,
        early,
        duplicates: duplicates + firedTwice,
        lost,
        "lateness p99 ms": p99,
        "offsets measured ms": `${measured.get("behind")} / ${measured.get("ahead")}`,
      },
    });
    expect({ early, duplicates, lost, firedTwice }).toEqual({
      early: 0,
      duplicates: 0,
      lost: 0,
      firedTwice: 0,
    });
    expect(fired).toHaveLength(INSTANCES);
    // The webhook's result is recorded just after the call: every instance then completes.
    await expect
      .poll(
        async () =>
          Number(
            (
              await setup.db
                .selectFrom("flow_instances")
                .select(({ fn }) => fn.countAll<number>().as("n"))
                .where("workspace_id", "=", ws)
                .where("status", "=", "completed")
                .executeTakeFirstOrThrow()
            ).n,
          ),
        { timeout: 15_000 },
      )
      .toBe(INSTANCES);
  }, 180_000);
});
