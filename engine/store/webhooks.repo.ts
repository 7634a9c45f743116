/**
 * @module store/webhooks.repo
 * Webhook subscriptions and their delivery log (migration 0007). A delivery row is written in
 * the transaction of the change it reports, beside the outbox message that carries it; the
 * outbox row says where the delivery stands (pending, retrying, failed), and the sender records
 * on the delivery row what each attempt got back. Every query is scoped by workspace.
 *
 * The tables are typed here and added to the database type with Kysely's `withTables`, so this
 * module owns its tables the way a migration does.
 */
import type { Kysely } from "kysely";
import { fromJson, fromJsonOrNull, toJson } from "./json.ts";
import type { Database, JsonText, OutboxStatus } from "./schema.ts";
import type { Db } from "./store-errors.ts";

export interface WebhookSubscriptionsTable {
  id: string;
  workspace_id: string;
  url: string;
  events: JsonText;
  flow_keys: JsonText | null;
  form_keys: JsonText | null;
  description: string | null;
  /** 1 or 0. */
  active: number;
  /** 1 or 0: private-network and plain-http targets accepted (set by an admin). */
  allow_private_network: number;
  /** Stored as it is: every delivery's HMAC is computed from it. */
  secret: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  /** The JSON body sent, as it was built when the event happened. */
  payload: JsonText;
  outbox_id: string | null;
  redelivery_of: string | null;
  /** Attempts the sender made (each HTTP call, whatever its result). */
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  last_attempt_at: number | null;
  delivered_at: number | null;
  created_at: number;
}

// A type alias, not an interface: `withTables` needs an index signature.
export type WebhookTables = {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
};

type WebhookDb = Kysely<Database & WebhookTables>;

/** `db` (or a transaction) with the webhook tables in its type; the same connection. */
const tables = (db: Db): WebhookDb => db.withTables<WebhookTables>() as unknown as WebhookDb;

/** A subscription as the engine sees it. */
export interface StoredSubscription {
  readonly id: string;
  readonly workspaceId: string;
  readonly url: string;
  readonly events: readonly string[];
  /** Only instance and task events of these flows (null: every flow). */
  readonly flows: readonly string[] | null;
  /** Only record and tier events of these forms (null: every form). */
  readonly forms: readonly string[] | null;
  readonly description: string | null;
  readonly active: boolean;
  readonly allowPrivateNetwork: boolean;
  readonly secret: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

function toSubscription(row: WebhookSubscriptionsTable): StoredSubscription {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    url: row.url,
    events: fromJson<string[]>(row.events),
    flows: fromJsonOrNull<string[]>(row.flow_keys),
    forms: fromJsonOrNull<string[]>(row.form_keys),
    description: row.description,
    active: Number(row.active) === 1,
    allowPrivateNetwork: Number(row.allow_private_network) === 1,
    secret: row.secret,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type SubscriptionInput = Omit<StoredSubscription, "updatedAt">;

export async function insertSubscription(db: Db, s: SubscriptionInput): Promise<void> {
  await tables(db)
    .insertInto("webhook_subscriptions")
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      url: s.url,
      events: toJson(s.events),
      flow_keys: s.flows === null ? null : toJson(s.flows),
      form_keys: s.forms === null ? null : toJson(s.forms),
      description: s.description,
      active: s.active ? 1 : 0,
      allow_private_network: s.allowPrivateNetwork ? 1 : 0,
      secret: s.secret,
      created_by: s.createdBy,
      created_at: s.createdAt,
      updated_at: s.createdAt,
    })
    .execute();
}

