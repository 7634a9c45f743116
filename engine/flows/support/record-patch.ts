/**
 * @module flows/support/record-patch
 * What a person's task data may change on the record: only the fields the node makes `editable`
 * or `required` (fields not listed are read-only, as the schema says).
 */
import type { FieldPermission, RecordUpdateEffect } from "../model/effects.ts";
import type { JsonObject } from "../model/json.ts";
import type { NodeContext } from "../nodes/node-context.ts";
import { getPath } from "./paths.ts";

/**
 * The fields of `data` a person may write on this node, as a patch keyed by field path.
 * @example permittedPatch({ a: 1, b: 2 }, { a: "editable", b: "read-only" }) // { a: 1 }
 */
export function permittedPatch(
  data: Readonly<JsonObject> | undefined,
  fields: Readonly<Record<string, FieldPermission>> | undefined,
): JsonObject {
  const patch: JsonObject = {};
  if (!data || !fields) return patch;
  for (const [path, permission] of Object.entries(fields)) {
    if (permission !== "editable" && permission !== "required") continue;
    const value = getPath(data, path);
    if (value !== undefined) patch[path] = value;
  }
  return patch;
}

/**
 * The `record.update` effect writing a person's permitted task data, when there is anything to
 * write and a record to write it to (a task with a form of its own keeps its data as output).
 */
export function taskDataUpdate(
  ctx: NodeContext,
  data: Readonly<JsonObject> | undefined,
  fields: Readonly<Record<string, FieldPermission>> | undefined,
): RecordUpdateEffect[] {
  const patch = permittedPatch(data, fields);
  if (!ctx.record || Object.keys(patch).length === 0) return [];
  return [
    {
      type: "record.update",
      recordId: ctx.record.id,
      patch,
      tokenId: ctx.token.id,
      nodeId: ctx.node.id,
    },
  ];
}
