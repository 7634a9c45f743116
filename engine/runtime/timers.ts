/**
 * @module runtime/timers
 * Fires due timers exactly once. A claim carries a lease and an epoch; each timer then fires in
 * its own transaction that first completes the timer *at that epoch* — a process paused past its
 * lease finds its epoch stale and rolls back — and applies the step in the same transaction.
 */
import { KamError } from "../errors/index.ts";
import { claimDueTimers, completeTimer, getInstance } from "../store/index.ts";
import type { Instance, Runtime } from "./context.ts";
import { markIncident } from "./incidents.ts";

export interface FireOptions {
  /** Timers claimed per call. @default 100 */
  readonly limit?: number;
  /** How long a claim is exclusive. @default 30_000 */
  readonly leaseMs?: number;
  /** Judge due-ness by the database clock (servers sharing PostgreSQL) instead of the engine's. */
  readonly databaseClock?: boolean;
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
  for (const timer of claimed) {
    try {
      const done = await rt.store.transaction(async (trx) => {
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
      });
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
  return fired;
}
