/**
 * @module runtime/webhook-fanout
 * Turns a transaction's changes into webhook deliveries, inside that transaction (a committing
 * handler of runtime/changes): each event a subscription wants becomes an outbox message of kind
 * `webhook` plus a row of the delivery log, committed with the change that caused it — a
 * rolled-back step sends nothing, and a committed one is never lost.
 *
 * A workspace's active subscriptions are cached (TtlCache: invalidated by this engine's writes,
 * seen within the TTL when another process writes them), so a step in a workspace with none
 * costs one cache lookup. Data an event needs beyond the change (a task's node, an instance's
 * outcome, a record's form) is read only when some subscription wants that event.
 */
import { webhookEventTypes } from "../../schemas/api/webhooks.schema.ts";
import type { JsonObject } from "../flows/index.ts";
import {
  enqueueOutbox,
  getInstance,
  getRecord,
  getTask,
  insertDelivery,
  newId,
  type StoredSubscription,
} from "../store/index.ts";
import type { EngineChange } from "./changes.ts";
import type { Runtime, Trx } from "./context.ts";
import type { TtlCache } from "./ttl-cache.ts";

/** The event types a subscription may ask for (spelled once, in the API schema). */
export const webhookEvents = webhookEventTypes;
export type WebhookEvent = (typeof webhookEvents)[number];

/** The JSON body of every delivery. `id` is the event's: the same on a redelivery. */
export interface WebhookBody {
  readonly id: string;
  readonly type: WebhookEvent | "ping";
  /** When the event happened, ISO-8601 UTC. */
  readonly createdAt: string;
  readonly workspaceId: string;
  readonly data: JsonObject;
}

/** What the fan-out keeps of a subscription (never its secret). */
export type SubscriptionFilter = Pick<
  StoredSubscription,
  "id" | "url" | "events" | "flows" | "forms"
>;

/**
 * The outbox payload of a delivery: a `webhook` call the server's performer makes, marked with
 * the subscription so the sender signs it (`X-Kamflow-*` headers) and logs what it got back.
 */
export interface SubscriptionDeliveryPayload {
  readonly method: "POST";
  readonly url: string;
  readonly body: WebhookBody;
  /** Per attempt; the receiver should answer fast and work later. */
  readonly timeout: string;
  readonly subscription: {
    readonly id: string;
    readonly deliveryId: string;
    readonly event: string;
  };
}

/** The subscription marker of an outbox payload, if it is a subscription's delivery. */
export function subscriptionDeliveryOf(
  payload: unknown,
): SubscriptionDeliveryPayload["subscription"] | undefined {
  const marker = (payload as { subscription?: unknown } | null)?.subscription;
  if (!marker || typeof marker !== "object") return undefined;
  const { id, deliveryId, event } = marker as Record<string, unknown>;
  return typeof id === "string" && typeof deliveryId === "string" && typeof event === "string"
    ? { id, deliveryId, event }
    : undefined;
}

/**
 * Writes one delivery of `body` to `subscription` in `trx`: the outbox message and the log row.
 * @returns the delivery's id (sent as `X-Kamflow-Delivery`).
 */
export async function enqueueDelivery(
  rt: Runtime,
  trx: Trx,
  subscription: Pick<StoredSubscription, "id" | "workspaceId" | "url">,
  body: WebhookBody,
  redeliveryOf: string | null = null,
): Promise<string> {
  const deliveryId = newId();
  const now = rt.clock.now();
  const payload: SubscriptionDeliveryPayload = {
    method: "POST",
    url: subscription.url,
    body,
    timeout: "PT10S",
    subscription: { id: subscription.id, deliveryId, event: body.type },
  };
  const outboxId = await enqueueOutbox(trx, {
    workspaceId: subscription.workspaceId,
    kind: "webhook",
    payload,
    idempotencyKey: `webhook-delivery:${deliveryId}`,
    now,
  });
  await insertDelivery(trx, {
    id: deliveryId,
    workspaceId: subscription.workspaceId,
    subscriptionId: subscription.id,
    eventId: body.id,
    eventType: body.type,
    payload: body,
    outboxId: outboxId ?? null,
    redeliveryOf,
    now,
  });
  return deliveryId;
}

/** One event a change makes: its type, the key filters apply to, and how to read its data. */
interface Candidate {
  readonly type: WebhookEvent;
  /** The flow (instance, task events) or form (record, tier events) key; loaded if needed. */
  readonly key: () => Promise<string | null>;
  readonly data: () => Promise<JsonObject>;
}

