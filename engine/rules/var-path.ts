/**
 * @module rules/var-path
 * Reading a `var` path from data, as json-logic-js does, except that prototype members are never
 * read: `{"var": "a.constructor"}` or a dynamic path naming `__proto__` gives the default (null)
 * where json-logic-js would hand out a function or Object.prototype. Data is JSON, so a function
 * value can only come from a prototype, and `__proto__` is the one non-function member there.
 */

/** Path segments a rule may never name. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** Splits a var path as json-logic-js does (`String(path).split(".")`). */
export function splitPath(path: unknown): string[] {
  return String(path).split(".");
}

/** True when json-logic-js would return the data itself for this path. */
export function isWholeDataPath(path: unknown): boolean {
  return path === undefined || path === "" || path === null;
}

/** Reads own members along `segments`; `notFound` when any step is missing. */
export function readPath(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || current === undefined) return notFound;
    if (FORBIDDEN_SEGMENTS.has(segment)) return notFound;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined || typeof current === "function") return notFound;
  }
  return current;
}

/** A getter specialised for a static path of one or two segments (the common case). */
export function pathGetter(
  segments: readonly string[],
): (data: unknown, notFound: unknown) => unknown {
  if (segments.length === 1) {
    const [k] = segments as [string];
    return (d, nf) => {
      if (d === null || d === undefined) return nf;
      const v = (d as Record<string, unknown>)[k];
      return v === undefined || typeof v === "function" ? nf : v;
    };
  }
  if (segments.length === 2) {
    const [k1, k2] = segments as [string, string];
    return (d, nf) => {
      if (d === null || d === undefined) return nf;
      const a = (d as Record<string, unknown>)[k1];
      if (a === undefined || a === null || typeof a === "function") return nf;
      const v = (a as Record<string, unknown>)[k2];
      return v === undefined || typeof v === "function" ? nf : v;
    };
  }
  return (d, nf) => readPath(d, segments, nf);
}

/**
 * Reads one top-level field with json-logic-js's `{"var": key}` semantics (null when absent).
 * Small and monomorphic, so V8 inlines it into the fused closures of fast paths.
 */
export function readField(d: unknown, key: string): unknown {
  if (d === null || d === undefined) return null;
  const v = (d as Record<string, unknown>)[key];
  return v === undefined || typeof v === "function" ? null : v;
}
