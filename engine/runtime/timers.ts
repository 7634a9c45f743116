/**
 * @module runtime/timers
 * Fires due timers exactly once. A claim carries a lease and an epoch; each timer then fires in
 * its own transaction that first completes the timer *at that epoch* — a process paused past its
 * lease finds its epoch stale and rolls back — and applies the step in the same transaction.
 */
import { KamError } from "../errors/index.ts";
import { faultPoint } from "../store/fault-points.ts";
import {
  type ClaimedTimer,
  claimDueTimers,
  completeTimer,
  getInstance,
  isConflictOn,
  releaseTimer,
} from "../store/index.ts";
import type { Instance, Runtime } from "./context.ts";
import { eachAtMost, groupBy } from "./each-at-most.ts";
import { markIncident } from "./incidents.ts";

export interface FireOptions {
  /** Timers claimed per call. @default 100 */
  readonly limit?: number;
  /** How long a claim is exclusive. @default 30_000 */
  readonly leaseMs?: number;
  /** Judge due-ness by the database clock (servers sharing PostgreSQL) instead of the engine's. */
  readonly databaseClock?: boolean;
  /**
   * Claimed timers fired side by side, each in its own transaction. A firing waits mostly on
   * database round trips, so on PostgreSQL a few at once multiply a process's rate; SQLite
   * serialises writers anyway. @default 4 on PostgreSQL, 1 on SQLite
   */
  readonly concurrency?: number;
  /**
   * Asked before each firing starts: true (the host is shutting down) fires no more, and the
   * unfired claims are handed back at once (due again for any process); firings in progress finish.
   */
  readonly shouldStop?: () => boolean;
}

/** Tries of a firing whose instance moved on under it. */
const MAX_ROUNDS = 5;

/**
 * Runs `fire` again when another step committed on the instance between its read and its
 * versioned write (PostgreSQL's READ COMMITTED; a person acting on another branch): that is a
 * lost race to redo, not a step that cannot be applied.
 */
async function retryOnInstanceConflict<T>(fire: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await fire();
    } catch (error) {
      if (round >= MAX_ROUNDS || !isConflictOn(error, "instance")) throw error;
    }
  }
}

/** Claims and fires due timers; returns how many fired. */
export async function fireDueTimers(rt: Runtime, options: FireOptions = {}): Promise<number> {
  const claimed = await claimDueTimers(rt.store, {
    now: options.databaseClock ? "db" : rt.clock.now(),
    limit: options.limit ?? 100,
    owner: rt.owner,
    leaseMs: options.leaseMs ?? 30_000,
  });
  let fired = 0;
  const concurrency = options.concurrency ?? (rt.store.dialect === "postgres" ? 4 : 1);
  // One instance's timers stay in due order (an SLA's level 1 before level 2); different
  // instances fire side by side, and one failing does not hold up the others.
  const byInstance = groupBy(claimed, (timer) => timer.instanceId);
  const unfired: ClaimedTimer[] = [];
  try {
    await eachAtMost(byInstance, concurrency, async (timers) => {
      for (const [i, timer] of timers.entries()) {
        if (options.shouldStop?.()) {
          unfired.push(...timers.slice(i));
          return;
        }
        await fireOne(timer);
      }
    });
  } finally {
    // Handed back rather than left to their lease; one not handed back (the database away) expires.
    for (const timer of unfired) {
      await releaseTimer(rt.store.db, timer).catch(() => false);
    }
  }
  return fired;

  async function fireOne(timer: ClaimedTimer): Promise<void> {
    // Outside the try: a fault here stops the firing as a crash would (the claim then expires).
    faultPoint("timer.claimed");
    try {
      const done = await retryOnInstanceConflict(() =>
        rt.store.transaction(async (trx) => {
          const now = rt.clock.now();
          const claim = {
            workspaceId: timer.workspaceId,
            id: timer.id,
            epoch: timer.epoch,
            firedAt: now,
          };
          if (!(await completeTimer(trx, claim))) return false;
          const instance = await getInstance(trx, {
            workspaceId: timer.workspaceId,
            id: timer.instanceId,
          });
          if (instance && instance.status !== "completed" && instance.status !== "cancelled") {
            await rt.advance(trx, instance as Instance, {
              type: "timer.fired",
              timerId: timer.id,
              ...(timer.tokenId ? { tokenId: timer.tokenId } : {}),
            });
          }
          return true;
        }),
      );
      if (done) fired++;
    } catch (error) {
      // A step that cannot be applied (e.g. it writes an invalid record) must not retry forever:
      // the timer is consumed and the instance becomes an incident a person can retry.
      if (!(error instanceof KamError)) throw error;
      await markIncident(rt, timer.workspaceId, timer.instanceId, error, {
        timer: { id: timer.id, epoch: timer.epoch },
        event: {
          type: "timer.fired",
          timerId: timer.id,
          ...(timer.tokenId ? { tokenId: timer.tokenId } : {}),
        },
      });
      fired++;
    }
  }
}
