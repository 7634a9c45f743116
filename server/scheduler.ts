/**
 * @module server/scheduler
 * The background loop every server process runs: fire due timers (SLA levels, waits), deliver
 * the outbox (notifications, e-mails, webhooks) and, once a minute of the engine's clock, start
 * the scheduled flows of each workspace. Each part fails alone: an error is logged with its stack
 * and the loop goes on. Any number of processes may run it on one database, since timers and
 * outbox messages are claimed with leases and a schedule period starts once.
 */
import type { Clock } from "../engine/ports.ts";
import type { DeliveryCounts, Engine, Performer } from "../engine/runtime/index.ts";
import { fromJsonOrNull } from "../engine/store/index.ts";
import { createLogger, errorFields, type Logger } from "./logging.ts";
import { createPerformer } from "./ops/performer.ts";

/** Timers fired per batch; a full batch means more may be due, so the loop goes on at once. */
const TIMER_BATCH = 100;
const OUTBOX_BATCH = 50;

export interface SchedulerOptions {
  readonly engine: Engine;
  /** The engine's clock: it decides when schedules run again. */
  readonly clock: Clock;
  /** @default a JSON logger at LOG_LEVEL */
  readonly logger?: Logger;
  /** Delivers outbox messages. @default createPerformer({ store: engine.store }) */
  readonly perform?: Performer;
  /** Pause between ticks when there was nothing more to do. @default 1000 ms */
  readonly intervalMs?: number;
  /** How long a timer claim is exclusive before another process may take it. @default 30 000 ms */
  readonly timerLeaseMs?: number;
  /** How long an outbox claim is exclusive before another process may take it. @default 60 000 ms */
  readonly outboxLeaseMs?: number;
  /** How often, on the engine's clock, schedule triggers are evaluated. @default 60 000 ms */
  readonly schedulesEveryMs?: number;
  /** Judge timers due by the database's clock (servers sharing PostgreSQL). @default false */
  readonly databaseClock?: boolean;
  /** Time zone of schedules whose workspace names none. @default "Asia/Shanghai" */
  readonly timeZone?: string;
}

/** What one tick did. */
export interface TickReport {
  readonly fired: number;
  readonly delivery: DeliveryCounts;
  /** Scheduled instances started; null when schedules were not due this tick. */
  readonly scheduled: number | null;
  /** Parts that failed (each was logged). */
  readonly errors: number;
}

export interface Scheduler {
  /** Runs one pass of every part now (tests call it with a manual clock). */
  tick(): Promise<TickReport>;
  /** Starts the loop; a no-op when it runs. */
  start(): void;
  /** Stops the loop and waits for the tick in progress. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * Creates the scheduler; `start()` runs it in the background.
 * @example
 * const scheduler = createScheduler({ engine, clock, logger });
 * scheduler.start();
 * process.once("SIGTERM", () => scheduler.stop());
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { engine, clock } = options;
  const logger = options.logger ?? createLogger();
  const perform = options.perform ?? createPerformer({ store: engine.store, logger });
  const intervalMs = options.intervalMs ?? 1000;
  const schedulesEveryMs = options.schedulesEveryMs ?? 60_000;
  let lastSchedules: number | undefined;
  let running = false;
  /** Set by stop(): the tick in progress starts no more timers or deliveries (tick() alone runs all). */
  let stopping = false;
  let looping: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function part<T>(name: string, fallback: T, work: () => Promise<T>) {
    try {
      return { value: await work(), failed: false };
    } catch (error) {
      logger.error(`scheduler: ${name} failed`, errorFields(error));
      return { value: fallback, failed: true };
    }
  }

  /** Starts due scheduled flows in every workspace; one workspace failing skips only it. */
  async function runSchedules(): Promise<{ started: number; errors: number }> {
    const rows = await engine.store.db
      .selectFrom("workspaces")
      .select(["id", "settings"])
      .execute();
    let started = 0;
    let errors = 0;
    for (const row of rows) {
      const settings = fromJsonOrNull<Record<string, unknown>>(row.settings) ?? {};
      const zone = typeof settings.timeZone === "string" ? settings.timeZone : options.timeZone;
      const result = await part(`schedules of workspace ${row.id}`, 0, () =>
        engine.flows.runSchedules(row.id, zone ? { timeZone: zone } : {}),
      );
      started += result.value;
      if (result.failed) errors++;
    }
    return { started, errors };
  }

  async function tick(): Promise<TickReport> {
    let errors = 0;
    // Jobs run in the background (long imports must not hold up timers); this picks up queued
    // jobs and resumes those whose runner died, once their lease has passed.
    engine.jobs.kick({
      onError: (error) => logger.error("scheduler: job failed", errorFields(error)),
    });
    const fired = await part("timers", 0, () =>
      engine.timers.fireDue({
        limit: TIMER_BATCH,
        ...(options.timerLeaseMs !== undefined ? { leaseMs: options.timerLeaseMs } : {}),
        ...(options.databaseClock ? { databaseClock: true } : {}),
        // A stop hands back the claimed timers not fired yet instead of firing the whole batch.
        shouldStop: () => stopping,
      }),
    );
    const none = { delivered: 0, retrying: 0, failed: 0 };
    const delivery = await part("outbox", none, () =>
      engine.outbox.deliver({
        perform,
        limit: OUTBOX_BATCH,
        ...(options.outboxLeaseMs !== undefined ? { leaseMs: options.outboxLeaseMs } : {}),
        // A stop waits only for the deliveries in progress; the rest is handed back at once.
        shouldStop: () => stopping,
      }),
    );
    let scheduled: number | null = null;
    const now = clock.now();
    if (lastSchedules === undefined || now - lastSchedules >= schedulesEveryMs) {
      lastSchedules = now;
      const result = await part("schedules", { started: 0, errors: 1 }, runSchedules);
      scheduled = result.value.started;
      errors += result.value.errors;
    }
    if (fired.failed) errors++;
    if (delivery.failed) errors++;
    const report = { fired: fired.value, delivery: delivery.value, scheduled, errors };
    if (report.fired > 0 || report.delivery.delivered + report.delivery.retrying > 0) {
      logger.debug("scheduler: tick", { ...report });
    }
    return report;
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function loop() {
    while (running) {
      let busy = false;
      try {
        const report = await tick();
        busy =
          report.errors === 0 &&
          (report.fired >= TIMER_BATCH ||
            report.delivery.delivered + report.delivery.retrying + report.delivery.failed >=
              OUTBOX_BATCH);
      } catch (error) {
        // tick() catches every part's error; this is a bug in the loop itself.
        logger.error("scheduler: tick failed", errorFields(error));
      }
      if (running && !busy) await sleep(intervalMs);
    }
  }

  return {
    tick,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      logger.info("scheduler started", {
        intervalMs,
        schedulesEveryMs,
        timerLeaseMs: options.timerLeaseMs ?? "default",
        outboxLeaseMs: options.outboxLeaseMs ?? "default",
      });
      looping = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await looping;
      logger.info("scheduler stopped");
    },
    get running() {
      return running;
    },
  };
}
