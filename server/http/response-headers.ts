/**
 * @module server/http/response-headers
 * Headers every response carries (secure headers, the request id), attached at the cost of a
 * plain property write. Under @hono/node-server they go straight onto Node's response
 * (`outgoing.setHeader`), which merges them into the status line's headers when the response is
 * written; Hono's own `c.header` would instead turn the response's headers into a fetch
 * `Headers` object, which node-server then has to convert back — measured as a large share of
 * a small request's time. Elsewhere (`app.request` in tests, other runtimes) they are set on the
 * response after the handler. Either way a header the handler set itself wins (none sets these).
 */
import type { ServerResponse } from "node:http";
import type { Context } from "hono";

/** One header: a name and a value. */
export type HeaderPair = readonly [name: string, value: string];

/** Node's response of this request, when the app runs on @hono/node-server. */
export function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  return outgoing && typeof outgoing.setHeader === "function" ? outgoing : undefined;
}

/**
 * Adds `headers` to the response of `c`, whatever the handler answers; `await` the returned
 * promise in place of `next()`.
 * @example
 * app.use((c, next) => withHeaders(c, next, [["X-Content-Type-Options", "nosniff"]]));
 */
export async function withHeaders(
  c: Context,
  next: () => Promise<void>,
  headers: readonly HeaderPair[],
): Promise<void> {
  const outgoing = nodeResponseOf(c);
  if (outgoing) {
    for (const [name, value] of headers) outgoing.setHeader(name, value);
    await next();
    return;
  }
  await next();
  const target = c.res.headers;
  for (const [name, value] of headers) if (!target.has(name)) target.set(name, value);
}
