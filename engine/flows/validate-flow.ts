/**
 * @module flows/validate-flow
 * Validation of a flow on publish: its shape (the JSON Schema, each node's config against its
 * type's schema, every rule compiled), then its graph: wiring (graph/check-structure.ts),
 * reachability, fork/join matching (graph/check-forks.ts states the rule), loops without a wait
 * state, rules and field paths against the record's schema, and each node type's own checks.
 * Never throws.
 */
import type { FlowDefinition } from "../../schemas/index.ts";
import type { Issue, Validation } from "../errors/kam-error.ts";
import { checkCycles } from "./graph/check-cycles.ts";
import { checkForks } from "./graph/check-forks.ts";
import { checkNodes } from "./graph/check-nodes.ts";
import { checkReachability } from "./graph/check-reachability.ts";
import { checkRules, fieldChecker } from "./graph/check-rules.ts";
import { checkStructure } from "./graph/check-structure.ts";
import { buildGraph } from "./graph/flow-graph.ts";
import { flowScopeSchema, recordSchemaOf, triggerScopeSchema } from "./graph/rule-scope-schema.ts";
import { builtinRegistry } from "./nodes/index.ts";
import type { NodeRegistry } from "./nodes/registry.ts";
import { validateFlowShape } from "./validate-flow-shape.ts";

/** Definitions a flow refers to, when the caller has them. */
export interface FlowValidationContext {
  /** JSON Schema of the data of the records the flow runs on (the form's record schema). */
  readonly dataSchema?: object;
  /**
   * Form definitions: the flow's own form gives the record schema when `dataSchema` is absent;
   * forms that nodes name must be among them. Unchecked when absent.
   */
  readonly forms?: readonly unknown[];
  /** Other flow definitions: subflow targets must be among them, with the outcomes edges name. */
  readonly flows?: readonly unknown[];
  /** Node types; the built-in ones by default. */
  readonly registry?: NodeRegistry;
}

/** The graph checks of a shape-valid definition. */
export function validateFlowGraph(
  definition: FlowDefinition,
  context: FlowValidationContext = {},
): Issue[] {
  const registry = context.registry ?? builtinRegistry();
  const graph = buildGraph(definition, registry);
  const recordSchema = recordSchemaOf(definition, context.dataSchema, context.forms);
  const flowSchema = flowScopeSchema(definition, recordSchema);
  const forks = checkForks(graph);
  return [
    ...checkStructure(graph),
    ...checkReachability(graph),
    ...forks.issues,
    ...checkCycles(graph),
    ...checkRules(graph, { flow: flowSchema, trigger: triggerScopeSchema(recordSchema) }),
    ...checkNodes(graph, {
      registry,
      forms: context.forms,
      flows: context.flows,
      matched: forks.matched,
      inside: forks.inside,
      checkField: fieldChecker(flowSchema, recordSchema !== undefined),
    }),
  ];
}

/**
 * Validates a flow definition for publishing. Every problem is an issue with a code, a JSON
 * pointer, the id of the node it concerns and, for an edge, `params.edgeId`.
 * @returns On success, the definition with schema defaults applied: what `step` runs.
 * @example
 * const result = validateFlow(JSON.parse(text), { forms: [ticketForm] });
 * if (!result.ok) for (const i of result.issues) console.log(i.nodeId, i.pointer, i.message);
 */
export function validateFlow(
  def: unknown,
  context: FlowValidationContext = {},
): Validation<FlowDefinition> {
  const shape = validateFlowShape(def);
  if (!shape.ok) return shape;
  const issues = validateFlowGraph(shape.value, context);
  const errors = issues.filter((i) => i.severity !== "warning");
  if (errors.length > 0) return { ok: false, issues };
  return { ok: true, value: shape.value, warnings: issues };
}
