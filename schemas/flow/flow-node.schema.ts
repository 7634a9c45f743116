/**
 * @module schemas/flow/flow-node
 * A node of a flow: a React Flow node (`id`, `type`, `position`, plus a label) whose `config` is
 * refined by its `type`. Built from the node-type list: one `oneOf` branch per type, selected by
 * Ajv's `discriminator`, so errors point into the right config (`/nodes/3/config/approvers/0`)
 * instead of listing the failures of every other type.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { SCHEMA_BASE } from "../common/ids.ts";
import type { Infer } from "../infer.ts";
import { type NodeConfig, type NodeType, nodeConfigSchemas, nodeTypes } from "./node-types.ts";
import { nodeIdSchema } from "./parts.ts";

/** Properties every node has, whatever its type. */
export const flowNodeHeaderProperties = {
  id: nodeIdSchema,
  label: { ...i18nStringRef, title: "Label", description: "Text shown on the node, zh-CN and en." },
  description: {
    ...i18nStringRef,
    title: "Description",
    description: "Longer help shown in the inspector.",
  },
  position: {
    type: "object",
    title: "Position",
    description: "Where the designer draws the node (React Flow coordinates).",
    additionalProperties: false,
    required: ["x", "y"],
    properties: {
      x: { type: "number", title: "x", description: "Horizontal position." },
      y: { type: "number", title: "y", description: "Vertical position." },
    },
  },
} as const;

/** The type-independent part of a node; the type derivation of `FlowNode` starts from it. */
export const flowNodeHeaderSchema = {
  type: "object",
  title: "Node header",
  description: "The properties every flow node has, whatever its type.",
  additionalProperties: false,
  required: ["id", "label", "position"],
  properties: flowNodeHeaderProperties,
} as const;

function nodeBranch(type: NodeType) {
  const configSchema = nodeConfigSchemas[type];
  return {
    type: "object",
    title: configSchema.title,
    description: configSchema.description,
    additionalProperties: false,
    required: ["id", "type", "label", "position", "config"],
    properties: {
      ...flowNodeHeaderProperties,
      type: { type: "string", const: type, title: "Type", description: "The node type." },
      config: configSchema,
    },
  } as const;
}

/**
 * JSON Schema of a flow node: one branch per node type, chosen by Ajv's `discriminator` on `type`.
 * @example validatorFor(flowNodeSchema.$id)({ id: "a", type: "end", label, position, config: { outcome: "done" } })
 */
export const flowNodeSchema = {
  $id: `${SCHEMA_BASE}flow-node.json`,
  title: "Flow node",
  description:
    "A node of a flow: a React Flow node whose `config` is validated by the schema of its `type`.",
  type: "object",
  discriminator: { propertyName: "type" },
  oneOf: nodeTypes.map(nodeBranch),
} as const;

/** `$ref` to the flow node schema. */
export const flowNodeRef = { $ref: flowNodeSchema.$id } as const;

type FlowNodeHeader = Infer<typeof flowNodeHeaderSchema>;

/**
 * A flow node of type `T` (all types when omitted): a discriminated union on `type`.
 * @example
 * function approvers(node: FlowNode) {
 *   return node.type === "approval" ? node.config.approvers : [];
 * }
 */
export type FlowNode<T extends NodeType = NodeType> = FlowNodeMap[T];

type FlowNodeMap = { [T in NodeType]: FlowNodeHeader & { type: T; config: NodeConfig<T> } };
