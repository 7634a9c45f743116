/**
 * @module flows/nodes
 * The built-in node types: THE list (a test checks it against the node folders and against
 * schemas/flow/node-types.ts), and the registry built from it.
 */
import { actionNode } from "./action/index.ts";
import { approvalNode } from "./approval/index.ts";
import { conditionNode } from "./condition/index.ts";
import type { AnyNodeDefinition } from "./define-node.ts";
import { endNode } from "./end/index.ts";
import { joinNode } from "./join/index.ts";
import { notifyNode } from "./notify/index.ts";
import { parallelNode } from "./parallel/index.ts";
import { createNodeRegistry, type NodeRegistry } from "./registry.ts";
import { startNode } from "./start/index.ts";
import { subflowNode } from "./subflow/index.ts";
import { taskNode } from "./task/index.ts";
import { waitNode } from "./wait/index.ts";
import { webhookNode } from "./webhook/index.ts";

/** Every built-in node type, in palette order. */
export const builtinNodes: readonly AnyNodeDefinition[] = Object.freeze([
  startNode,
  endNode,
  taskNode,
  approvalNode,
  conditionNode,
  parallelNode,
  joinNode,
  waitNode,
  actionNode,
  notifyNode,
  webhookNode,
  subflowNode,
]);

let builtin: NodeRegistry | undefined;

/** The registry of the built-in node types (built once). */
export function builtinRegistry(): NodeRegistry {
  builtin ??= createNodeRegistry(builtinNodes);
  return builtin;
}

export type {
  AnyNodeDefinition,
  LocalizedText,
  NodeBehavior,
  NodeCategory,
  NodeDefinition,
  NodeMeta,
  NodePorts,
} from "./define-node.ts";
export { defineNode } from "./define-node.ts";
export type { EdgeView, FlowFacts, NodeCheckContext } from "./node-check.ts";
export type {
  CalendarKind,
  IdKind,
  NodeContext,
  OutgoingEdge,
  RecordSnapshot,
  RuleScope,
} from "./node-context.ts";
export type { NodeFailure, NodeResult, ResultParts, WaitRequest } from "./node-result.ts";
export { createNodeRegistry, type NodeRegistry, type RegisteredNode } from "./registry.ts";
