/**
 * @module runtime/webhooks
 * Webhook subscriptions of a workspace: create (the secret is generated and shown once), read,
 * update, delete, rotate the secret; the delivery log with cursor pages; redeliver one delivery
 * (a new outbox message with the same body and a new delivery id) and send a test ping. Every
 * write is audited (never with the secret). Creating this module registers the fan-out
 * (runtime/webhook-fanout) on the engine's change feed.
 *
 * The secret is stored as it is, not hashed: the HMAC of every delivery is computed from it.
 */
import { randomBytes } from "node:crypto";
import { KamError } from "../errors/index.ts";
import {
  appendAudit,
  type Db,
  deleteSubscription,
  getDelivery,
  getSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  newId,
  type StoredDelivery,
  type StoredSubscription,
  type SubscriptionPatch,
  updateSubscription,
} from "../store/index.ts";
import { runCommand } from "./command.ts";
import type { Actor, Runtime, Trx } from "./context.ts";
import { createTtlCache } from "./ttl-cache.ts";
import {
  enqueueDelivery,
  type SubscriptionFilter,
  type WebhookBody,
  type WebhookEvent,
  webhookEvents,
  webhookFanOut,
} from "./webhook-fanout.ts";
import { assertWebhookTarget } from "./webhook-target.ts";

/** How stale another process's subscription changes may be in this engine's fan-out. */
const CACHE_TTL_MS = 2000;

const ENTITY = { en: "webhook subscription", "zh-CN": "Webhook 订阅" } as const;
const DELIVERY = { en: "webhook delivery", "zh-CN": "Webhook 投递" } as const;

