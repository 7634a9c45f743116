/**
 * @module flows/validate-flow
 * Validation of a flow on publish: its shape (the JSON Schema, each node's config against its
 * type's schema, every rule compiled), then its graph (graph/). Never throws.
 */
import type { FlowDefinition } from "../../schemas/index.ts";
import type { Validation } from "../errors/kam-error.ts";
import { validateFlowShape } from "./validate-flow-shape.ts";

/** Definitions a flow refers to, when the caller has them. */
export interface FlowValidationContext {
  /** JSON Schema of the data of the records the flow runs on (the form's record schema). */
  readonly dataSchema?: object;
  /** Form definitions: the flow's form (for its data schema when `dataSchema` is absent) and forms that nodes name. */
  readonly forms?: readonly unknown[];
  /** Other flow definitions: subflow targets and their outcomes. */
  readonly flows?: readonly unknown[];
}

/**
 * Validates a flow definition for publishing. Every problem is an issue with a code, a JSON
 * pointer, the id of the node it concerns and, where one is involved, the edge id in `params`.
 * @returns On success, the definition with schema defaults applied: what `step` runs.
 * @example
 * const result = validateFlow(JSON.parse(text), { forms: [ticketForm] });
 * if (!result.ok) for (const i of result.issues) console.log(i.nodeId, i.pointer, i.message);
 */
export function validateFlow(
  def: unknown,
  _context: FlowValidationContext = {},
): Validation<FlowDefinition> {
  // TODO(#3): graph checks land in the next commit.
  return validateFlowShape(def);
}
