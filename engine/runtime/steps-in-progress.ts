/**
 * @module runtime/steps-in-progress
 * The instances whose step is running in a transaction. A step's effects can write a record,
 * and that write wakes the instances waiting on the record (runtime/records); an instance whose
 * own step is still running further up must not be stepped again from inside it — its saved
 * state is stale until its step ends, and a second step would conflict with the first.
 */
import type { Trx } from "./context.ts";

const running = new WeakMap<Trx, Set<string>>();

/** Runs `step` with `instanceId` marked as stepping in `trx`. */
export async function whileStepping<T>(
  trx: Trx,
  instanceId: string,
  step: () => Promise<T>,
): Promise<T> {
  let ids = running.get(trx);
  if (!ids) {
    ids = new Set();
    running.set(trx, ids);
  }
  const mine = !ids.has(instanceId);
  ids.add(instanceId);
  try {
    return await step();
  } finally {
    if (mine) ids.delete(instanceId);
  }
}

/** Whether an instance's step is running in `trx`. */
export function isStepping(trx: Trx, instanceId: string): boolean {
  return running.get(trx)?.has(instanceId) ?? false;
}