/** A subscription as the API shows it: everything but the secret. */
export interface SubscriptionView {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly flows: readonly string[] | null;
  readonly forms: readonly string[] | null;
  readonly description: string | null;
  readonly active: boolean;
  readonly allowPrivateNetwork: boolean;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Where a delivery stands. */
export type DeliveryStatus =
  | "pending"
  | "retrying"
  | "sending"
  | "delivered"
  | "rejected"
  | "failed";

/** A delivery as the API shows it. */
export interface DeliveryView {
  readonly id: string;
  readonly subscriptionId: string;
  readonly event: string;
  readonly eventId: string;
  /**
   * `pending` (not tried yet), `retrying` (failed, tried again after a back-off), `sending`,
   * `delivered` (2xx), `rejected` (another status that is not retried, e.g. 400 or 410),
   * `failed` (every attempt failed).
   */
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly responseStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: number | null;
  readonly createdAt: number;
  readonly lastAttemptAt: number | null;
  readonly deliveredAt: number | null;
  readonly redeliveryOf: string | null;
  readonly payload?: unknown;
}

export interface SubscriptionInput {
  readonly url: string;
  readonly events: readonly string[];
  readonly flows?: readonly string[] | null;
  readonly forms?: readonly string[] | null;
  readonly description?: string | null;
  /** @default true */
  readonly active?: boolean;
  /** Accept private-network and plain-http targets (see runtime/webhook-target). @default false */
  readonly allowPrivateNetwork?: boolean;
}

interface Acting {
  readonly actor?: Actor;
  readonly idempotencyKey?: string;
}

function view(s: StoredSubscription): SubscriptionView {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    flows: s.flows,
    forms: s.forms,
    description: s.description,
    active: s.active,
    allowPrivateNetwork: s.allowPrivateNetwork,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

function statusOf(d: StoredDelivery): DeliveryStatus {
  switch (d.outbox?.status) {
    case "pending":
      return d.outbox.failedAttempts > 0 || d.attempts > 0 ? "retrying" : "pending";
    case "claimed":
      return "sending";
    case "failed":
      return "failed";
    default:
      // Done, or already removed by retention (only done rows are).
      if (d.deliveredAt !== null) return "delivered";
      return d.responseStatus !== null ? "rejected" : "delivered";
  }
}

/** The API view of a delivery. */
export function deliveryView(d: StoredDelivery): DeliveryView {
  const status = statusOf(d);
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    event: d.eventType,
    eventId: d.eventId,
    status,
    attempts: Math.max(d.attempts, d.outbox?.failedAttempts ?? 0),
    responseStatus: d.responseStatus,
    // The sender's log line when it made an attempt; else what the outbox recorded.
    lastError: d.attempts > 0 ? d.lastError : (d.outbox?.lastError ?? null),
    nextAttemptAt:
      status === "pending" || status === "retrying" ? (d.outbox?.nextAttemptAt ?? null) : null,
    createdAt: d.createdAt,
    lastAttemptAt: d.lastAttemptAt,
    deliveredAt: d.deliveredAt,
    redeliveryOf: d.redeliveryOf,
    ...(d.payload !== undefined ? { payload: d.payload } : {}),
  };
}

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function assertEvents(events: readonly string[] | undefined): void {
  if (events === undefined) return;
  events.forEach((event, i) => {
    if (!(webhookEvents as readonly string[]).includes(event))
      throw new KamError("SHAPE_VALUE_NOT_ALLOWED", `/events/${i}`, {
        allowed: webhookEvents.join(", "),
      });
  });
  if (events.length === 0) throw new KamError("SHAPE_TOO_FEW", "/events", { min: 1 });
}

async function requireSubscription(db: Db, ws: string, id: string) {
  const found = await getSubscription(db, { workspaceId: ws, id });
  if (!found) throw new KamError("STORE_NOT_FOUND", "", { entity: ENTITY, id });
  return found;
}

/** The operations, bound to one runtime (see `createEngine`); registers the fan-out. */
export function webhookAdmin(rt: Runtime) {
  const cache = createTtlCache<readonly SubscriptionFilter[]>(rt.clock, CACHE_TTL_MS);
  const load = async (trx: Trx, ws: string): Promise<SubscriptionFilter[]> =>
    (await listSubscriptions(trx, ws, { activeOnly: true })).map((s) => ({
      id: s.id,
      url: s.url,
      events: s.events,
      flows: s.flows,
      forms: s.forms,
    }));
  rt.changes.onCommitting(webhookFanOut(rt, cache, load));

  /** Runs a subscription write; the fan-out cache forgets the workspace once it committed. */
  async function write<T>(
    ws: string,
    name: string,
    acting: Acting,
    request: unknown,
    body: (trx: Trx) => Promise<T>,
  ): Promise<T> {
    const result = await runCommand(
      rt,
      { workspaceId: ws, name, idempotencyKey: acting.idempotencyKey, request },
      body,
    );
    cache.invalidate(ws);
    return result;
  }

  const audit = (
    trx: Trx,
    ws: string,
    acting: Acting,
    action: string,
    id: string,
    change: { before?: unknown; after?: unknown },
  ) =>
    appendAudit(trx, {
      workspaceId: ws,
      at: rt.clock.now(),
      actorId: acting.actor ?? null,
      action,
      entityKind: "webhook-subscription",
      entityId: id,
      ...change,
    });

  return {
    /** Every subscription of the workspace, oldest first (without secrets). */
    list: async (ws: string): Promise<SubscriptionView[]> =>
      (await listSubscriptions(rt.store.db, ws)).map(view),

    /** @throws KamError STORE_NOT_FOUND */
    get: async (ws: string, id: string): Promise<SubscriptionView> =>
      view(await requireSubscription(rt.store.db, ws, id)),

    /**
     * Creates a subscription; the answer holds its secret, the only time it is shown.
     * @throws KamError WEBHOOK_TARGET_INVALID / WEBHOOK_TARGET_FORBIDDEN (pointer /url)
     */
    create: (ws: string, input: SubscriptionInput, acting: Acting = {}) =>
      write(ws, "webhook.create", acting, input, async (trx) => {
        assertEvents(input.events);
        const allowPrivateNetwork = input.allowPrivateNetwork ?? false;
        const url = assertWebhookTarget(input.url, { allowPrivateNetwork });
        const id = newId();
        const secret = newWebhookSecret();
        await insertSubscription(trx, {
          id,
          workspaceId: ws,
          url,
          events: [...new Set(input.events)],
          flows: input.flows ?? null,
          forms: input.forms ?? null,
          description: input.description ?? null,
          active: input.active ?? true,
          allowPrivateNetwork,
          secret,
          createdBy: acting.actor ?? null,
          createdAt: rt.clock.now(),
        });
        const created = view(await requireSubscription(trx, ws, id));
        await audit(trx, ws, acting, "webhook.create", id, { after: created });
        return { subscription: created, secret };
      }),

    /**
     * Changes some of a subscription's settings; the URL is checked again (with the flag as it
     * will be).
     * @throws KamError STORE_NOT_FOUND, WEBHOOK_TARGET_INVALID / WEBHOOK_TARGET_FORBIDDEN
     */
    update: (
      ws: string,
      id: string,
      patch: Partial<SubscriptionInput>,
      acting: Acting = {},
    ): Promise<SubscriptionView> =>
      write(ws, "webhook.update", acting, { id, patch }, async (trx) => {
        const current = await requireSubscription(trx, ws, id);
        assertEvents(patch.events);
        const allowPrivateNetwork = patch.allowPrivateNetwork ?? current.allowPrivateNetwork;
        const url = assertWebhookTarget(patch.url ?? current.url, { allowPrivateNetwork });
        const changes: SubscriptionPatch = {
          url,
          allowPrivateNetwork,
          ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
          ...(patch.flows !== undefined ? { flows: patch.flows } : {}),
          ...(patch.forms !== undefined ? { forms: patch.forms } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
        };
        await updateSubscription(trx, { workspaceId: ws, id, now: rt.clock.now() }, changes);
        const updated = view(await requireSubscription(trx, ws, id));
        await audit(trx, ws, acting, "webhook.update", id, {
          before: view(current),
          after: updated,
        });
        return updated;
      }),

    /**
     * Deletes a subscription, its delivery log and its deliveries not sent yet.
     * @throws KamError STORE_NOT_FOUND
     */
    remove: (ws: string, id: string, acting: Acting = {}): Promise<void> =>
      write(ws, "webhook.delete", acting, { id }, async (trx) => {
        const current = await requireSubscription(trx, ws, id);
        await deleteSubscription(trx, { workspaceId: ws, id });
        await audit(trx, ws, acting, "webhook.delete", id, { before: view(current) });
      }),

    /**
     * Replaces the secret; deliveries still waiting are signed with the new one when sent.
     * @throws KamError STORE_NOT_FOUND
     */
    rotateSecret: (ws: string, id: string, acting: Acting = {}) =>
      write(ws, "webhook.rotate-secret", acting, { id }, async (trx) => {
        await requireSubscription(trx, ws, id);
        const secret = newWebhookSecret();
        await updateSubscription(trx, { workspaceId: ws, id, now: rt.clock.now() }, { secret });
        const rotated = view(await requireSubscription(trx, ws, id));
        await audit(trx, ws, acting, "webhook.rotate-secret", id, {});
        return { subscription: rotated, secret };
      }),

    /**
     * A page of a subscription's deliveries, newest first; `cursor` is the previous page's
     * `nextCursor`.
     * @throws KamError STORE_NOT_FOUND
     */
    deliveries: async (
      ws: string,
      id: string,
      page: { cursor?: string; limit?: number } = {},
    ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> => {
      await requireSubscription(rt.store.db, ws, id);
      const limit = page.limit ?? 50;
      const rows = await listDeliveries(rt.store.db, {
        workspaceId: ws,
        subscriptionId: id,
        limit: limit + 1,
        ...(page.cursor ? { before: page.cursor } : {}),
      });
      const items = rows.slice(0, limit).map(deliveryView);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    /** One delivery with the body it sends. @throws KamError STORE_NOT_FOUND */
    delivery: async (ws: string, id: string, deliveryId: string): Promise<DeliveryView> => {
      await requireSubscription(rt.store.db, ws, id);
      const found = await getDelivery(rt.store.db, {
        workspaceId: ws,
        subscriptionId: id,
        id: deliveryId,
      });
      if (!found) throw new KamError("STORE_NOT_FOUND", "", { entity: DELIVERY, id: deliveryId });
      return deliveryView(found);
    },

    /**
     * Sends a delivery again: a new outbox message with the same body (the same event id) and a
     * new delivery id, to the subscription's current URL.
     * @throws KamError STORE_NOT_FOUND
     */
    redeliver: (ws: string, id: string, deliveryId: string, acting: Acting = {}) =>
      write(ws, "webhook.redeliver", acting, { id, deliveryId }, async (trx) => {
        const subscription = await requireSubscription(trx, ws, id);
        const original = await getDelivery(trx, {
          workspaceId: ws,
          subscriptionId: id,
          id: deliveryId,
        });
        if (!original)
          throw new KamError("STORE_NOT_FOUND", "", { entity: DELIVERY, id: deliveryId });
        const redeliveryId = await enqueueDelivery(
          rt,
          trx,
          subscription,
          original.payload as WebhookBody,
          deliveryId,
        );
        return deliveryView(
          (await getDelivery(trx, { workspaceId: ws, subscriptionId: id, id: redeliveryId })) ??
            original,
        );
      }),

    /**
     * Sends a `ping` event to the subscription (even an inactive one), to test the receiver.
     * @throws KamError STORE_NOT_FOUND
     */
    ping: (ws: string, id: string, acting: Acting = {}) =>
      write(ws, "webhook.ping", acting, { id }, async (trx) => {
        const subscription = await requireSubscription(trx, ws, id);
        const body: WebhookBody = {
          id: newId(),
          type: "ping",
          createdAt: new Date(rt.clock.now()).toISOString(),
          workspaceId: ws,
          data: { subscriptionId: id },
        };
        const deliveryId = await enqueueDelivery(rt, trx, subscription, body);
        const created = await getDelivery(trx, {
          workspaceId: ws,
          subscriptionId: id,
          id: deliveryId,
        });
        if (!created) throw new Error("the ping's delivery row is missing");
        return deliveryView(created);
      }),

    /** The event types a subscription may ask for. */
    events: webhookEvents as readonly WebhookEvent[],
  };
}
