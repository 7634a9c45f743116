/**
 * @module schemas/api/webhooks
 * Bodies of the webhooks routes of the HTTP API: subscriptions (requests and answers), the
 * delivery log, and the event types a subscription may ask for. Answers are open objects — a
 * member may be added later without a breaking change — whose listed members are required.
 */
import { SCHEMA_BASE } from "../common/ids.ts";

/** The event types a subscription may ask for (the engine's fan-out reads this list). */
export const webhookEventTypes = [
  "instance.completed",
  "instance.step",
  "task.created",
  "task.closed",
  "tier.changed",
  "record.created",
  "record.updated",
] as const;

const str = { type: "string" } as const;
const int = { type: "integer" } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] }) as const;
const ref = (file: string) => ({ $ref: `${SCHEMA_BASE}api/${file}.json` }) as const;

const url = {
  type: "string",
  minLength: 1,
  maxLength: 2000,
  title: "URL",
  description:
    "Where deliveries are POSTed: https on a public host; plain http only to localhost or 127.0.0.1, unless allowPrivateNetwork. Link-local (169.254.0.0/16) and reserved addresses are never allowed.",
} as const;

const events = {
  type: "array",
  minItems: 1,
  maxItems: webhookEventTypes.length,
  uniqueItems: true,
  items: { type: "string", enum: webhookEventTypes },
  title: "Events",
  description: "The event types to deliver.",
} as const;

const keys = (title: string, description: string) =>
  ({
    anyOf: [
      {
        type: "array",
        maxItems: 100,
        uniqueItems: true,
        items: { type: "string", minLength: 1, maxLength: 100 },
      },
      { type: "null" },
    ],
    title,
    description,
  }) as const;

const flows = keys(
  "Flows",
  "Only instance and task events of these flow keys; null or absent: every flow.",
);
const forms = keys(
  "Forms",
  "Only record and tier events of records of these form keys; null or absent: every form.",
);
const description = {
  anyOf: [{ type: "string", maxLength: 500 }, { type: "null" }],
  title: "Description",
  description: "What the subscription is for.",
} as const;
const active = {
  type: "boolean",
  title: "Active",
  description:
    "Inactive subscriptions get no new events (pings and redeliveries still go). Default true.",
} as const;
const allowPrivateNetwork = {
  type: "boolean",
  title: "Allow private network",
  description:
    "Also accept private-network targets (10/8, 172.16/12, 192.168/16, fc00::/7, intranet names) and plain http. Default false.",
} as const;

/** POST /webhooks */
export const webhookCreateSchema = {
  $id: `${SCHEMA_BASE}api/webhook-create.json`,
  title: "Create a webhook subscription",
  description:
    "Subscribes a URL to events of this workspace; the answer holds the signing secret, shown only this once.",
  type: "object",
  additionalProperties: false,
  required: ["url", "events"],
  properties: { url, events, flows, forms, description, active, allowPrivateNetwork },
} as const;

/** PATCH /webhooks/{id} */
export const webhookUpdateSchema = {
  $id: `${SCHEMA_BASE}api/webhook-update.json`,
  title: "Change a webhook subscription",
  description: "Changes the members given; the URL is checked again.",
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: { url, events, flows, forms, description, active, allowPrivateNetwork },
} as const;

/** A subscription as answers show it. */
export const webhookSubscriptionSchema = {
  $id: `${SCHEMA_BASE}api/webhook-subscription.json`,
  title: "Webhook subscription",
  description: "A subscription without its secret.",
  type: "object",
  required: [
    "id",
    "url",
    "events",
    "flows",
    "forms",
    "description",
    "active",
    "allowPrivateNetwork",
    "createdAt",
    "updatedAt",
  ],
  properties: {
    id: str,
    url: str,
    events: { type: "array", items: str },
    flows: nullable({ type: "array", items: str }),
    forms: nullable({ type: "array", items: str }),
    description: nullable(str),
    active: { type: "boolean" },
    allowPrivateNetwork: { type: "boolean" },
    createdBy: nullable(str),
    createdAt: int,
    updatedAt: int,
  },
} as const;

export const webhookReplySchema = {
  $id: `${SCHEMA_BASE}api/webhook-reply.json`,
  title: "Webhook subscription reply",
  description: "One subscription.",
  type: "object",
  required: ["subscription"],
  properties: { subscription: ref("webhook-subscription") },
} as const;

export const webhookSecretReplySchema = {
  $id: `${SCHEMA_BASE}api/webhook-secret-reply.json`,
  title: "Webhook subscription with its secret",
  description:
    "A subscription just created, or whose secret was rotated, with the secret: store it now, it is not shown again.",
  type: "object",
  required: ["subscription", "secret"],
  properties: {
    subscription: ref("webhook-subscription"),
    secret: {
      type: "string",
      title: "Secret",
      description:
        "The HMAC-SHA256 key of X-Kamflow-Signature (the whole string, whsec_ included, as UTF-8).",
    },
  },
} as const;

export const webhookListSchema = {
  $id: `${SCHEMA_BASE}api/webhook-list.json`,
  title: "Webhook subscriptions",
  description: "Every subscription of the workspace, oldest first.",
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", items: ref("webhook-subscription") } },
} as const;

/** One delivery in the log. */
export const webhookDeliverySchema = {
  $id: `${SCHEMA_BASE}api/webhook-delivery.json`,
  title: "Webhook delivery",
  description:
    "One delivery of an event to a subscription: status pending, retrying, sending, delivered (2xx), rejected (another status, not retried) or failed (every attempt failed); times in epoch milliseconds.",
  type: "object",
  required: [
    "id",
    "subscriptionId",
    "event",
    "eventId",
    "status",
    "attempts",
    "responseStatus",
    "lastError",
    "nextAttemptAt",
    "createdAt",
    "lastAttemptAt",
    "deliveredAt",
    "redeliveryOf",
  ],
  properties: {
    id: str,
    subscriptionId: str,
    event: str,
    eventId: str,
    status: {
      type: "string",
      enum: ["pending", "retrying", "sending", "delivered", "rejected", "failed"],
    },
    attempts: int,
    responseStatus: nullable(int),
    lastError: nullable(str),
    nextAttemptAt: nullable(int),
    createdAt: int,
    lastAttemptAt: nullable(int),
    deliveredAt: nullable(int),
    redeliveryOf: nullable(str),
    payload: {
      type: "object",
      description: "The JSON body sent (one delivery, a redelivery or a ping only).",
    },
  },
} as const;

export const webhookDeliveryReplySchema = {
  $id: `${SCHEMA_BASE}api/webhook-delivery-reply.json`,
  title: "Webhook delivery reply",
  description: "One delivery, with the body it sends.",
  type: "object",
  required: ["delivery"],
  properties: { delivery: ref("webhook-delivery") },
} as const;

export const webhookDeliveryPageSchema = {
  $id: `${SCHEMA_BASE}api/webhook-delivery-page.json`,
  title: "Webhook delivery page",
  description:
    "Deliveries of a subscription, newest first, and the cursor of the next page (null on the last).",
  type: "object",
  required: ["items", "nextCursor"],
  properties: {
    items: { type: "array", items: ref("webhook-delivery") },
    nextCursor: nullable(str),
  },
} as const;

/** Every schema of this module, registered in schemas/schema-list. */
export const webhooksApiSchemas = [
  webhookCreateSchema,
  webhookUpdateSchema,
  webhookSubscriptionSchema,
  webhookReplySchema,
  webhookSecretReplySchema,
  webhookListSchema,
  webhookDeliverySchema,
  webhookDeliveryReplySchema,
  webhookDeliveryPageSchema,
] as const;
