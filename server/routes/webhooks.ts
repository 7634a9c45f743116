/**
 * @module server/routes/webhooks
 * Webhook subscriptions and deliveries: placeholder until the webhooks work.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

export const webhookRouteDocs: RouteDoc[] = [];

export function webhookRoutes(_deps: ServerDeps) {
  return new Hono<AppEnv>();
}
