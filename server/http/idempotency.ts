/**
 * @module server/http/idempotency
 * The `Idempotency-Key` header, read in one place: a POST that acts passes it to the engine,
 * whose command layer returns the first result for a repeated key and changes nothing.
 */
import type { Context } from "hono";

/** The `Idempotency-Key` header, if sent (an empty header counts as none). */
export const idempotencyKey = (c: Context) => c.req.header("idempotency-key") || undefined;

/** `{ idempotencyKey }` when the header was sent, else `{}`: spread into an engine command. */
export function keyed(c: Context): { idempotencyKey?: string } {
  const key = idempotencyKey(c);
  return key ? { idempotencyKey: key } : {};
}
