/**
 * @module server/app
 * The Hono application: request id and locale, secure headers with a strict Content Security
 * Policy, a body-size limit that also holds for chunked bodies, no CORS (foreign origins get no
 * access), the operations endpoints, and the JSON API under `/api/v1` behind authentication.
 * Every error is RFC 9457 problem+json in the caller's language (server/http/problem). Every other
 * GET outside `/api` is the designer (server/http/designer), under its own per-page CSP nonce.
 */
import { Hono } from "hono";
import { KamError } from "../engine/errors/index.ts";
import { isDatabaseUnavailable } from "../engine/store/index.ts";
import { authenticate } from "./auth/authenticate.ts";
import type { ServerDeps } from "./deps.ts";
import { docsRoutes } from "./docs/page.ts";
import { allRouteDocs } from "./http/all-route-docs.ts";
import { bodyLimit } from "./http/body-limit.ts";
import { designer } from "./http/designer.ts";
import type { AppEnv } from "./http/env.ts";
import { localeOf } from "./http/locale.ts";
import { openApiDocument } from "./http/openapi.ts";
import { isKamError, problemOf } from "./http/problem.ts";
import { requestId } from "./http/request-id.ts";
import { responseCheck } from "./http/response-check.ts";
import { secureHeaders } from "./http/secure-headers.ts";
import { errorFields } from "./logging.ts";
import { observe } from "./ops/observe.ts";
import { opsOf } from "./ops/ops-deps.ts";
import { opsRoutes } from "./ops/routes.ts";
import { authRoutes } from "./routes/auth.ts";
import { definitionRoutes } from "./routes/definitions.ts";
import { eventRoutes } from "./routes/events.ts";
import { instanceRoutes } from "./routes/instances.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { kpiRoutes } from "./routes/kpis.ts";
import { orgRoutes } from "./routes/org.ts";
import { record360Routes } from "./routes/record-360.ts";
import { recordRoutes } from "./routes/records.ts";
import { taskRoutes } from "./routes/tasks.ts";
import { templateRoutes } from "./routes/templates.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

/** Default largest request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const PROBLEM = { "content-type": "application/problem+json" };
/** When a client should retry after the database did not answer (a restart or a failover). */
const RETRY_AFTER_SECONDS = 5;

/** Creates the application over `deps`. */
export function createApp(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  if (deps.onResponseViolation) app.use(responseCheck(allRouteDocs, deps.onResponseViolation));
  app.use(requestId());
  // While the server stops, each answer closes its connection: keep-alive clients (a load
  // balancer, a browser) send their next request to another process, and the drain ends early.
  app.use(async (c, next) => {
    await next();
    if (deps.shutdown?.aborted) c.header("connection", "close");
  });
  app.use(observe(deps));
  app.use((c, next) => {
    c.set("locale", localeOf(c.req.header("accept-language")));
    return next();
  });
  app.use(secureHeaders());
  app.use(
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new KamError("HTTP_BODY_TOO_LARGE", "", { limit });
      },
    }),
  );

  // PostgreSQL refuses a NUL character in text: one in a query parameter or a path id would
  // reach it as a bound value and fail the query (a 500). Refused here for every API route.
  app.use("/api/*", (c, next) => {
    // The common case costs one scan of the URL: no NUL, raw or encoded, anywhere in it.
    if (!/%00|\0/i.test(c.req.url)) return next();
    for (const [name, value] of new URL(c.req.url).searchParams)
      if (name.includes("\0") || value.includes("\0"))
        throw new KamError("SHAPE_FORMAT_INVALID", `/${name}`, { format: "text without NUL" });
    if (c.req.path.includes("\0") || /%00/i.test(c.req.url.split("?")[0] ?? ""))
      throw new KamError("SHAPE_FORMAT_INVALID", "", { format: "text without NUL" });
    return next();
  });
  app.route("/", opsRoutes(deps));
  const document = openApiDocument(allRouteDocs, deps.version);
  app.get("/api/openapi.json", (c) => c.json(document));
  app.route("/api/docs", docsRoutes());
  app.route("/api/v1/auth", authRoutes(deps));
  const api = new Hono<AppEnv>();
  api.use(authenticate(deps));
  api.route("/tasks", taskRoutes(deps));
  api.route("/instances", instanceRoutes(deps));
  api.route("/events", eventRoutes(deps));
  api.route("/jobs", jobRoutes(deps));
  api.route("/webhooks", webhookRoutes(deps));
  api.route("/kpis", kpiRoutes(deps));
  api.route("/definitions", definitionRoutes(deps));
  api.route("/templates", templateRoutes(deps));
  api.route("/records", recordRoutes(deps));
  api.route("/records", record360Routes(deps));
  api.route("/", orgRoutes(deps));
  app.route("/api/v1", api);
  // Last: every GET the API and the ops routes did not answer is a page of the designer.
  app.use(designer(deps.designerDir));

  app.notFound((c) => {
    const error = new KamError("HTTP_NOT_FOUND", "", { method: c.req.method, path: c.req.path });
    return c.json(problemOf(error, c.get("locale") ?? "zh-CN"), 404, PROBLEM);
  });
  app.onError((error, c) => {
    const locale = c.get("locale") ?? "zh-CN";
    if (isKamError(error)) {
      const problem = problemOf(error, locale);
      return c.json(problem, problem.status as 400, PROBLEM);
    }
    const id = c.get("requestId") ?? "-";
    if (isDatabaseUnavailable(error)) {
      opsOf(deps).logger.warn("database unavailable", { requestId: id, ...errorFields(error) });
      const problem = problemOf(new KamError("HTTP_DATABASE_UNAVAILABLE", ""), locale);
      return c.json(problem, 503, { ...PROBLEM, "retry-after": String(RETRY_AFTER_SECONDS) });
    }
    // The stack goes to the log, never to the caller.
    opsOf(deps).logger.error("unexpected error", { requestId: id, ...errorFields(error) });
    const problem = problemOf(new KamError("HTTP_INTERNAL", "", { requestId: id }), locale);
    return c.json(problem, 500, PROBLEM);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
