/**
 * @module runtime/incidents
 * When a step cannot be applied at all (its transaction failed with a user-fixable error), the
 * instance is marked as an incident in a fresh transaction, so it is visible and retryable
 * instead of failing again and again in the background.
 */
import type { KamError } from "../errors/index.ts";
import type { FlowEvent } from "../flows/index.ts";
import { appendAudit, completeTimer, getInstance, updateInstance } from "../store/index.ts";
import type { Runtime } from "./context.ts";

export async function markIncident(
  rt: Runtime,
  workspaceId: string,
  instanceId: string,
  error: KamError,
  consume: { timer?: { id: string; epoch: number }; event?: FlowEvent } = {},
): Promise<void> {
  await rt.store.transaction(async (trx) => {
    const now = rt.clock.now();
    if (consume.timer) {
      await completeTimer(trx, {
        workspaceId,
        id: consume.timer.id,
        epoch: consume.timer.epoch,
        firedAt: now,
      });
    }
    const instance = await getInstance(trx, { workspaceId, id: instanceId });
    if (!instance || instance.status === "completed" || instance.status === "cancelled") return;
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
  });
}
