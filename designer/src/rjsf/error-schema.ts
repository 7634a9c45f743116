/**
 * @module designer/rjsf/error-schema
 * Issues with JSON pointers (the engine's `{code, pointer, message}`) as rjsf's `extraErrors`:
 * the issues under a base pointer, nested by the rest of their pointer, so each message shows
 * beside the field it points to.
 */
import type { ErrorSchema } from "@rjsf/utils";
import { parsePointer } from "../../../engine/errors/index.ts";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export interface PointedIssue {
  readonly pointer: string;
  readonly message: string;
}

/** The segments of `pointer` below `base`, or undefined when it is not under it. */
export function pointerBelow(pointer: string, base: readonly string[]): string[] | undefined {
  let parts: readonly string[];
  try {
    parts = parsePointer(pointer);
  } catch {
    return undefined;
  }
  if (parts.length < base.length || base.some((b, i) => parts[i] !== b)) return undefined;
  return parts.slice(base.length);
}

/**
 * The error schema of the issues whose pointers lie under `base`.
 * @example
 * toExtraErrors([{ pointer: "/nodes/2/config/approvers/0/userId", message: "unknown user" }],
 *   ["nodes", "2", "config"]) // { approvers: { 0: { userId: { __errors: ["unknown user"] } } } }
 */
export function toExtraErrors(
  issues: readonly PointedIssue[],
  base: readonly string[],
): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    const rest = pointerBelow(issue.pointer, base);
    if (!rest) continue;
    let node = root;
    for (const part of rest) {
      if (!isRecord(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const list = Array.isArray(node.__errors) ? (node.__errors as string[]) : [];
    node.__errors = list;
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return root as ErrorSchema;
}

/** Every message of an error schema with its path below the schema, for custom fields. */
export function flattenErrors(
  schema: ErrorSchema | undefined,
  path: readonly string[] = [],
): { path: string[]; message: string }[] {
  if (!schema || typeof schema !== "object") return [];
  const out: { path: string[]; message: string }[] = [];
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === "__errors" && Array.isArray(value))
      for (const message of value) out.push({ path: [...path], message: String(message) });
    else if (value && typeof value === "object")
      out.push(...flattenErrors(value as ErrorSchema, [...path, key]));
  }
  return out;
}
