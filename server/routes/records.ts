/**
 * @module server/routes/records
 * Records: placeholder until the records routes land.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

export const recordRouteDocs: RouteDoc[] = [];

export function recordRoutes(_deps: ServerDeps) {
  return new Hono<AppEnv>();
}
