/**
 * Reliability R2 — timers fire exactly once under scale-out, with real server processes.
 *
 * Setup (in this process, through the engine, on one fresh PostgreSQL schema): a workspace with
 * a flow whose task has an SLA level ("remind after 1 hour"), and N instances created with a
 * clock 2 hours in the past, so all N SLA timers are already due — a fan-in of N timers at the
 * same instant. Then 3 `kamflow serve` processes start on that schema and race to fire them.
 * While they run, M more instances are created whose timers fall due over the next 3–15 s
 * (their lateness is the backlog's), and one process is frozen with SIGSTOP as soon as it holds
 * claims, for more than twice the lease, then resumed with SIGCONT. When all have fired, M more
 * fall due over 3–15 s with nothing else to do (the steady-state lateness).
 *
 * What it proves, counted in the database by the EFFECTS a firing writes (not by log lines):
 * - every timer fired exactly once: one `sla.level` history event, one notification in the
 *   outbox and one `timer_history` row per instance; fired = N + 2M, duplicates 0, lost 0;
 * - the work spread over the processes (each of the 3 fired some);
 * - fencing: of the claims the frozen process held, those its lease let others take were fired
 *   once, at a newer epoch — its completions at the stale epoch after SIGCONT were refused — and
 *   the live processes did take some over;
 * - no timer fired before its due time (process clocks of one machine); lateness is printed.
 *
 * A freeze that lands inside a step's transaction stalls the whole workspace instead (every step
 * upserts the workspace's audit chain head, so all other steps wait on that row lock until the
 * frozen process resumes): nothing can be re-claimed then. The test counts such a freeze, resumes
 * the process and freezes it again elsewhere (the figure shows how many).
 *
 * PostgreSQL only: several processes on one SQLite file is not a supported deployment.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import type { Store } from "../../engine/store/index.ts";
import { type TestLocation, testDatabases } from "../../engine/store/testing/databases.ts";
import { count, recordFigure, scaled } from "./figures.ts";
import { t } from "./flow-nodes.ts";
import { sleep } from "./pace.ts";
import { type ServerProcess, startServerProcess, stopAll } from "./server-process.ts";

/** Timers due at the same instant when the servers start. */
const DUE_AT_ONCE = scaled(2_000, 10_000);
/** Timers falling due while the servers run (for lateness and "never early"). */
const SPREAD = scaled(200, 1_000);
const PROCESSES = 3;
/** Short lease so the SIGSTOP part fits in CI; the pause is more than twice as long. */
const LEASE_MS = 3_000;
const INTERVAL_MS = 200;
const HOUR = 3_600_000;

const postgres = testDatabases().find((d) => d.name === "postgres");
if (!postgres)
  console.warn("R2 timer fan-in skipped: PostgreSQL is unreachable (see DATABASE_URL)");

/** start → handle (a desk task that reminds once after 1 hour) → end: one timer per instance. */
const slaFlow = {
  kind: "flow",
  key: "sla-ticket",
  name: t("工单时限", "Ticket SLA"),
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: { x: 0, y: 0 }, config: {} },
    {
      id: "handle",
      type: "task",
      label: t("处理", "Handle"),
      position: { x: 0, y: 100 },
      config: {
        assignees: [{ kind: "role", role: "desk" }],
        sla: { levels: [{ action: "remind", after: "PT1H" }] },
      },
    },
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: { x: 0, y: 200 },
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "handle" },
    { id: "e2", source: "handle", target: "end" },
  ],
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

