/**
 * @module designer/admin/ops/audit-model
 * Audit events as GET /audit answers them, the query string of a filter, and the field-by-field
 * difference of an event's before and after states. Pure, so it is unit-tested in node.
 */

export interface AuditEvent {
  readonly seq: number;
  readonly at: number;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityKind: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly hash: string;
}

export interface AuditPage {
  readonly items: readonly AuditEvent[];
  readonly nextCursor: string | null;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number }
  | {
      readonly ok: false;
      readonly firstBadSeq: number;
      readonly reason: "hash-mismatch" | "chain-broken" | "seq-gap" | "head-mismatch";
    };

/** The entity kinds the engine audits (the filter's suggestions; any other may be typed). */
export const ENTITY_KINDS = [
  "record",
  "task",
  "instance",
  "definition",
  "user",
  "team",
  "membership",
  "role",
  "delegation",
  "calendar",
  "template-pack",
  "webhook-subscription",
  "workspace",
] as const;

export interface AuditFilter {
  readonly entityKind?: string;
  readonly entityId?: string;
  readonly actorId?: string;
  readonly action?: string;
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
}

/**
 * The path of one page of the audit log.
 * @example auditPath({ entityKind: "record" }, 50, "120") // "/api/v1/audit?entityKind=record&limit=50&cursor=120"
 */
export function auditPath(filter: AuditFilter, limit: number, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== "") params.set(key, String(value).trim());
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return `/api/v1/audit?${params.toString()}`;
}

export interface Change {
  /** JSON pointer of the value ("" for the whole state). */
  readonly pointer: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: unknown;
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const escapeKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * What changed from `before` to `after`: objects are compared member by member (recursively),
 * anything else (arrays included) as a whole value; a whole state created or deleted lists each
 * of its members.
 * @example diffStates({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 })
 * // [{ pointer: "/b", kind: "changed", before: 2, after: 3 }, { pointer: "/c", kind: "added", after: 4 }]
 */
export function diffStates(before: unknown, after: unknown, pointer = ""): Change[] {
  // A state created or deleted as a whole: each of its members added or removed.
  const none = (v: unknown) => v === null || v === undefined;
  if (pointer === "" && none(before) && isObject(after)) return diffStates({}, after, pointer);
  if (pointer === "" && isObject(before) && none(after)) return diffStates(before, {}, pointer);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const at = `${pointer}/${escapeKey(key)}`;
      if (!(key in before)) return [{ pointer: at, kind: "added" as const, after: after[key] }];
      if (!(key in after)) return [{ pointer: at, kind: "removed" as const, before: before[key] }];
      return diffStates(before[key], after[key], at);
    });
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === null || before === undefined) return [{ pointer, kind: "added", after }];
  if (after === null || after === undefined) return [{ pointer, kind: "removed", before }];
  return [{ pointer, kind: "changed", before, after }];
}

/** A value in one line, for the diff table. */
export function shortValue(value: unknown, max = 200): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
