/**
 * @module server/http/request-id
 * Every request's id, in `c.get("requestId")` and the `X-Request-Id` response header: the
 * caller's own (a proxy's or a client's, so logs on both sides share it) when it is a plain token
 * of at most 255 word characters, `-` and `=`, else a random UUID. What Hono's `requestId()` does,
 * with the header attached the cheap way (server/http/response-headers).
 */
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { withHeaders } from "./response-headers.ts";

const HEADER = "X-Request-Id";
const MAX_LENGTH = 255;
const UNSAFE = /[^\w\-=]/;

/** The id to use for a request that sent `sent` (or nothing). */
export function requestIdFor(sent: string | undefined): string {
  return sent && sent.length <= MAX_LENGTH && !UNSAFE.test(sent) ? sent : randomUUID();
}

/** The middleware; mount it first, so every log line and problem can name the request. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const id = requestIdFor(c.req.header(HEADER));
    c.set("requestId", id);
    return withHeaders(c, next, [[HEADER, id]]);
  };
}
