/**
 * @module server/http/route-docs
 * The route table the OpenAPI document is generated from: each route module exports the docs of
 * its routes next to their handlers — method, OpenAPI path, summary, who may call it, the
 * request body's schema (from `schemas/api`, the same one the handler validates with) and the
 * statuses it answers. A test checks every mounted route is documented and vice versa.
 */

/** One documented route. */
export interface RouteDoc {
  readonly method: "get" | "post" | "patch" | "put" | "delete";
  /** Full OpenAPI path, e.g. `/api/v1/tasks/{id}/approve`. */
  readonly path: string;
  /** Tag grouping it in the docs (a resource). */
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** False for routes that need no authentication (login, health). @default true */
  readonly auth?: boolean;
  /** `$id` of the request body's schema. */
  readonly body?: string;
  /** Query parameters: name → description. */
  readonly query?: Readonly<Record<string, string>>;
  /** Media type of a success body that is not JSON (an HTML page, a stream). */
  readonly contentType?: string;
  /** `$id` of the success body's schema (schemas/api/responses); generic JSON when absent. */
  readonly response?: string;
  /** Success status and description, e.g. `{ 200: "The task and its record" }`. */
  readonly success: Readonly<Record<number, string>>;
  /** Error statuses it may answer besides 400/401/500/503 (e.g. 403, 404, 409, 422). */
  readonly errors?: readonly number[];
  /** Accepts an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
}

/** Docs of a group of routes mounted under `prefix`. */
export function docsUnder(
  prefix: string,
  tag: string,
  docs: ReadonlyArray<Omit<RouteDoc, "path" | "tag"> & { path: string }>,
): RouteDoc[] {
  return docs.map((d) => ({ ...d, tag, path: `${prefix}${d.path === "/" ? "" : d.path}` }));
}
