/**
 * @module server/routes/definitions
 * Definitions (forms, tier models, flows): placeholder until the definitions routes land.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

export const definitionRouteDocs: RouteDoc[] = [];

export function definitionRoutes(_deps: ServerDeps) {
  return new Hono<AppEnv>();
}
