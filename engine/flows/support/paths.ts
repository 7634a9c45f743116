/**
 * @module flows/support/paths
 * Dotted field paths (`contact.email`, `lines.0.sku`) read from and written into JSON objects
 * without mutating them. Segments that could reach a prototype are refused: the schemas already
 * forbid them, and this keeps a definition that skipped validation from polluting anything.
 */
import type { Json, JsonObject } from "../model/json.ts";
import { isJsonObject } from "../model/json.ts";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function segmentsOf(path: string): string[] {
  const segments = path.split(".");
  if (segments.some((s) => FORBIDDEN.has(s) || s === "")) {
    throw new Error(`Refusing the field path "${path}"`);
  }
  return segments;
}

/**
 * The value at `path`, or undefined.
 * @example getPath({ contact: { email: "a@b.c" } }, "contact.email") // "a@b.c"
 */
export function getPath(data: unknown, path: string): Json | undefined {
  let current: unknown = data;
  for (const segment of segmentsOf(path)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isJsonObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current as Json | undefined;
}

function setIn(container: Json | undefined, segments: readonly string[], value: Json): Json {
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(container) && /^\d+$/.test(head)) {
    const copy = [...container];
    copy[Number(head)] = rest.length === 0 ? value : setIn(copy[Number(head)], rest, value);
    return copy;
  }
  const base: JsonObject = isJsonObject(container) ? { ...container } : {};
  const existing = Object.hasOwn(base, head) ? base[head] : undefined;
  base[head] = rest.length === 0 ? value : setIn(existing, rest, value);
  return base;
}

/**
 * A copy of `data` with `value` at `path` (missing objects on the way are created).
 * @example setPath({ a: 1 }, "b.c", 2) // { a: 1, b: { c: 2 } }
 */
export function setPath(data: Readonly<JsonObject>, path: string, value: Json): JsonObject {
  return setIn(data, segmentsOf(path), value) as JsonObject;
}

/** A copy of `data` with every `path → value` of `patch` applied in order. */
export function applyPatch(data: Readonly<JsonObject>, patch: Readonly<JsonObject>): JsonObject {
  let out: JsonObject = { ...data };
  for (const [path, value] of Object.entries(patch)) out = setPath(out, path, value);
  return out;
}