describe.runIf(postgres)("R2: timers fire exactly once across 3 server processes", () => {
  let location: TestLocation;
  let store: Store;
  let engine: Engine;
  let clock: ReturnType<typeof manualClock>;
  let ws: string;

  /** Starts an SLA instance whose timer falls due at `dueAt`; resolves with its id. */
  async function startDueAt(dueAt: number): Promise<string> {
    // One engine, one clock: starts at different due times must run one at a time.
    clock.set(dueAt - HOUR);
    const instance = await engine.flows.start(ws, "sla-ticket");
    return instance.id;
  }

  /**
   * Creates SPREAD instances whose timers fall due evenly over 12 s starting 3 s from now, adding
   * them to `all`; returns when each was committed and when it is due.
   */
  async function spread(all: Set<string>) {
    const group = new Map<string, { dueAt: number; committedAt: number }>();
    const base = Date.now() + 3_000;
    for (let i = 0; i < SPREAD; i++) {
      const dueAt = base + Math.round((i * 12_000) / SPREAD);
      const id = await startDueAt(dueAt);
      group.set(id, { dueAt, committedAt: Date.now() });
      all.add(id);
    }
    return group;
  }

  /** Waits until no timer is left, pending or claimed. */
  async function drained(timeoutMs = scaled(120_000, 900_000)) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = await store.db
        .selectFrom("timers")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${left.n} timers still pending after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** How many of `claims` another process has claimed again since (a newer epoch, not `owner`). */
  async function reclaimedByOthers(
    claims: ReadonlyArray<{ id: string; claim_epoch: number }>,
    owner: string,
  ) {
    if (claims.length === 0) return 0;
    const ids = claims.map((c) => c.id);
    const epochs = new Map(claims.map((c) => [c.id, c.claim_epoch]));
    const rows = [
      ...(await store.db
        .selectFrom("timers")
        .select(["id", "claim_epoch", "claimed_by as by"])
        .where("id", "in", ids)
        .execute()),
      ...(await store.db
        .selectFrom("timer_history")
        .select(["id", "claim_epoch", "fired_by as by"])
        .where("id", "in", ids)
        .execute()),
    ];
    return rows.filter((r) => r.claim_epoch > (epochs.get(r.id) ?? 0) && r.by !== owner).length;
  }

  beforeAll(async () => {
    location = await postgres!.location();
    store = await location.open();
    await store.migrate();
    clock = manualClock(Date.now());
    engine = createEngine({ store, clock, owner: "setup" });
    ws = await engine.workspaces.create("R2 定时器");
    const desk = await engine.users.create(ws, { email: "desk@acme.cn", name: "客服" });
    await engine.roles.grant(ws, { userId: desk, role: "desk" });
    await engine.definitions.publish(ws, slaFlow);
  }, 120_000);

  afterAll(async () => {
    await stopAll();
    await store?.close();
    await location?.dispose();
  }, 60_000);

  it(
    `${count(DUE_AT_ONCE)} timers due at once + 2 × ${count(SPREAD)} spread, ${PROCESSES} processes, one frozen past its lease`,
    async () => {
      // All due one hour ago: one clock setting, so 4 starts can run at a time.
      const setupStarted = Date.now();
      clock.set(Date.now() - 2 * HOUR);
      const all = new Set<string>();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next++ < DUE_AT_ONCE) all.add((await engine.flows.start(ws, "sla-ticket")).id);
        }),
      );
      const setupMs = Date.now() - setupStarted;
      const pending = await store.db
        .selectFrom("timers")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(pending.n)).toBe(DUE_AT_ONCE);

      const servers: ServerProcess[] = await Promise.all(
        Array.from({ length: PROCESSES }, (_, i) =>
          startServerProcess({
            name: `server ${i + 1}`,
            databaseUrl: location.url,
            schema: location.options.schema!,
            env: {
              KAMFLOW_LEASE_MS: String(LEASE_MS),
              KAMFLOW_SCHEDULER_INTERVAL_MS: String(INTERVAL_MS),
            },
          }),
        ),
      );
      const fanInStarted = Date.now();
      const byOwner = new Map(servers.map((s) => [s.owner, s.name]));

      // Freeze server 3 as soon as it holds claims, for more than 2 × lease, then resume it.
      const frozen = servers[PROCESSES - 1]!;
      let frozenMs = 0;
      let reclaimedWhileFrozen = 0;
      /** Freezes that stalled the live processes too (see below), and lock waits seen then. */
      let stalls = 0;
      let lockWaits = 0;
      const freeze = (async () => {
        for (let tries = 0; tries < 2_000; tries++) {
          const held = await store.db
            .selectFrom("timers")
            .select(["id", "claim_epoch"])
            .where("status", "=", "claimed")
            .where("claimed_by", "=", frozen.owner)
            .execute();
          // At least 2: one may be locked by its open firing transaction, which nobody can take.
          if (held.length < 2) {
            await sleep(20);
            continue;
          }
          frozen.kill("SIGSTOP");
          // What it held, read again now that it cannot move: these are the stale claims.
          const stale = await store.db
            .selectFrom("timers")
            .select(["id", "claim_epoch"])
            .where("status", "=", "claimed")
            .where("claimed_by", "=", frozen.owner)
            .execute();
          if (stale.length < 2) {
            // It (nearly) finished that batch between the two reads: resume, catch the next one.
            frozen.kill("SIGCONT");
            continue;
          }
          // Frozen for more than 2 × lease, plus time for a live process to finish its batch.
          const frozenAt = Date.now();
          await sleep(2 * LEASE_MS + 1_000);
          while (
            Date.now() - frozenAt < 2 * LEASE_MS + 6_000 &&
            (await reclaimedByOthers(stale, frozen.owner)) === 0
          )
            await sleep(100);
          reclaimedWhileFrozen = await reclaimedByOthers(stale, frozen.owner);
          if (reclaimedWhileFrozen > 0) {
            frozen.kill("SIGCONT");
            frozenMs = Date.now() - frozenAt;
            return stale;
          }
          // Nobody took anything over: the freeze caught the process inside a step's
          // transaction, whose lock on the workspace's audit chain head (every step appends an
          // audit event) holds up every other step of the workspace — the live processes wait
          // on it. Count it, resume, and freeze again elsewhere.
          const waits = await sql<{ n: string }>`
            select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(store.db);
          lockWaits = Math.max(lockWaits, Number(waits.rows[0]?.n ?? 0));
          stalls++;
          frozen.kill("SIGCONT");
          if (stalls >= 5) return stale;
          await sleep(500);
        }
        return [];
      })();

      // Timers falling due over the next seconds, created while the fan-in runs: they queue
      // behind the backlog (claims go by due time), so their lateness is the backlog's.
      const underLoad = await spread(all);
      const stale = await freeze;
      await drained();
      const fanInMs = Date.now() - fanInStarted;
      // Then the same again with nothing else due: the lateness of the steady state.
      const idle = await spread(all);
      await drained();
      // Let the resumed process finish its stale batch: its completions are the ones fencing must refuse.
      await sleep(1_000);
      for (const server of servers) expect(server.alive).toBe(true);

      // Effects, per instance: the SLA level's history event, its notification, the timer's history.
      const perInstance = async (
        query: Promise<Array<{ instance_id: string | null; n: unknown }>>,
      ) => new Map((await query).map((row) => [row.instance_id ?? "", Number(row.n)]));
      const levels = await perInstance(
        store.db
          .selectFrom("instance_history")
          .select(({ fn }) => ["instance_id", fn.countAll().as("n")])
          .where("workspace_id", "=", ws)
          .where("kind", "=", "sla.level")
          .groupBy("instance_id")
          .execute(),
      );
      const notifications = await perInstance(
        store.db
          .selectFrom("outbox")
          .select(({ fn }) => ["instance_id", fn.countAll().as("n")])
          .where("workspace_id", "=", ws)
          .where("kind", "=", "notification")
          .groupBy("instance_id")
          .execute(),
      );
      const fired = await store.db
        .selectFrom("timer_history")
        .select(["id", "instance_id", "due_at", "fired_at", "fired_by", "claim_epoch"])
        .where("workspace_id", "=", ws)
        .execute();
      const firings = new Map<string, number>();
      for (const row of fired)
        firings.set(row.instance_id, (firings.get(row.instance_id) ?? 0) + 1);

      const total = DUE_AT_ONCE + 2 * SPREAD;
      expect(all.size).toBe(total);
      const tally = (effects: Map<string, number>) => {
        let once = 0;
        let duplicates = 0;
        let lost = 0;
        for (const id of all) {
          const n = effects.get(id) ?? 0;
          if (n === 0) lost++;
          else once++;
          if (n > 1) duplicates += n - 1;
        }
        // An effect on an instance this test did not create would be a bug too.
        const strays = [...effects.keys()].filter((id) => !all.has(id)).length;
        return { once, duplicates, lost, strays };
      };
      const byLevel = tally(levels);
      const byNotification = tally(notifications);
      const byTimer = tally(firings);
      const exact = { once: total, duplicates: 0, lost: 0, strays: 0 };
      expect(byLevel).toEqual(exact);
      expect(byNotification).toEqual(exact);
      expect(byTimer).toEqual(exact);

      // Who fired what: every process took a share.
      const shares: Record<string, number> = {};
      for (const row of fired) {
        const name = byOwner.get(row.fired_by ?? "") ?? `other (${row.fired_by})`;
        shares[name] = (shares[name] ?? 0) + 1;
      }
      for (const server of servers) expect(shares[server.name] ?? 0).toBeGreaterThan(0);
      expect(Object.keys(shares).sort()).toEqual(servers.map((s) => s.name).sort());

      // Fencing: the frozen process held claims past their lease. Each was fired exactly once;
      // those fired at a newer epoch were claimed again after the lease (by a live process, or by
      // the frozen one itself after SIGCONT), so its completion at the stale epoch was refused.
      expect(stale.length).toBeGreaterThan(0);
      const firedById = new Map(fired.map((row) => [row.id, row]));
      let takenOver = 0;
      let finishedByFrozen = 0;
      for (const claim of stale) {
        const row = firedById.get(claim.id);
        expect(row, `stale claim ${claim.id} never fired`).toBeDefined();
        if (row!.claim_epoch > claim.claim_epoch) takenOver++;
        else {
          // Same epoch: nobody re-claimed it (e.g. its row was locked by the frozen process's
          // open transaction), so only the frozen process can have completed it.
          expect(row!.fired_by).toBe(frozen.owner);
          finishedByFrozen++;
        }
      }
      // More than twice the lease passed with 2 live processes: they re-claimed some while it
      // was frozen, and those were then fired once, at a newer epoch than the frozen one's.
      // Unless every freeze landed inside a step's transaction (the stall described above; at
      // 10,000 timers a process is nearly always in one): then fencing is not shown here, and
      // the figure says so.
      const fencingShown = reclaimedWhileFrozen > 0;
      if (!fencingShown) {
        console.warn(`R2: fencing not shown — all ${stalls} freezes stalled the workspace`);
        expect(stalls).toBe(5);
      }
      expect(takenOver).toBeGreaterThanOrEqual(reclaimedWhileFrozen);
      // Re-claims in the whole run (a batch slower than the lease is re-claimed too): each
      // fenced the earlier claim, and still every effect above happened once.
      const reclaimed = fired.filter((row) => row.claim_epoch > 1).length;

      // Never early; lateness of the spread timers, from max(due, committed) to fired.
      let early = 0;
      for (const row of fired) if (row.fired_at < row.due_at) early++;
      expect(early).toBe(0);
      const latenessOf = (group: Map<string, { dueAt: number; committedAt: number }>) => {
        const out: number[] = [];
        for (const row of fired) {
          const timer = group.get(row.instance_id);
          if (timer) out.push(row.fired_at - Math.max(timer.dueAt, timer.committedAt));
        }
        return out.sort((a, b) => a - b);
      };
      const loaded = latenessOf(underLoad);
      const steady = latenessOf(idle);

      recordFigure({
        id: "R2",
        test: "timers fire exactly once under scale-out (SIGSTOP one process past its lease)",
        backend: `${PROCESSES} × postgres`,
        size: `${count(DUE_AT_ONCE)} timers due at once + 2 × ${count(SPREAD)} due over 12 s`,
        figures: {
          fired: count(byLevel.once),
          duplicates: byLevel.duplicates + byNotification.duplicates + byTimer.duplicates,
          lost: byLevel.lost,
          early,
          "fired per process": servers.map((s) => shares[s.name] ?? 0).join(" / "),
          "stale claims at SIGSTOP": stale.length,
          "fencing shown": fencingShown ? "yes" : "no (every freeze stalled the workspace)",
          "frozen ms": frozenMs,
          "freezes that stalled the workspace (retried)": stalls,
          "lock waits during a stall": lockWaits,
          "stale claims re-claimed (stale completion refused)": takenOver,
          "… re-claimed by the live processes while it was frozen": reclaimedWhileFrozen,
          "timers fired after a re-claim (epoch > 1)": reclaimed,
          "finished by the frozen process": finishedByFrozen,
          "lateness p99 ms, behind the backlog": percentile(loaded, 99),
          "lateness p50 / p99 / max ms, steady": `${percentile(steady, 50)} / ${percentile(steady, 99)} / ${steady.at(-1) ?? 0}`,
          "poll interval ms": INTERVAL_MS,
          "lease ms": LEASE_MS,
          "setup ms": setupMs,
          "drain ms": fanInMs,
        },
      });
    },
    scaled(300_000, 1_800_000),
  );
});
