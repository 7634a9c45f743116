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
import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { countPerInstance } from "./counts.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { at, node, pauseInput, straightFlow, t } from "./flow-nodes.ts";
import { send } from "./http-client.ts";
import { sleep } from "./pace.ts";
import { startServerProcess } from "./server-process.ts";
import { cleanUps, serverDatabase, setUpWorld } from "./setup.ts";

const INSTANCES = scaled(120, 1_000);
const SKEW_MIN = 5;
const FLOW = "skewed-wait";
const FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

const haveFaketime = existsSync(FAKETIME_LIB);
if (!haveFaketime) {
  if (process.env.CI)
    throw new Error(`R4 needs libfaketime in CI (${FAKETIME_LIB}): apt-get install -y faketime`);
  console.warn(`R4 clock skew skipped: ${FAKETIME_LIB} is missing (apt-get install -y faketime)`);
}
const postgres = testDatabases().find((database) => database.name === "postgres");

/** start → wait `pause` seconds → webhook { ref } → end. */
function skewFlow(sinkUrl: string) {
  return straightFlow({
    key: FLOW,
    name: t("时钟偏差", "Clock skew"),
    variables: {
      ref: { type: "string", input: true, label: t("编号", "Ref") },
      pause: pauseInput(),
    },
    nodes: [
      node.start(),
      node.wait("pause", t("等待", "Wait"), at(0, 100)),
      node.webhook("hook", t("通知", "Notify"), at(0, 200), {
        url: `${sinkUrl}/hook`,
        body: { ref: { var: "variables.ref" } },
        maxAttempts: 5,
      }),
      node.end(at(0, 300)),
    ],
  });
}

const cleanups = cleanUps();

describe.runIf(postgres && haveFaketime)("R4 clock skew (2 × postgres, ±5 min)", () => {
  afterAll(() => cleanups.run());

  it("fires no timer early or twice while the servers' clocks are 5 minutes off", async () => {
    if (!postgres) return;
    const world = await setUpWorld(postgres, cleanups, {
      workspace: "R4 时钟偏差",
      tokenName: "R4 clients",
      definitions: (sinkUrl) => [skewFlow(sinkUrl)],
      // The sink: each ref's calls, with the (true) time of each.
      sink: { keyField: "ref", delayMs: 0 },
    });
    const { location, store: setup, sink, ws, token } = world;

    const start = (name: string, skew: string) =>
      startServerProcess({
        name,
        ...serverDatabase(location),
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
        const res = await send(server.url, token, {
          method: "POST",
          path: "/api/v1/instances",
          body: { flow: FLOW, input: { ref, pause } },
        });
        const body = (await res.json()) as { instance?: { id: string } };
        expect(res.status, JSON.stringify(body)).toBe(201);
        sent.set(ref, { at, pause, instance: body.instance?.id ?? "" });
      }
    });
    await Promise.all(clients);

    // Every call arrives within the waits plus a generous margin; a 5-minute error cannot.
    const deadline = Date.now() + 60_000;
    while (sink.arrivals.size < INSTANCES && Date.now() < deadline) await sleep(200);
    await sleep(1_000); // a duplicate would come in now

    let early = 0;
    let duplicates = 0;
    const lateness: number[] = [];
    for (const [ref, { at, pause }] of sent) {
      const calls = sink.arrivals.get(ref) ?? [];
      duplicates += Math.max(0, calls.length - 1);
      const first = calls[0];
      if (first === undefined) continue;
      const due = at + pause * 1000;
      if (first < due) early++;
      else lateness.push(first - due);
    }
    const lost = INSTANCES - sink.arrivals.size;
    lateness.sort((a, b) => a - b);
    const p99 = lateness[Math.floor(lateness.length * 0.99)] ?? 0;

    const fired = await countPerInstance(setup.db, ws, "timer.fired");
    const firedTwice = fired.filter((row) => Number(row.n) !== 1).length;

    recordFigure({
      id: "R4",
      test: "clock skew: server clocks −5 min and +5 min, database clock right",
      backend: "2 × postgres",
      size: `${count(INSTANCES)} timers of 3–5 s, started on both, fired by either`,
      figures: {
        "fired once": `${count(sink.arrivals.size - lost)}/${count(INSTANCES)}`,
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
