/**
 * @module flows/model/json
 * Plain JSON values: what instance state, effects and history are made of, so the runtime can
 * store them as they are and the designer can hold them in memory.
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/**
 * The JSON form of a value a rule returned: `undefined` and non-finite numbers become `null`,
 * anything that is not JSON (functions, class instances other than arrays) becomes `null` too.
 * @example toJson({ a: undefined, b: [1, Number.NaN] }) // { a: null, b: [1, null] }
 */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return null;
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
