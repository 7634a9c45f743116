/**
 * Reliability R3 — downtime catch-up, with real server processes, on SQLite (1 process) and
 * PostgreSQL (2 processes).
 *
 * The servers start once and are stopped (SIGTERM). While they are down, instances are created
 * through the engine with a clock warped into the past, so the database holds what 2 hours of
 * downtime would leave behind:
 * - one-shot timers (a wait node of 1 hour) overdue by 2 hours;
 * - cycle timers (an SLA level "remind after 30 minutes, then every 30 minutes, 3 more times")
 *   whose first firing is 2 hours overdue — 4 firings were missed;
 * - one-shot timers not yet due, falling due 15–30 s from now (they must not fire early).
 * Then the servers restart, and the test counts effects in the database:
 * - every overdue one-shot fires exactly once (one `timer.fired` event, one `timer_history` row,
 *   the instance completed), all within 60 s of the restart;
 * - every cycle timer follows the documented policy (schemas/flow/sla.schema.ts: "fire again
 *   every `every` after the first firing"): after downtime it fires once, not once per missed
 *   period, and its next firing is scheduled `every` after that firing — 100 % checked;
 * - no timer fires before its due time; the not-yet-due ones each fire once, on time.
 */
import { afterAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import type { Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { t } from "./flow-nodes.ts";
import { sleep } from "./pace.ts";
import { type ServerProcess, startServerProcess, stopAll } from "./server-process.ts";
import { serverDatabase } from "./setup.ts";

const ONE_SHOT = scaled(500, 2_000);
const CYCLE = scaled(50, 200);
const NOT_YET_DUE = 50;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DOWNTIME = 2 * HOUR;
/** The promise: an overdue timer fires within this long after the restart. */
const CATCH_UP_MS = 60_000;

const node = (id: string, type: string, y: number, config: object = {}) => ({
  id,
  type,
  label: t(id, id),
  position: { x: 0, y },
  config,
});

/** start → pause (1 hour) → end: one one-shot timer. */
const oneShotFlow = {
  kind: "flow",
  key: "one-shot",
  name: t("等待一小时", "Wait an hour"),
  trigger: { type: "manual" },
  nodes: [
    node("start", "start", 0),
    node("pause", "wait", 100, { kind: "duration", duration: "PT1H" }),
    node("end", "end", 200, { outcome: "done" }),
  ],
  edges: [
    { id: "e1", source: "start", target: "pause" },
    { id: "e2", source: "pause", target: "end" },
  ],
};

/** start → handle (a task reminding after 30 min, then every 30 min, 3 more times) → end. */
const EVERY_MS = 30 * MIN;
const cycleFlow = {
  kind: "flow",
  key: "cycle",
  name: t("循环提醒", "Repeating reminder"),
  trigger: { type: "manual" },
  nodes: [
    node("start", "start", 0),
    node("handle", "task", 100, {
      assignees: [{ kind: "role", role: "desk" }],
      sla: {
        levels: [{ action: "remind", after: "PT30M", repeat: { every: "PT30M", times: 3 } }],
      },
    }),
    node("end", "end", 200, { outcome: "done" }),
  ],
  edges: [
    { id: "e1", source: "start", target: "handle" },
    { id: "e2", source: "handle", target: "end" },
  ],
};

const parse = (data: unknown) =>
  (typeof data === "string" ? JSON.parse(data) : data) as Record<string, unknown>;

afterAll(() => stopAll(), 30_000);

for (const database of testDatabases()) {
  const processes = database.name === "postgres" ? 2 : 1;
  describe(`R3 downtime catch-up on ${database.name}`, () => {
    it(
      `${count(ONE_SHOT)} one-shot and ${CYCLE} cycle timers 2 h overdue, ${processes} process(es): each once, none early`,
      async () => {
        const location = await database.location();
        const store: Store = await location.open();
        try {
          await store.migrate();
          const clock = manualClock(Date.now());
          const engine: Engine = createEngine({ store, clock, owner: "setup" });
          const ws = await engine.workspaces.create("R3 停机补发");
          const desk = await engine.users.create(ws, { email: "desk@acme.cn", name: "客服" });
          await engine.roles.grant(ws, { userId: desk, role: "desk" });
          await engine.definitions.publish(ws, oneShotFlow);
          await engine.definitions.publish(ws, cycleFlow);

          const start = (count: number) =>
            Array.from({ length: count }, (_, i) =>
              startServerProcess({
                name: `server ${i + 1}`,
                ...serverDatabase(location),
                env: { KAMFLOW_SCHEDULER_INTERVAL_MS: "500" },
              }),
            );
          // The servers run, then all stop: the downtime begins.
          let servers: ServerProcess[] = await Promise.all(start(processes));
          const owners = new Set(servers.map((s) => s.owner));
          for (const server of servers) expect(await server.stop()).toBe(0);

          // What 2 hours of downtime leave behind, written with a warped clock.
          const downAt = Date.now();
          const created = new Map<string, "overdue" | "cycle" | "not-yet-due">();
          const dueOf = new Map<string, number>();
          for (let i = 0; i < ONE_SHOT; i++) {
            clock.set(downAt - DOWNTIME - HOUR);
            const instance = await engine.flows.start(ws, "one-shot");
            created.set(instance.id, "overdue");
            dueOf.set(instance.id, downAt - DOWNTIME);
          }
          for (let i = 0; i < CYCLE; i++) {
            clock.set(downAt - DOWNTIME - EVERY_MS);
            const instance = await engine.flows.start(ws, "cycle");
            created.set(instance.id, "cycle");
            dueOf.set(instance.id, downAt - DOWNTIME);
          }
          const soon = Date.now() + 15_000;
          for (let i = 0; i < NOT_YET_DUE; i++) {
            const dueAt = soon + Math.round((i * 15_000) / NOT_YET_DUE);
            clock.set(dueAt - HOUR);
            const instance = await engine.flows.start(ws, "one-shot");
            created.set(instance.id, "not-yet-due");
            dueOf.set(instance.id, dueAt);
          }

          // Restart; wait until the overdue and the not-yet-due one-shots have all fired.
          const restartedAt = Date.now();
          servers = await Promise.all(start(processes));
          for (const server of servers) owners.add(server.owner);
          const deadline = Date.now() + CATCH_UP_MS + 30_000;
          for (;;) {
            const fired = await store.db
              .selectFrom("timer_history")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .where("workspace_id", "=", ws)
              .executeTakeFirstOrThrow();
            if (Number(fired.n) >= ONE_SHOT + NOT_YET_DUE + CYCLE) break;
            if (Date.now() > deadline) break;
            await sleep(250);
          }
          // A little longer: a second firing (of a cycle timer, or a duplicate) would show now.
          await sleep(2_000);
          await stopAll();

          const history = await store.db
            .selectFrom("timer_history")
            .select(["id", "instance_id", "due_at", "fired_at", "fired_by"])
            .where("workspace_id", "=", ws)
            .execute();
          const events = await store.db
            .selectFrom("instance_history")
            .select(["instance_id", "kind", "data"])
            .where("workspace_id", "=", ws)
            .where("kind", "in", ["timer.fired", "sla.level"])
            .execute();
          const pending = await store.db
            .selectFrom("timers")
            .select(["instance_id", "due_at"])
            .where("workspace_id", "=", ws)
            .execute();
          const instances = await store.db
            .selectFrom("flow_instances")
            .select(["id", "status"])
            .where("workspace_id", "=", ws)
            .execute();
          const statusOf = new Map(instances.map((x) => [x.id, x.status]));

          const firingsOf = new Map<string, Array<(typeof history)[number]>>();
          for (const row of history) {
            firingsOf.set(row.instance_id, [...(firingsOf.get(row.instance_id) ?? []), row]);
          }
          const effectsOf = new Map<string, Array<Record<string, unknown>>>();
          for (const row of events) {
            effectsOf.set(row.instance_id, [
              ...(effectsOf.get(row.instance_id) ?? []),
              { kind: row.kind, ...parse(row.data) },
            ]);
          }

          let early = 0;
          let lost = 0;
          let duplicates = 0;
          let late = 0;
          let policyBreaches = 0;
          let firstBreach: string | undefined;
          const catchUp: number[] = [];
          for (const row of history) {
            if (row.fired_at < row.due_at) early++;
            // Fired by the restarted servers, never by the setup or the first start.
            expect(owners.has(row.fired_by ?? "")).toBe(true);
          }
          for (const [id, kind] of created) {
            const firings = firingsOf.get(id) ?? [];
            const effects = effectsOf.get(id) ?? [];
            if (firings.length === 0) lost++;
            duplicates += Math.max(0, firings.length - 1);
            const first = firings[0];
            if (kind === "cycle") {
              // Fired once (firing 1), not once per missed period; the next is `every` after it.
              const levels = effects.filter((e) => e.kind === "sla.level");
              duplicates += Math.max(0, levels.length - 1);
              const next = pending.filter((p) => p.instance_id === id);
              const level = levels[0];
              const nextDue = next[0] ? Number(next[0].due_at) : undefined;
              const breach =
                levels.length !== 1
                  ? `${levels.length} level firings`
                  : level?.firing !== 1
                    ? `firing ${level?.firing}`
                    : next.length !== 1 || nextDue === undefined || first === undefined
                      ? `${next.length} pending timers`
                      : nextDue !== level.nextDueAt
                        ? `next timer due ${nextDue}, level says ${level.nextDueAt}`
                        : nextDue < first.fired_at + EVERY_MS ||
                            nextDue > first.fired_at + EVERY_MS + 5_000
                          ? `next due ${nextDue - first.fired_at} ms after the firing`
                          : statusOf.get(id) !== "waiting"
                            ? `status ${statusOf.get(id)}`
                            : undefined;
              if (breach) {
                policyBreaches++;
                firstBreach ??= `${id}: ${breach}`;
              }
            } else {
              const fired = effects.filter((e) => e.kind === "timer.fired");
              duplicates += Math.max(0, fired.length - 1);
              if (fired.length === 0 || statusOf.get(id) !== "completed") lost++;
            }
            if (first && kind !== "not-yet-due") {
              catchUp.push(first.fired_at - restartedAt);
              if (first.fired_at - restartedAt > CATCH_UP_MS) late++;
            }
            if (first && kind === "not-yet-due") {
              // On time: not early (checked above for all) and not long after its due time.
              expect(first.due_at).toBe(dueOf.get(id));
            }
          }
          catchUp.sort((a, b) => a - b);
          const onTime = history
            .filter((row) => created.get(row.instance_id) === "not-yet-due")
            .map((row) => row.fired_at - row.due_at)
            .sort((a, b) => a - b);

          recordFigure({
            id: "R3",
            test: "downtime catch-up: timers 2 h overdue after all servers were stopped",
            backend: processes > 1 ? `${processes} × ${database.name}` : database.name,
            size: `${count(ONE_SHOT)} one-shot + ${CYCLE} cycle overdue by 2 h, ${NOT_YET_DUE} not yet due`,
            figures: {
              "fired once": `${count(created.size - lost)}/${count(created.size)}`,
              duplicates,
              lost,
              early,
              "cycle policy (fire once, next = firing + every) held": `${CYCLE - policyBreaches}/${CYCLE}`,
              "overdue all fired within ms of restart": catchUp.at(-1) ?? 0,
              "not-yet-due lateness max ms": onTime.at(-1) ?? 0,
            },
          });
          expect(lost).toBe(0);
          expect(duplicates).toBe(0);
          expect(early).toBe(0);
          expect(late).toBe(0);
          expect(policyBreaches, firstBreach).toBe(0);
          expect(onTime).toHaveLength(NOT_YET_DUE);
        } finally {
          await stopAll();
          await store.close();
          await location.dispose();
        }
      },
      scaled(180_000, 600_000),
    );
  });
}
