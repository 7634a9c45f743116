/**
 * @module server/routes/org
 * The organisation (users, teams, roles, delegations, calendars) and audit: placeholder.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

export const orgRouteDocs: RouteDoc[] = [];

export function orgRoutes(_deps: ServerDeps) {
  return new Hono<AppEnv>();
}
