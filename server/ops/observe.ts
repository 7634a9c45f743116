/**
 * @module server/ops/observe
 * Per-request observation (structured logs, metrics): placeholder until the operations work.
 */
import { createMiddleware } from "hono/factory";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";

export function observe(_deps: ServerDeps) {
  return createMiddleware<AppEnv>(async (_c, next) => {
    await next();
  });
}