const once = <T>(load: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
};

/** The webhook events of one change (no I/O until a subscription wants one). */
function candidatesOf(trx: Trx, change: EngineChange): Candidate[] {
  const ws = change.workspaceId;
  switch (change.type) {
    case "instance.step": {
      const base = {
        instanceId: change.instanceId,
        flowKey: change.flowKey,
        status: change.status,
        event: change.event,
        initiatorId: change.initiatorId,
        recordId: change.recordId,
      };
      const key = async () => change.flowKey;
      const step: Candidate = { type: "instance.step", key, data: async () => base };
      if (change.status !== "completed") return [step];
      return [
        step,
        {
          type: "instance.completed",
          key,
          data: async () => {
            const instance = await getInstance(trx, { workspaceId: ws, id: change.instanceId });
            const outcome = (instance?.state as { outcome?: string } | undefined)?.outcome;
            return {
              ...base,
              outcome: outcome ?? null,
              completedAt: instance?.completedAt ?? null,
            };
          },
        },
      ];
    }
    case "task.changed": {
      if (change.change === "updated") return [];
      const instance = once(() => getInstance(trx, { workspaceId: ws, id: change.instanceId }));
      return [
        {
          type: change.change === "created" ? "task.created" : "task.closed",
          key: async () => (await instance())?.flowKey ?? null,
          data: async () => {
            const task = await getTask(trx, { workspaceId: ws, id: change.taskId });
            return {
              taskId: change.taskId,
              instanceId: change.instanceId,
              flowKey: (await instance())?.flowKey ?? null,
              nodeId: task?.nodeId ?? null,
              kind: task?.kind ?? null,
              status: task?.status ?? null,
              outcome: task?.outcome ?? null,
              holders: [...change.holders],
              dueAt: change.dueAt ?? null,
            };
          },
        },
      ];
    }
    case "tier.changed": {
      const record = once(() => getRecord(trx, { workspaceId: ws, id: change.recordId }));
      return [
        {
          type: "tier.changed",
          key: async () => (await record())?.formKey ?? null,
          data: async () => ({
            recordId: change.recordId,
            form: (await record())?.formKey ?? null,
            model: change.model,
            from: change.from,
            to: change.to,
          }),
        },
      ];
    }
    case "record.changed":
      return [
        {
          type: change.change === "created" ? "record.created" : "record.updated",
          key: async () => change.form,
          data: async () => ({
            recordId: change.recordId,
            form: change.form,
            version: change.version,
            data: change.data as JsonObject,
            ...(change.changed ? { changed: [...change.changed] } : {}),
            actor: change.actor,
          }),
        },
      ];
    default:
      return [];
  }
}

function passes(subscription: SubscriptionFilter, type: WebhookEvent, key: string | null) {
  const keys =
    type.startsWith("instance.") || type.startsWith("task.")
      ? subscription.flows
      : subscription.forms;
  return keys === null || (key !== null && keys.includes(key));
}

/** Loads a workspace's active subscriptions for the fan-out. */
export type SubscriptionLoader = (trx: Trx, workspaceId: string) => Promise<SubscriptionFilter[]>;

/**
 * The committing handler: enqueues a delivery for every (event, subscription) pair that
 * matches, in the transaction that made the change.
 */
export function webhookFanOut(
  rt: Runtime,
  cache: TtlCache<readonly SubscriptionFilter[]>,
  load: SubscriptionLoader,
) {
  return async (trx: Trx, changes: readonly EngineChange[]): Promise<void> => {
    if (changes.length === 0) return;
    for (const change of changes) {
      const ws = change.workspaceId;
      const subscriptions = await cache.get(ws, () => load(trx, ws));
      if (subscriptions.length === 0) continue;
      for (const candidate of candidatesOf(trx, change)) {
        const wanting = subscriptions.filter((s) => s.events.includes(candidate.type));
        if (wanting.length === 0) continue;
        const key = await candidate.key();
        const targets = wanting.filter((s) => passes(s, candidate.type, key));
        if (targets.length === 0) continue;
        const body: WebhookBody = {
          id: newId(),
          type: candidate.type,
          createdAt: new Date(rt.clock.now()).toISOString(),
          workspaceId: ws,
          data: await candidate.data(),
        };
        for (const subscription of targets) {
          await enqueueDelivery(rt, trx, { ...subscription, workspaceId: ws }, body);
        }
      }
    }
  };
}
