/**
 * @module server/routes/org/common
 * What the organisation routes share: who acts (with the request's idempotency key), 404s that
 * name what was not found, and query parameters checked like bodies (400 at `/<name>`).
 */
import type { Context } from "hono";
import { KamError, type LocalizedParam } from "../../../engine/errors/index.ts";
import type { OrgActing } from "../../../engine/runtime/org-admin.ts";
import type { AppEnv } from "../../http/env.ts";
import { keyed } from "../../http/idempotency.ts";

/** The caller as the actor of an org write, with the `Idempotency-Key` header if any. */
export function actingOf(c: Context<AppEnv>): OrgActing {
  return { actor: c.get("caller").userId, ...keyed(c) };
}

/** Localized names of what the org routes look up. */
export const entities = {
  user: { en: "user", "zh-CN": "用户" },
  team: { en: "team", "zh-CN": "团队" },
  delegation: { en: "delegation", "zh-CN": "委托" },
  record: { en: "record", "zh-CN": "记录" },
  calendar: { en: "calendar", "zh-CN": "日历" },
} as const satisfies Record<string, LocalizedParam>;

/** STORE_NOT_FOUND (404) for `id`: also what the caller gets for what they may not see. */
export function notFound(entity: LocalizedParam, id: string): KamError {
  return new KamError("STORE_NOT_FOUND", "", { entity, id });
}

/** A query parameter that must be one of `allowed`, or undefined when absent. */
export function oneOf<T extends string>(
  c: Context,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new KamError("SHAPE_VALUE_NOT_ALLOWED", `/${name}`, { allowed: allowed.join(", ") });
  return value as T;
}

/** A time query parameter: epoch milliseconds or an ISO 8601 date-time. */
export function timeParam(c: Context, name: string): number | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(at))
    throw new KamError("SHAPE_FORMAT_INVALID", `/${name}`, { format: "date-time" });
  return at;
}

/** A positive integer query parameter no larger than `max`. */
export function intParam(c: Context, name: string, max: number): number | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  const pointer = `/${name}`;
  if (!/^\d+$/.test(value))
    throw new KamError("SHAPE_TYPE_MISMATCH", pointer, { expected: "integer" });
  if (n < 1) throw new KamError("SHAPE_OUT_OF_RANGE", pointer, { comparison: ">=", limit: 1 });
  if (n > max) throw new KamError("SHAPE_OUT_OF_RANGE", pointer, { comparison: "<=", limit: max });
  return n;
}
