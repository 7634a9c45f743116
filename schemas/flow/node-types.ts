/**
 * @module schemas/flow/node-types
 * THE list of flow node types and their config schemas. The flow schema's per-type refinement
 * is built from it, and the runtime node registry imports it; nothing else spells a node type.
 * Adding a node type: add `nodes/<type>.schema.ts` and one entry here (a test checks both ways).
 */
import type { Infer } from "../infer.ts";
import { actionConfigSchema } from "./nodes/action.schema.ts";
import { approvalConfigSchema } from "./nodes/approval.schema.ts";
import { conditionConfigSchema } from "./nodes/condition.schema.ts";
import { endConfigSchema } from "./nodes/end.schema.ts";
import { joinConfigSchema } from "./nodes/join.schema.ts";
import { notifyConfigSchema } from "./nodes/notify.schema.ts";
import { parallelConfigSchema } from "./nodes/parallel.schema.ts";
import { startConfigSchema } from "./nodes/start.schema.ts";
import { subflowConfigSchema } from "./nodes/subflow.schema.ts";
import { taskConfigSchema } from "./nodes/task.schema.ts";
import { waitConfigSchema } from "./nodes/wait.schema.ts";
import { webhookConfigSchema } from "./nodes/webhook.schema.ts";

/**
 * Config schema of each node type, keyed by the type name (as it appears in `nodes[].type`).
 * @example nodeConfigSchemas.approval.properties.mode.enum // ["any", "all", "sequential", "vote"]
 */
export const nodeConfigSchemas = Object.freeze({
  start: startConfigSchema,
  end: endConfigSchema,
  task: taskConfigSchema,
  approval: approvalConfigSchema,
  condition: conditionConfigSchema,
  parallel: parallelConfigSchema,
  join: joinConfigSchema,
  wait: waitConfigSchema,
  action: actionConfigSchema,
  notify: notifyConfigSchema,
  webhook: webhookConfigSchema,
  subflow: subflowConfigSchema,
} as const);

/** A node type name: `"start" | "end" | "task" | "approval" | …`. */
export type NodeType = keyof typeof nodeConfigSchemas;

/** Every node type name, in palette order. */
export const nodeTypes: readonly NodeType[] = Object.freeze(
  Object.keys(nodeConfigSchemas) as NodeType[],
);

/**
 * Whether `value` names a node type (own names only: `"toString"` is not one).
 * @example isNodeType(node.type) ? nodeConfigSchemas[node.type] : undefined
 */
export function isNodeType(value: unknown): value is NodeType {
  return typeof value === "string" && Object.hasOwn(nodeConfigSchemas, value);
}

/**
 * The config of a node of type `T`, derived from its schema.
 * @remarks Properties with a schema `default` are typed as present: they are, on the value a
 * flow validator returns, which applies the defaults.
 * @example type ApprovalConfig = NodeConfig<"approval">; // { approvers: …; mode: "any" | … }
 */
export type NodeConfig<T extends NodeType> = Infer<(typeof nodeConfigSchemas)[T]>;
