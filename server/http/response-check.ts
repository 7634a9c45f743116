/**
 * @module server/http/response-check
 * Checks every answer against the route table: the route is documented, its status is one the
 * document lists, a JSON body matches the documented schema and an error is a valid problem.
 * Tests switch it on (ServerDeps.onResponseViolation) so that every real answer of the API suite
 * is checked against the document — code and document cannot drift apart unnoticed.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { validatorFor } from "../../schemas/ajv.ts";
import { SCHEMA_BASE } from "../../schemas/common/ids.ts";
import type { AppEnv } from "./env.ts";
import type { RouteDoc } from "./route-docs.ts";

const PROBLEM_ID = `${SCHEMA_BASE}api/problem.json`;

/** The documented route a request matched (by Hono's route pattern, `:id` → `{id}`). */
function matchedDoc(
  c: Context,
  docs: readonly RouteDoc[],
): { path: string; doc?: RouteDoc } | undefined {
  // The handler that answered (`routeIndex`, after `next()`): where a literal segment and a
  // parameter both match (`/templates/installed`, `/templates/{key}`), the last match is not it.
  const answered = c.req.matchedRoutes[c.req.routeIndex];
  const handlers = c.req.matchedRoutes.filter((r) => r.method !== "ALL");
  const last = answered && answered.method !== "ALL" ? answered : handlers[handlers.length - 1];
  if (!last) return undefined;
  const path = last.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "") || "/";
  const method = c.req.method.toLowerCase();
  return { path, doc: docs.find((d) => d.method === method && d.path === path) };
}

/** The middleware; `report` receives one line per violation. */
export function responseCheck(docs: readonly RouteDoc[], report: (violation: string) => void) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const found = matchedDoc(c, docs);
    if (!found) return;
    const where = `${c.req.method} ${found.path}`;
    const { doc } = found;
    if (!doc) {
      report(`${where}: not in the route table`);
      return;
    }
    const status = c.res.status;
    const type = c.res.headers.get("content-type") ?? "";
    if (status < 400) {
      if (!(status in doc.success))
        report(`${where}: answered ${status}, documented ${Object.keys(doc.success)}`);
      if (doc.response && type.includes("application/json")) {
        const body = await c.res.clone().json();
        const validate = validatorFor(doc.response);
        if (!validate(body))
          report(
            `${where}: body does not match ${doc.response}: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
          );
      }
      return;
    }
    const allowed = new Set([
      400,
      401,
      500,
      503,
      ...(doc.body ? [413] : []),
      ...(doc.errors ?? []),
    ]);
    if (!allowed.has(status))
      report(`${where}: answered ${status}, not among the documented errors`);
    if (!type.includes("application/problem+json")) {
      report(`${where}: error ${status} is not problem+json`);
      return;
    }
    const validate = validatorFor(PROBLEM_ID);
    if (!validate(await c.res.clone().json())) report(`${where}: invalid problem document`);
  });
}
