/**
 * @module runtime/incidents
 * When a step cannot be applied at all (its transaction failed with a user-fixable error), the
 * instance is marked as an incident in a fresh transaction, so it is visible and retryable
 * instead of failing again and again in the background.
 */
import type { KamError } from "../errors/index.ts";
import type { FlowEvent } from "../flows/index.ts";
import { appendAudit, completeTimer, getInstance, updateInstance } from "../store/index.ts";
import type { Runtime, Trx } from "./context.ts";

/**
 * Marks the instance as an incident for `error`, in one transaction with consuming the work item
 * whose step failed: a claimed timer, or `settle` (e.g. an outbox message's outcome at its claim;
 * its value is returned, and a falsy one — the claim went stale — marks nothing). `event` is kept
 * for the retry.
 */
export async function markIncident<T = undefined>(
  rt: Runtime,
  workspaceId: string,
  instanceId: string,
  error: KamError,
  consume: {
    timer?: { id: string; epoch: number };
    event?: FlowEvent;
    settle?: (trx: Trx) => Promise<T>;
  } = {},
): Promise<T | undefined> {
  return rt.store.transaction(async (trx) => {
    const now = rt.clock.now();
    const settled = await consume.settle?.(trx);
    // Settled by someone else already (a stale claim): theirs to judge.
    if (consume.settle && !settled) return settled;
    if (consume.timer) {
      await completeTimer(trx, {
        workspaceId,
        id: consume.timer.id,
        epoch: consume.timer.epoch,
        firedAt: now,
      });
    }
    const instance = await getInstance(trx, { workspaceId, id: instanceId });
    if (!instance || instance.status === "completed" || instance.status === "cancelled") {
      return settled;
    }
    // The failed event is kept, so a retry (after the cause is fixed) applies it again.
    const incident = {
      code: error.code,
      message: error.message,
      pointer: error.pointer,
      params: error.params,
      at: now,
      ...(consume.event ? { event: consume.event } : {}),
    };
    await updateInstance(trx, {
      workspaceId,
      id: instanceId,
      expectedVersion: instance.version,
      status: "incident",
      state: instance.state,
      incident,
      now,
    });
    await appendAudit(trx, {
      workspaceId,
      at: now,
      actorId: null,
      action: "instance.incident",
      entityKind: "instance",
      entityId: instanceId,
      after: incident,
    });
    return settled;
  });
}
