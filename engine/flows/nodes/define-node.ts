/**
 * @module flows/nodes/define-node
 * The contract of a node type: its config schema (imported from schemas/flow/nodes, never
 * duplicated), its ports, designer metadata, graph behaviour, an optional publish-time check and
 * its executor (`enter`, and `resume` for wait states). One folder per type defines one.
 */
import type { FlowNode, NodeConfig, NodeType, nodeConfigSchemas } from "../../../schemas/index.ts";
import type { Issue } from "../../errors/index.ts";
import type { ResumeSignal } from "../model/events.ts";
import type { NodeCheckContext } from "./node-check.ts";
import type { NodeContext } from "./node-context.ts";
import type { NodeResult } from "./node-result.ts";

/** Palette groups. */
export type NodeCategory = "control" | "people" | "timing" | "automation";

/** Text in every locale. */
export interface LocalizedText {
  readonly "zh-CN": string;
  readonly en: string;
}

/** How the designer shows a node type. */
export interface NodeMeta {
  /** Icon id the designer maps to a glyph. */
  readonly icon: string;
  readonly label: LocalizedText;
  readonly description: LocalizedText;
  readonly category: NodeCategory;
}

/** Named inputs and outputs (React Flow handles). */
export interface NodePorts {
  readonly inputs: readonly string[];
  /** The first output is the default: an edge without `sourceHandle` leaves by it. */
  readonly outputs: readonly string[];
  /** Edges may also leave by a handle named after an outcome (a subflow's child outcomes). */
  readonly outcomeHandles?: boolean;
}

/** What the graph validator needs to know about a type, without naming it. */
export interface NodeBehavior {
  /** Instances begin here; a flow has exactly one such node. */
  readonly start?: boolean;
  /** Ends a path; every node must reach one. */
  readonly terminal?: boolean;
  /**
   * Several edges may leave one port: `exclusive` (one is chosen by edge conditions, one edge is
   * the default) or `parallel` (all are taken: a fork).
   */
  readonly fanOut?: "exclusive" | "parallel";
  /** Closes the fork of a parallel node. */
  readonly join?: boolean;
}

/** A node type. `T` ties the config type to the type name. */
export interface NodeDefinition<T extends NodeType> {
  readonly type: T;
  readonly configSchema: (typeof nodeConfigSchemas)[T];
  readonly ports: NodePorts;
  readonly meta: NodeMeta;
  readonly behavior?: NodeBehavior;
  /**
   * Whether the node waits for something outside the step (a person, a timer, a call, a child):
   * a cycle through the graph must contain such a node.
   * @default () => false
   */
  readonly waitState?: (config: NodeConfig<T>) => boolean;
  /** The outcome a terminal node ends with (what a parent's subflow edges may name). */
  readonly outcome?: (config: NodeConfig<T>) => string;
  /** Whether reaching this terminal node ends the whole instance, cancelling other paths. */
  readonly terminates?: (config: NodeConfig<T>) => boolean;
  /**
   * Outputs that must have an edge.
   * @default every output
   */
  readonly requiredOutputs?: (config: NodeConfig<T>) => readonly string[];
  /**
   * Config sub-pointers (relative to `config`) whose rules read something other than the flow's
   * scope (e.g. a webhook response), so they are not checked against the record's schema.
   */
  readonly foreignRuleScopes?: readonly string[];
  /** Publish-time checks of this node beyond its schema (edges, references, record fields). */
  readonly check?: (node: FlowNode<T>, ctx: NodeCheckContext) => readonly Issue[];
  /** Runs when a path enters the node. */
  readonly enter: (config: NodeConfig<T>, ctx: NodeContext) => NodeResult;
  /** Runs when something the waiting path waits for happens. */
  readonly resume?: (config: NodeConfig<T>, ctx: NodeContext, signal: ResumeSignal) => NodeResult;
}

/**
 * Declares a node type; the identity function that pins `T` so `config` is typed by the schema.
 * @example
 * export const startNode = defineNode({
 *   type: "start", configSchema: startConfigSchema, ports: { inputs: [], outputs: ["out"] },
 *   meta, behavior: { start: true }, enter: () => ({ kind: "next", port: "out" }),
 * });
 */
export function defineNode<const T extends NodeType>(
  definition: { readonly type: T } & NoInfer<NodeDefinition<T>>,
): NodeDefinition<T> {
  // `T` is inferred from `type` alone: inferring it from the config callbacks as well makes the
  // compiler compare every type's derived config (TS2589).
  return Object.freeze(definition);
}

/** A node type of any name. */
export type AnyNodeDefinition = { [T in NodeType]: NodeDefinition<T> }[NodeType];
