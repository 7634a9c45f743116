/**
 * @module server/ops/routes
 * Operations endpoints outside `/api`, open without authentication (expose them to the internal
 * network only): `/healthz` (the process answers), `/readyz` (the database answers and its
 * migrations are current) and `/metrics` (Prometheus text format).
 */
import { Hono } from "hono";
import { KamError } from "../../engine/errors/index.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { problemOf } from "../http/problem.ts";
import type { RouteDoc } from "../http/route-docs.ts";
import { errorFields } from "../logging.ts";
import { processFamilies, renderFamilies } from "./metrics.ts";
import { type OpsOptions, opsOf } from "./ops-deps.ts";
import { checkReadiness } from "./readiness.ts";
import { runtimeFamilies } from "./runtime-gauges.ts";

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
  {
    method: "get",
    path: "/readyz",
    tag: "operations",
    summary: "Ready to serve: the database answers and every migration is applied",
    description:
      "Answers 503 (problem+json, HTTP_NOT_READY_DATABASE or HTTP_NOT_READY_MIGRATIONS) while the database is unreachable or " +
      "migrations are pending; load balancers send traffic only on 200.",
    auth: false,
    success: { 200: "ready, with the number of migrations applied" },
    errors: [503],
  },
  {
    method: "get",
    path: "/metrics",
    tag: "operations",
    summary: "Metrics in the Prometheus text format",
    description:
      "kamflow_http_requests_total{method,route,status}, " +
      "kamflow_http_request_duration_seconds (histogram), kamflow_instances{status}, " +
      "kamflow_timers_due, kamflow_timer_lag_seconds, kamflow_outbox_messages{status}, " +
      "kamflow_jobs{status}, kamflow_database_up and process basics.",
    auth: false,
    contentType: "text/plain; version=0.0.4",
    success: { 200: "The metrics" },
  },
];

/** The operations routes. */
export function opsRoutes(deps: ServerDeps & OpsOptions) {
  const app = new Hono<AppEnv>();
  const { logger, metrics } = opsOf(deps);

  app.get("/healthz", (c) => c.json({ status: "ok", version: deps.version }));

  app.get("/readyz", async (c) => {
    const readiness = await checkReadiness(deps.store);
    if (readiness.ready) return c.json({ status: "ready", migrations: readiness.migrations });
    logger.warn("not ready", {
      requestId: c.get("requestId"),
      reason: readiness.reason,
      ...(readiness.pending ? { pending: readiness.pending } : {}),
      ...(readiness.error ? errorFields(readiness.error) : {}),
    });
    const error =
      readiness.reason === "database-unreachable"
        ? new KamError("HTTP_NOT_READY_DATABASE", "")
        : new KamError("HTTP_NOT_READY_MIGRATIONS", "", {
            pending: (readiness.pending ?? []).join(", "),
          });
    return c.json(problemOf(error, c.get("locale") ?? "zh-CN"), 503, {
      "content-type": "application/problem+json",
      "retry-after": "5",
    });
  });

  app.get("/metrics", async (c) => {
    let runtime: Awaited<ReturnType<typeof runtimeFamilies>> = [];
    let up = 1;
    try {
      runtime = await runtimeFamilies(deps.store, deps.clock.now());
    } catch (error) {
      up = 0;
      logger.error("metrics: runtime gauges failed", {
        requestId: c.get("requestId"),
        ...errorFields(error),
      });
    }
    const body = renderFamilies([
      ...metrics.families(),
      ...runtime,
      {
        name: "kamflow_database_up",
        help: "1 when the last scrape could read the database, else 0.",
        type: "gauge",
        samples: [{ value: up }],
      },
      ...processFamilies(deps.version),
    ]);
    return c.body(body, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });

  return app;
}
