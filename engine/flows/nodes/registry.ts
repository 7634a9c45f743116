/**
 * @module flows/nodes/registry
 * The node registry: node types by name. The interpreter and the graph validator look a node's
 * type up here and call it; nothing else switches on a node type string.
 */
import type { FlowNode, NodeType } from "../../../schemas/index.ts";
import type { Issue } from "../../errors/index.ts";
import type { ResumeSignal } from "../model/events.ts";
import type { AnyNodeDefinition, NodeBehavior, NodeMeta, NodePorts } from "./define-node.ts";
import type { NodeCheckContext } from "./node-check.ts";
import type { NodeContext } from "./node-context.ts";
import type { NodeResult } from "./node-result.ts";

/**
 * A registered node type with its config type erased: callers pass the config of a node whose
 * `type` they looked up, which the flow schema has validated against this type's schema.
 */
export interface RegisteredNode {
  readonly type: NodeType;
  readonly configSchema: object;
  readonly ports: NodePorts;
  readonly meta: NodeMeta;
  readonly behavior: NodeBehavior;
  readonly foreignRuleScopes: readonly string[];
  /** The default output port (an edge without a handle leaves by it); undefined for none. */
  readonly defaultPort: string | undefined;
  waitState(config: unknown): boolean;
  terminates(config: unknown): boolean;
  /** The outcome of a terminal node, undefined for others. */
  outcome(config: unknown): string | undefined;
  requiredOutputs(config: unknown): readonly string[];
  check(node: FlowNode, ctx: NodeCheckContext): readonly Issue[];
  enter(config: unknown, ctx: NodeContext): NodeResult;
  readonly resume: ((config: unknown, ctx: NodeContext, signal: ResumeSignal) => NodeResult) | null;
}

/** Node types by name. */
export interface NodeRegistry {
  /** The type named `type`, or undefined. */
  get(type: string): RegisteredNode | undefined;
  /** The type named `type`; throws when it is not registered (a programmer error). */
  require(type: string): RegisteredNode;
  /** Every registered type, in registration order. */
  readonly list: readonly RegisteredNode[];
}

/** Erases a definition's config type (see RegisteredNode). */
function erase(d: AnyNodeDefinition): RegisteredNode {
  type Loose = {
    waitState?: (c: unknown) => boolean;
    terminates?: (c: unknown) => boolean;
    outcome?: (c: unknown) => string;
    requiredOutputs?: (c: unknown) => readonly string[];
    check?: (n: FlowNode, ctx: NodeCheckContext) => readonly Issue[];
    enter: (c: unknown, ctx: NodeContext) => NodeResult;
    resume?: (c: unknown, ctx: NodeContext, s: ResumeSignal) => NodeResult;
  };
  // Sound because a node's config is only ever one that validated against `d.configSchema`.
  const loose = d as unknown as Loose;
  return Object.freeze({
    type: d.type,
    configSchema: d.configSchema,
    ports: d.ports,
    meta: d.meta,
    behavior: d.behavior ?? {},
    foreignRuleScopes: d.foreignRuleScopes ?? [],
    defaultPort: d.ports.outputs[0],
    waitState: (c: unknown) => loose.waitState?.(c) ?? false,
    terminates: (c: unknown) => loose.terminates?.(c) ?? false,
    outcome: (c: unknown) => loose.outcome?.(c),
    requiredOutputs: (c: unknown) => loose.requiredOutputs?.(c) ?? d.ports.outputs,
    check: (n: FlowNode, ctx: NodeCheckContext) => loose.check?.(n, ctx) ?? [],
    enter: (c: unknown, ctx: NodeContext) => loose.enter(c, ctx),
    resume: loose.resume ?? null,
  });
}

/**
 * Builds a registry from node type definitions. Throws on a repeated type (a programmer error).
 * @example const registry = createNodeRegistry(builtinNodes); registry.require("approval").ports
 */
export function createNodeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, RegisteredNode>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) {
      throw new Error(`Node type "${definition.type}" is registered twice (NODE_TYPE_DUPLICATE)`);
    }
    byType.set(definition.type, erase(definition));
  }
  const list = Object.freeze([...byType.values()]);
  return Object.freeze({
    get: (type: string) => byType.get(type),
    require(type: string): RegisteredNode {
      const found = byType.get(type);
      if (!found) throw new Error(`Node type "${type}" is not registered`);
      return found;
    },
    list,
  });
}
