/**
 * @module server/http/body-limit
 * The request body limit (Hono's `bodyLimit`, which also counts chunked bodies), applied only to
 * requests that may carry a body. A GET or HEAD request has none (a fetch `Request` cannot), and
 * asking for it made @hono/node-server build a full `Request` object (with its abort signal)
 * on every such request — most of a small GET's middleware cost.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";

/** The middleware: `onError` answers a body over `maxSize` bytes. */
export function bodyLimit(options: {
  readonly maxSize: number;
  readonly onError: Parameters<typeof honoBodyLimit>[0]["onError"];
}): MiddlewareHandler {
  const limit = honoBodyLimit({ maxSize: options.maxSize, onError: options.onError });
  return (c, next) => {
    const method = c.req.method;
    return method === "GET" || method === "HEAD" ? next() : limit(c, next);
  };
}
