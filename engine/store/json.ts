/**
 * @module store/json
 * JSON columns and content hashes. JSON columns travel as text on both databases (SQLite `text`;
 * PostgreSQL `jsonb`, whose type parser is set to return the text), so one pair of helpers
 * serves both dialects and row types stay `string`.
 */
import { createHash } from "node:crypto";

/**
 * Serialises a value for a JSON column. `undefined` becomes `null` so a column never holds SQL NULL
 * by accident of an absent value.
 * @example
 * await db.insertInto("records").values({ ..., data: toJson({ nps: 60 }) }).execute();
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * Parses a JSON column read from either database.
 * @example
 * const data = fromJson<AccountData>(row.data);
 */
export function fromJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/** Parses a nullable JSON column; SQL NULL stays `null`. */
export function fromJsonOrNull<T = unknown>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/**
 * JSON with object keys sorted at every level: the same value always gives the same text, whatever
 * the key order it was built with (or that `jsonb` gives back). `undefined` properties are dropped
 * as `JSON.stringify` does.
 * @example
 * canonicalJson({ b: 1, a: [true, { d: null, c: "x" }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  // Dates and other values with toJSON serialise as JSON.stringify would serialise them.
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === "function") return canonicalJson(withToJson.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * Hex SHA-256 of a text.
 * @example
 * sha256Hex(canonicalJson(body)); // a definition checksum
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
