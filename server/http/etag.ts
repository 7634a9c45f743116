/**
 * @module server/http/etag
 * Optimistic concurrency over HTTP: a resource's ETag (a record's version, a draft's checksum)
 * and the `If-Match` precondition; and conditional reads (`If-None-Match`, answered 304). kamflow answers every failed precondition — a stale tag, and a
 * missing one where a write requires it — with 409 `HTTP_PRECONDITION_FAILED`, whose `current`
 * parameter is the tag to reload, rather than 412/428: clients handle one "reload and retry"
 * status, the same as a lost race found in the database (`STORE_CONFLICT`).
 */
import type { Context } from "hono";
import { KamError } from "../../engine/errors/index.ts";

/** A strong ETag for `tag`. */
export const etag = (tag: string | number) => `"${tag}"`;

/**
 * The tag an `If-Match` header names: `"3"`, `W/"3"` and `3` all give `3`; `*` gives `*`;
 * undefined without the header. A list gives its first tag (kamflow never issues several).
 */
export function ifMatch(c: Context): string | undefined {
  const header = c.req.header("if-match")?.trim();
  if (!header) return undefined;
  const first = header.split(",")[0]?.trim() ?? "";
  return first.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

/** Throws 409 HTTP_PRECONDITION_FAILED unless `sent` matches `current` (`*` matches anything). */
export function requireMatch(sent: string | undefined, current: string | number): void {
  if (sent === undefined || (sent !== "*" && sent !== String(current)))
    throw new KamError("HTTP_PRECONDITION_FAILED", "", { current: String(current) });
}

/**
 * Whether an `If-None-Match` header names `tag` (a quoted ETag), by the weak comparison RFC 9110
 * asks for: `W/` prefixes are ignored, `*` matches any current representation.
 * @example noneMatchHits('W/"a", "b"', '"b"') // true
 */
export function noneMatchHits(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  for (const part of header.split(",")) {
    const sent = part.trim();
    if (sent === "*" || sent === tag || (sent.startsWith("W/") && sent.slice(2) === tag))
      return true;
  }
  return false;
}
