/**
 * @module server/ops/observe
 * Per-request observation: once the response is decided, one structured log line (request id,
 * method, route pattern, path, status, milliseconds) and the request's sample in the HTTP
 * metrics. The route is Hono's matched route pattern (`/api/v1/tasks/:id`), so metrics have one
 * series per endpoint, not per URL; requests no route matched count as `unmatched`.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { type OpsOptions, opsOf } from "./ops-deps.ts";

/** Route label of requests no endpoint matched (404s), so stray URLs add no series. */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * The endpoint's route pattern: the route that answered when it is an endpoint, else (a
 * middleware answered, e.g. 401 or 413) the endpoint the request was headed for.
 */
export function routeOf(c: Context): string {
  let routes: ReturnType<typeof matchedRoutes>;
  try {
    routes = matchedRoutes(c);
  } catch {
    return UNMATCHED_ROUTE;
  }
  // A loop rather than closures: this runs on every request (and tsx names every closure made).
  const answered = routes[c.req.routeIndex];
  if (answered !== undefined && answered.method !== "ALL") return answered.path;
  for (const route of routes) if (route.method !== "ALL") return route.path;
  return UNMATCHED_ROUTE;
}

/**
 * The observation middleware; mount it right after the request id.
 * @example
 * app.use(requestId());
 * app.use(observe(deps));
 */
export function observe(deps: ServerDeps & OpsOptions) {
  const { logger, metrics } = opsOf(deps);
  // Building the line is skipped when the logger would drop it anyway.
  const logInfo = logger.level === "debug" || logger.level === "info";
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - started;
      const route = routeOf(c);
      const method = c.req.method;
      // An error escaping every handler (none does: the app's onError answers) counts as a 500.
      const status = c.finalized ? c.res.status : 500;
      metrics.observe({ method, route, status, seconds: ms / 1000 });
      if (status >= 500 || logInfo) {
        const fields = {
          requestId: c.get("requestId"),
          method,
          route,
          path: c.req.path,
          status,
          ms: Math.round(ms * 100) / 100,
        };
        // A 503 is a known passing state (the database away, not ready), logged where it arose.
        if (status === 503) logger.warn("request", fields);
        else if (status >= 500) logger.error("request", fields);
        else logger.info("request", fields);
      }
    }
  });
}
