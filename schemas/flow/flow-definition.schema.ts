/**
 * @module schemas/flow/flow-definition
 * A flow definition: `{kind: "flow", key, name, form, trigger, variables, nodes[], edges[]}`.
 * Nodes and edges map 1:1 to React Flow nodes and edges. Graph rules (one start, reachability,
 * default edges, matched joins) are checked by the engine's flow validator, not here.
 */
import { definitionHeaderProperties, keySchema } from "../common/definition-header.ts";
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { SCHEMA_BASE } from "../common/ids.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";
import type { Infer } from "../infer.ts";
import { type FlowNode, flowNodeRef } from "./flow-node.schema.ts";
import { nodeIdSchema, variableNameSchema } from "./parts.ts";
import { triggerRef } from "./trigger.schema.ts";

const variableSchema = {
  type: "object",
  title: "Variable",
  description: "A flow variable: typed data the instance carries between nodes.",
  additionalProperties: false,
  required: ["type"],
  properties: {
    type: {
      type: "string",
      title: "Type",
      description:
        "Kind of value; 'user'/'users' hold user ids, 'record' a record id, 'date'/'datetime' ISO-8601 strings.",
      enum: [
        "string",
        "number",
        "integer",
        "boolean",
        "date",
        "datetime",
        "user",
        "users",
        "record",
        "object",
        "array",
      ],
    },
    label: { ...i18nStringRef, title: "Label", description: "Name shown in the designer." },
    default: { title: "Default", description: "Initial value when not given at start." },
    input: {
      type: "boolean",
      title: "Input",
      description: "Given when the flow starts (manual start form, subflow input, webhook).",
      default: false,
    },
  },
} as const;

const edgeSchema = {
  type: "object",
  title: "Edge",
  description: "A connection between two nodes (a React Flow edge).",
  additionalProperties: false,
  required: ["id", "source", "target"],
  properties: {
    id: {
      type: "string",
      title: "Edge id",
      description: "Identifier of the edge, unique in the flow (React Flow edge id).",
      pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$",
    },
    source: { ...nodeIdSchema, title: "Source", description: "Id of the node the edge leaves." },
    target: { ...nodeIdSchema, title: "Target", description: "Id of the node the edge enters." },
    sourceHandle: {
      type: "string",
      title: "Source handle",
      description:
        "Output of the source node the edge leaves from, e.g. 'approved', 'rejected', 'timeout' " +
        "or an outcome of a subflow; the node's only output when absent.",
      pattern: "^[A-Za-z][A-Za-z0-9_-]{0,63}$",
    },
    condition: {
      ...ruleRef,
      title: "Condition",
      description: "On an edge leaving a condition node: taken when this rule is true.",
    },
    default: {
      type: "boolean",
      title: "Default",
      description: "On an edge leaving a condition node: taken when no condition holds.",
    },
    label: { ...i18nStringRef, title: "Label", description: "Text shown on the edge." },
  },
} as const;

/**
 * JSON Schema of a flow definition document.
 * @example validatorFor(flowDefinitionSchema.$id)(JSON.parse(flowJson)) // true or false + errors
 */
export const flowDefinitionSchema = {
  $id: `${SCHEMA_BASE}flow-definition.json`,
  title: "Flow definition",
  description:
    "An approval, escalation or automation flow: a trigger and a directed graph of typed nodes.",
  type: "object",
  additionalProperties: false,
  required: ["kind", "key", "name", "trigger", "nodes", "edges"],
  properties: {
    $schema: {
      type: "string",
      title: "Schema",
      description: "URL of this schema, for editors; ignored by kamflow.",
      format: "uri",
    },
    kind: { type: "string", const: "flow", title: "Kind", description: "Always 'flow'." },
    ...definitionHeaderProperties,
    form: {
      ...keySchema,
      title: "Form",
      description: "Key of the form whose records the flow runs on; absent for record-less flows.",
    },
    trigger: { ...triggerRef, title: "Trigger", description: "What starts an instance." },
    variables: {
      type: "object",
      title: "Variables",
      description: "Flow variables by name.",
      maxProperties: 100,
      propertyNames: variableNameSchema,
      additionalProperties: variableSchema,
    },
    nodes: {
      type: "array",
      title: "Nodes",
      description: "The nodes of the graph.",
      minItems: 1,
      maxItems: 500,
      items: { ...flowNodeRef, title: "Node", description: "A node; `config` depends on `type`." },
    },
    edges: {
      type: "array",
      title: "Edges",
      description: "The edges of the graph.",
      maxItems: 2000,
      items: edgeSchema,
    },
  },
} as const;

/**
 * A flow definition, as validated (schema defaults applied).
 * @remarks Derived in two parts: the node schema is built at run time from the node-type list
 * (so that list stays the one place a type is named), which FromSchema cannot see through. The
 * document is inferred with `nodes` opaque, and `nodes` is the union of per-type nodes whose
 * configs are each inferred from their own schema. (FromSchema over an equivalent literal flow
 * schema did not hit TS2589 when checked; this split is for the single list, not a workaround.)
 */
export type FlowDefinition = Omit<Infer<typeof flowDefinitionSchema>, "nodes"> & {
  nodes: FlowNode[];
};

/** An edge of a flow. */
export type FlowEdge = FlowDefinition["edges"][number];
