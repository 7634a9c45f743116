/**
 * @module server/http/body
 * Reading request bodies: JSON objects only, a clear 400 for anything else. The size limit is a
 * middleware (server/app) so that it also holds for chunked bodies.
 */
import type { Context } from "hono";
import { KamError } from "../../engine/errors/index.ts";

/** The request's JSON object body. @throws KamError HTTP_BODY_INVALID. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new KamError("HTTP_BODY_INVALID", "");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new KamError("SHAPE_TYPE_MISMATCH", "", { expected: "object" });
  return body as Record<string, unknown>;
}
