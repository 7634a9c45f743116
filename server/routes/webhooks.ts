/**
 * @module server/routes/webhooks
 * Webhook subscriptions of the workspace (admins): list, create (the signing secret is in the
 * answer, the only time it is shown), read, change, delete, rotate the secret, send a test ping;
 * the delivery log of a subscription in cursor pages, one delivery with its body, and redelivery
 * (a new delivery of the same body). Deliveries leave through the outbox (engine/runtime/
 * webhook-fanout) and are signed when sent (server/webhooks/sender).
 *
 * Reads by id look the subscription up before the role check, so another workspace's id is a
 * 404 for everyone, as everywhere in the API.
 */
import { type Context, Hono } from "hono";
import { KamError } from "../../engine/errors/index.ts";
import type { SubscriptionInput } from "../../engine/runtime/webhooks.ts";
import {
  webhookCreateSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryReplySchema,
  webhookListSchema,
  webhookReplySchema,
  webhookSecretReplySchema,
  webhookUpdateSchema,
} from "../../schemas/api/webhooks.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { idempotencyKey } from "../http/idempotency.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { validBody } from "../http/validate.ts";

const PAGE = 50;
const MAX_PAGE = 200;
const DELIVERY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Docs of the `/webhooks` routes (see server/http/route-docs). */
export const webhookRouteDocs: RouteDoc[] = docsUnder("/api/v1/webhooks", "webhooks", [
  {
    method: "get",
    path: "/",
    summary: "Webhook subscriptions of the workspace (admins)",
    response: webhookListSchema.$id,
    success: { 200: "Every subscription, without secrets" },
    errors: [403],
  },
  {
    method: "post",
    path: "/",
    summary: "Subscribe a URL to events (admins); the answer shows the secret once",
    description:
      "Events: instance.completed, instance.step, task.created, task.closed, tier.changed, record.created, record.updated. " +
      "Each delivery is a POST of `{ id, type, createdAt, workspaceId, data }` with the headers X-Kamflow-Event, " +
      'X-Kamflow-Delivery, X-Kamflow-Timestamp and X-Kamflow-Signature (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">). ' +
      "https only, plain http only to localhost, unless allowPrivateNetwork; link-local targets never (422).",
    body: webhookCreateSchema.$id,
    response: webhookSecretReplySchema.$id,
    success: { 201: "The subscription and its secret" },
    errors: [403, 422],
    idempotent: true,
  },
  {
    method: "get",
    path: "/{id}",
    summary: "A webhook subscription (admins)",
    response: webhookReplySchema.$id,
    success: { 200: "The subscription, without its secret" },
    errors: [403, 404],
  },
  {
    method: "patch",
    path: "/{id}",
    summary: "Change a webhook subscription (admins)",
    body: webhookUpdateSchema.$id,
    response: webhookReplySchema.$id,
    success: { 200: "The subscription" },
    errors: [403, 404, 422],
  },
  {
    method: "delete",
    path: "/{id}",
    summary: "Delete a webhook subscription, its delivery log and its unsent deliveries (admins)",
    success: { 204: "Deleted" },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/{id}/rotate-secret",
    summary: "Replace the signing secret (admins); unsent deliveries are signed with the new one",
    response: webhookSecretReplySchema.$id,
    success: { 200: "The subscription and its new secret" },
    errors: [403, 404],
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/ping",
    summary: "Send a test `ping` event to the subscription (admins)",
    response: webhookDeliveryReplySchema.$id,
    success: { 202: "The delivery, queued" },
    errors: [403, 404],
    idempotent: true,
  },
  {
    method: "get",
    path: "/{id}/deliveries",
    summary: "The delivery log of a subscription, newest first (admins)",
    query: {
      cursor: "`nextCursor` of the previous page",
      limit: `Deliveries per page, 1–${MAX_PAGE} (default ${PAGE})`,
    },
    response: webhookDeliveryPageSchema.$id,
    success: { 200: "A page of deliveries and the cursor of the next (null on the last)" },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/{id}/deliveries/{deliveryId}",
    summary: "One delivery with the body it sends (admins)",
    response: webhookDeliveryReplySchema.$id,
    success: { 200: "The delivery" },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/{id}/deliveries/{deliveryId}/redeliver",
    summary: "Send a delivery again: the same body (event id) under a new delivery id (admins)",
    response: webhookDeliveryReplySchema.$id,
    success: { 202: "The new delivery, queued" },
    errors: [403, 404],
    idempotent: true,
  },
]);

