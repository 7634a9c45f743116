/**
 * @module server/routes/jobs
 * Jobs (long work with progress): placeholder until the jobs work.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

export const jobRouteDocs: RouteDoc[] = [];

export function jobRoutes(_deps: ServerDeps) {
  return new Hono<AppEnv>();
}
