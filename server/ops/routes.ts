/**
 * @module server/ops/routes
 * Operations endpoints outside `/api`: `/healthz` (the process answers) — `/readyz` and
 * `/metrics` arrive with the operations work.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

/** Docs of the operations routes. */
export const opsRouteDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/healthz",
    tag: "operations",
    summary: "The process answers",
    auth: false,
    success: { 200: "ok and the version" },
  },
];

export function opsRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok", version: deps.version }));
  return app;
}
