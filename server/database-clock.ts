/**
 * @module server/database-clock
 * The clock of a server process that shares PostgreSQL with others: the process's own clock
 * corrected by its measured offset from the database's clock. Every instant kamflow writes — a
 * timer's due time, a claim's lease, an SLA deadline, an audit row — is then on one time line,
 * however far the machines' clocks drift apart (a process 5 minutes behind would otherwise set
 * timers that fire 5 minutes early, and take over live claims of its peers).
 *
 * The offset is measured the way NTP does, from the midpoint of a round trip, keeping the
 * sample with the shortest trip, and measured again every minute. The clock never runs
 * backwards: after a correction it holds still until the corrected time catches up.
 */
import type { Clock } from "../engine/ports.ts";
import { databaseNow, type Store } from "../engine/store/index.ts";
import { errorFields, type Logger } from "./logging.ts";

export interface DatabaseClockOptions {
  /** The process's own clock. @default Date.now */
  readonly systemNow?: () => number;
  /** How often the offset is measured again. @default 60 000 ms */
  readonly resyncEveryMs?: number;
  /** Round trips per measurement; the shortest one counts. @default 3 */
  readonly samples?: number;
  /** Offsets beyond this are logged as a warning (the machine's time service needs a look). @default 1000 ms */
  readonly warnBeyondMs?: number;
  readonly logger?: Logger;
}

/** A clock that follows the database's; `stop()` ends the periodic measuring. */
export interface DatabaseClock extends Clock {
  /** Database time minus this process's time, as last measured. */
  readonly offsetMs: number;
  /** Measures the offset again now. */
  sync(): Promise<void>;
  stop(): void;
}

/**
 * Measures the offset once, then returns a clock that keeps measuring in the background.
 * @example
 * const clock = await startDatabaseClock(store, { logger });
 * const engine = createEngine({ store, clock });
 */
export async function startDatabaseClock(
  store: Store,
  options: DatabaseClockOptions = {},
): Promise<DatabaseClock> {
  const systemNow = options.systemNow ?? Date.now;
  const samples = Math.max(1, options.samples ?? 3);
  const warnBeyondMs = options.warnBeyondMs ?? 1000;
  let offsetMs = 0;
  let last = Number.NEGATIVE_INFINITY;

  async function sample(): Promise<{ offset: number; roundTrip: number }> {
    const sent = systemNow();
    const row = await store.db
      .selectNoFrom(databaseNow(store.dialect).as("now"))
      .executeTakeFirstOrThrow();
    const received = systemNow();
    return { offset: Number(row.now) - (sent + received) / 2, roundTrip: received - sent };
  }

  async function sync(): Promise<void> {
    let best = await sample();
    for (let i = 1; i < samples; i++) {
      const next = await sample();
      if (next.roundTrip < best.roundTrip) best = next;
    }
    const previous = offsetMs;
    offsetMs = Math.round(best.offset);
    if (Math.abs(offsetMs) > warnBeyondMs && Math.abs(offsetMs - previous) > warnBeyondMs / 2)
      options.logger?.warn("clock: this machine's clock differs from the database's", {
        offsetMs,
        roundTripMs: best.roundTrip,
        using: "database time",
      });
  }

  await sync();
  const every = options.resyncEveryMs ?? 60_000;
  const interval = setInterval(() => {
    sync().catch((error: unknown) =>
      // The last offset stays in use; a database outage shows up elsewhere.
      options.logger?.warn("clock: could not measure the database's clock", errorFields(error)),
    );
  }, every);
  interval.unref();

  return {
    get offsetMs() {
      return offsetMs;
    },
    now() {
      last = Math.max(last, systemNow() + offsetMs);
      return last;
    },
    sync,
    stop: () => clearInterval(interval),
  };
}
