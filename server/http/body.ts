/**
 * @module server/http/body
 * Reading request bodies: JSON objects only, a clear 400 for anything else. The size limit is a
 * middleware (server/app) so that it also holds for chunked bodies; the nesting limit is here.
 */
import type { Context } from "hono";
import { KamError, ptr } from "../../engine/errors/index.ts";

/**
 * Deepest nesting a request body may have. kamflow's deepest documents (a rule 32 operations deep
 * inside a node's config) stay far below it. JSON.parse is iterative, but the code that walks a
 * body afterwards is not: a 1 MiB body 100,000 levels deep overflowed the stack of a recursive
 * walk (a draft's checksum) and answered 500.
 */
export const MAX_BODY_DEPTH = 256;

/** The pointer of the first value nested deeper than `limit`, without recursion; or undefined. */
export function tooDeep(value: unknown, limit: number): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: Array<string | number> }> = [
    { value, depth: 0, path: [] },
  ];
  while (stack.length > 0) {
    const frame = stack.pop() as (typeof stack)[number];
    if (frame.value === null || typeof frame.value !== "object") continue;
    if (frame.depth >= limit) return ptr(...frame.path);
    const entries: Array<[string | number, unknown]> = Array.isArray(frame.value)
      ? frame.value.map((item, i) => [i, item])
      : Object.entries(frame.value);
    for (const [key, item] of entries)
      if (item !== null && typeof item === "object")
        stack.push({ value: item, depth: frame.depth + 1, path: [...frame.path, key] });
  }
  return undefined;
}

/**
 * The request's JSON object body.
 * @throws KamError HTTP_BODY_INVALID (not JSON), SHAPE_TYPE_MISMATCH (not an object),
 *   SHAPE_TOO_DEEP (nested deeper than MAX_BODY_DEPTH; the pointer names where).
 */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new KamError("HTTP_BODY_INVALID", "");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new KamError("SHAPE_TYPE_MISMATCH", "", { expected: "object" });
  const deep = tooDeep(body, MAX_BODY_DEPTH);
  if (deep !== undefined) throw new KamError("SHAPE_TOO_DEEP", deep, { limit: MAX_BODY_DEPTH });
  return body as Record<string, unknown>;
}
