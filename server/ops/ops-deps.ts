/**
 * @module server/ops/ops-deps
 * What the operations layer adds to the server's deps: the logger and the HTTP metrics. Both are
 * optional; when absent, each app (each `deps` object) gets its own metrics and a logger at
 * `LOG_LEVEL`, shared by the `observe` middleware and the `/metrics` route.
 */
import type { ServerDeps } from "../deps.ts";
import { createLogger, type Logger } from "../logging.ts";
import { createHttpMetrics, type HttpMetrics } from "./metrics.ts";

/** Optional operations deps a host may pass beside `ServerDeps`. */
export interface OpsOptions {
  /** Where request and error logs go. @default a JSON logger to stdout at LOG_LEVEL */
  readonly logger?: Logger;
  /** The HTTP metrics registry. @default one per deps object */
  readonly metrics?: HttpMetrics;
}

export interface Ops {
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
}

const byDeps = new WeakMap<object, Ops>();

/**
 * The logger and metrics of an app's deps, created once per deps object.
 * @example const { logger, metrics } = opsOf(deps);
 */
export function opsOf(deps: ServerDeps & OpsOptions): Ops {
  let ops = byDeps.get(deps);
  if (!ops) {
    ops = {
      logger: deps.logger ?? createLogger(),
      metrics: deps.metrics ?? createHttpMetrics(),
    };
    byDeps.set(deps, ops);
  }
  return ops;
}
