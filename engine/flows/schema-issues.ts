/**
 * @module flows/schema-issues
 * The flow-specific code of schema errors (an unknown node type) on top of the shared ones
 * (engine/errors/shape-codes.ts).
 */
import { nodeTypes } from "../../schemas/index.ts";
import type { AjvErrorLike, ClassifiedError } from "../errors/index.ts";
import { ptrAt } from "../errors/pointer.ts";
import { classifyCommon } from "../errors/shape-codes.ts";

const NODE_POINTER = /^\/nodes\/\d+$/;

/** Codes of flow definitions (plus the shared ones). */
export function classifyFlowError(e: AjvErrorLike): ClassifiedError | undefined {
  if (
    e.keyword === "discriminator" &&
    e.params.error === "mapping" &&
    NODE_POINTER.test(e.instancePath)
  ) {
    return {
      code: "FLOW_NODE_TYPE_UNKNOWN",
      params: { type: e.params.tagValue, expected: nodeTypes },
      pointer: ptrAt(e.instancePath, "type"),
    };
  }
  return classifyCommon(e);
}
