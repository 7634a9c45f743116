/**
 * @module designer/flows/simulate/record-data
 * Record data as the simulator's inputs edit it: one field set, or removed when emptied.
 */
import type { JsonObject } from "../../../../engine/flows/index.ts";

/** `data` with the field `name` set to `value`, or without it when `value` is undefined or null. */
export function withField(data: JsonObject, name: string, value: unknown): JsonObject {
  const next = { ...data };
  if (value === undefined || value === null) delete next[name];
  else next[name] = value as never;
  return next;
}