function pageParams(c: Context<AppEnv>) {
  const cursor = c.req.query("cursor");
  if (cursor !== undefined && !DELIVERY_ID.test(cursor))
    throw new KamError("SHAPE_FORMAT_INVALID", "/cursor", { format: "cursor" });
  const text = c.req.query("limit");
  if (text !== undefined && !/^\d{1,4}$/.test(text))
    throw new KamError("SHAPE_TYPE_MISMATCH", "/limit", { expected: "integer" });
  const limit = text === undefined ? PAGE : Number(text);
  if (limit < 1 || limit > MAX_PAGE)
    throw new KamError("SHAPE_OUT_OF_RANGE", "/limit", { min: 1, max: MAX_PAGE });
  return { limit, ...(cursor ? { cursor } : {}) };
}

/** The `/webhooks` routes. */
export function webhookRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { webhooks } = deps.engine;
  const acting = (c: Context<AppEnv>) => {
    const key = idempotencyKey(c);
    return { actor: c.get("caller").userId, ...(key ? { idempotencyKey: key } : {}) };
  };

  app.get("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    return c.json({ items: await webhooks.list(caller.workspaceId) });
  });

  app.post("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    const body = await validBody<SubscriptionInput>(c, webhookCreateSchema);
    return c.json(await webhooks.create(caller.workspaceId, body, acting(c)), 201);
  });

  app.get("/:id", async (c) => {
    const caller = c.get("caller");
    const subscription = await webhooks.get(caller.workspaceId, c.req.param("id"));
    requirePermission(caller, "webhooks.manage");
    return c.json({ subscription });
  });

  app.patch("/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    const body = await validBody<Partial<SubscriptionInput>>(c, webhookUpdateSchema);
    const subscription = await webhooks.update(
      caller.workspaceId,
      c.req.param("id"),
      body,
      acting(c),
    );
    return c.json({ subscription });
  });

  app.delete("/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    await webhooks.remove(caller.workspaceId, c.req.param("id"), acting(c));
    return c.body(null, 204);
  });

  app.post("/:id/rotate-secret", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    return c.json(await webhooks.rotateSecret(caller.workspaceId, c.req.param("id"), acting(c)));
  });

  app.post("/:id/ping", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    const delivery = await webhooks.ping(caller.workspaceId, c.req.param("id"), acting(c));
    return c.json({ delivery }, 202);
  });

  app.get("/:id/deliveries", async (c) => {
    const caller = c.get("caller");
    await webhooks.get(caller.workspaceId, c.req.param("id"));
    requirePermission(caller, "webhooks.manage");
    return c.json(await webhooks.deliveries(caller.workspaceId, c.req.param("id"), pageParams(c)));
  });

  app.get("/:id/deliveries/:deliveryId", async (c) => {
    const caller = c.get("caller");
    const delivery = await webhooks.delivery(
      caller.workspaceId,
      c.req.param("id"),
      c.req.param("deliveryId"),
    );
    requirePermission(caller, "webhooks.manage");
    return c.json({ delivery });
  });

  app.post("/:id/deliveries/:deliveryId/redeliver", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "webhooks.manage");
    const delivery = await webhooks.redeliver(
      caller.workspaceId,
      c.req.param("id"),
      c.req.param("deliveryId"),
      acting(c),
    );
    return c.json({ delivery }, 202);
  });

  return app;
}