export async function getSubscription(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredSubscription | undefined> {
  const row = await tables(db)
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** Every subscription of a workspace, oldest first; `activeOnly` for the fan-out. */
export async function listSubscriptions(
  db: Db,
  workspaceId: string,
  options: { activeOnly?: boolean } = {},
): Promise<StoredSubscription[]> {
  let query = tables(db)
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("workspace_id", "=", workspaceId);
  if (options.activeOnly) query = query.where("active", "=", 1);
  const rows = await query.orderBy("id").execute();
  return rows.map(toSubscription);
}

export type SubscriptionPatch = Partial<
  Pick<
    StoredSubscription,
    | "url"
    | "events"
    | "flows"
    | "forms"
    | "description"
    | "active"
    | "allowPrivateNetwork"
    | "secret"
  >
>;

/** Applies `patch`; returns whether the subscription exists. */
export async function updateSubscription(
  db: Db,
  key: { workspaceId: string; id: string; now: number },
  patch: SubscriptionPatch,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable("webhook_subscriptions")
    .set({
      updated_at: key.now,
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.events !== undefined ? { events: toJson(patch.events) } : {}),
      ...(patch.flows !== undefined
        ? { flow_keys: patch.flows === null ? null : toJson(patch.flows) }
        : {}),
      ...(patch.forms !== undefined
        ? { form_keys: patch.forms === null ? null : toJson(patch.forms) }
        : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(patch.allowPrivateNetwork !== undefined
        ? { allow_private_network: patch.allowPrivateNetwork ? 1 : 0 }
        : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
    })
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Deletes a subscription, its delivery log and its deliveries still waiting in the outbox (one
 * being sent at this moment finds no subscription and is dropped); returns whether it existed.
 */
export async function deleteSubscription(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<boolean> {
  const t = tables(db);
  await t
    .deleteFrom("outbox")
    .where("workspace_id", "=", key.workspaceId)
    .where("status", "=", "pending")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("webhook_deliveries")
        .select("outbox_id")
        .where("workspace_id", "=", key.workspaceId)
        .where("subscription_id", "=", key.id)
        .where("outbox_id", "is not", null)
        .$narrowType<{ outbox_id: string }>(),
    )
    .execute();
  await t
    .deleteFrom("webhook_deliveries")
    .where("workspace_id", "=", key.workspaceId)
    .where("subscription_id", "=", key.id)
    .execute();
  const result = await t
    .deleteFrom("webhook_subscriptions")
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export interface DeliveryInput {
  readonly id: string;
  readonly workspaceId: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly payload: unknown;
  readonly outboxId: string | null;
  readonly redeliveryOf: string | null;
  readonly now: number;
}

export async function insertDelivery(db: Db, d: DeliveryInput): Promise<void> {
  await tables(db)
    .insertInto("webhook_deliveries")
    .values({
      id: d.id,
      workspace_id: d.workspaceId,
      subscription_id: d.subscriptionId,
      event_id: d.eventId,
      event_type: d.eventType,
      payload: toJson(d.payload),
      outbox_id: d.outboxId,
      redelivery_of: d.redeliveryOf,
      attempts: 0,
      response_status: null,
      last_error: null,
      last_attempt_at: null,
      delivered_at: null,
      created_at: d.now,
    })
    .execute();
}

/** A delivery with where its outbox message stands (null once retention removed it). */
export interface StoredDelivery {
  readonly id: string;
  readonly workspaceId: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly outboxId: string | null;
  readonly redeliveryOf: string | null;
  readonly attempts: number;
  readonly responseStatus: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: number | null;
  readonly deliveredAt: number | null;
  readonly createdAt: number;
  readonly outbox: {
    readonly status: OutboxStatus;
    readonly failedAttempts: number;
    readonly nextAttemptAt: number;
    readonly lastError: string | null;
  } | null;
  /** Only when asked for (one delivery, or a redelivery). */
  readonly payload?: unknown;
}

function deliveriesQuery(db: Db, workspaceId: string) {
  return tables(db)
    .selectFrom("webhook_deliveries as d")
    .leftJoin("outbox as o", (join) =>
      join.onRef("o.id", "=", "d.outbox_id").on("o.workspace_id", "=", workspaceId),
    )
    .select([
      "d.id",
      "d.workspace_id",
      "d.subscription_id",
      "d.event_id",
      "d.event_type",
      "d.outbox_id",
      "d.redelivery_of",
      "d.attempts",
      "d.response_status",
      "d.last_error",
      "d.last_attempt_at",
      "d.delivered_at",
      "d.created_at",
      "o.status as outbox_status",
      "o.attempts as outbox_attempts",
      "o.next_attempt_at as outbox_next_attempt_at",
      "o.last_error as outbox_last_error",
    ])
    .where("d.workspace_id", "=", workspaceId);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveriesQuery>["execute"]>>[number];

function toDelivery(row: DeliveryRow, payload?: JsonText): StoredDelivery {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    outboxId: row.outbox_id,
    redeliveryOf: row.redelivery_of,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    outbox:
      row.outbox_status === null
        ? null
        : {
            status: row.outbox_status,
            failedAttempts: row.outbox_attempts ?? 0,
            nextAttemptAt: row.outbox_next_attempt_at ?? 0,
            lastError: row.outbox_last_error,
          },
    ...(payload !== undefined ? { payload: fromJson(payload) } : {}),
  };
}

/** A page of a subscription's deliveries, newest first, older than `before` (a delivery id). */
export async function listDeliveries(
  db: Db,
  key: { workspaceId: string; subscriptionId: string; before?: string; limit: number },
): Promise<StoredDelivery[]> {
  let query = deliveriesQuery(db, key.workspaceId).where(
    "d.subscription_id",
    "=",
    key.subscriptionId,
  );
  if (key.before !== undefined) query = query.where("d.id", "<", key.before);
  const rows = await query.orderBy("d.id", "desc").limit(key.limit).execute();
  return rows.map((row) => toDelivery(row));
}

/** One delivery of a subscription, with the body it sends. */
export async function getDelivery(
  db: Db,
  key: { workspaceId: string; subscriptionId: string; id: string },
): Promise<StoredDelivery | undefined> {
  const row = await deliveriesQuery(db, key.workspaceId)
    .select("d.payload")
    .where("d.subscription_id", "=", key.subscriptionId)
    .where("d.id", "=", key.id)
    .executeTakeFirst();
  return row ? toDelivery(row, row.payload) : undefined;
}

/** What one attempt got: the response status (none on a network error) and the error. */
export interface DeliveryAttempt {
  readonly workspaceId: string;
  readonly id: string;
  readonly at: number;
  readonly responseStatus: number | null;
  readonly error: string | null;
  readonly delivered: boolean;
}

/** Records an attempt on the delivery log (outside the outbox's transaction: a log line). */
export async function recordDeliveryAttempt(db: Db, attempt: DeliveryAttempt): Promise<void> {
  await tables(db)
    .updateTable("webhook_deliveries")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      response_status: attempt.responseStatus,
      last_error: attempt.error === null ? null : attempt.error.slice(0, 2000),
      last_attempt_at: attempt.at,
      ...(attempt.delivered ? { delivered_at: attempt.at } : {}),
    }))
    .where("workspace_id", "=", attempt.workspaceId)
    .where("id", "=", attempt.id)
    .execute();
}
