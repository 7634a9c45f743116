/**
 * @module server/routes/kpis
 * KPIs: placeholder until the KPI work.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

export const kpiRouteDocs: RouteDoc[] = [];

export function kpiRoutes(_deps: ServerDeps) {
  return new Hono<AppEnv>();
}
