/**
 * @module flows/graph/check-nodes
 * Runs each node type's own publish check with a context that answers questions about the graph
 * and the definitions around it (forms, other flows, the record schema).
 */
import type { Issue } from "../../errors/index.ts";
import { issue } from "../../errors/index.ts";
import type { FlowFacts, NodeCheckContext } from "../nodes/node-check.ts";
import type { NodeRegistry } from "../nodes/registry.ts";
import type { FlowGraph } from "./flow-graph.ts";

/** What node checks may ask beyond the graph. */
export interface NodeCheckEnvironment {
  readonly registry: NodeRegistry;
  readonly forms: readonly unknown[] | undefined;
  readonly flows: readonly unknown[] | undefined;
  readonly matched: ReadonlyMap<string, { nodeId: string; width: number }>;
  /** Per parallel node, the nodes strictly inside its branches. */
  readonly inside: ReadonlyArray<ReadonlySet<string>>;
  readonly checkField: (path: string, pointer: string, nodeId: string) => Issue | undefined;
}

const keyOf = (d: unknown) => (d as { key?: unknown } | null)?.key;

/** The outcomes of another flow's terminal nodes, read through the registry. */
function factsOf(flow: unknown, registry: NodeRegistry): FlowFacts {
  const nodes = (flow as { nodes?: unknown }).nodes;
  const outcomes = new Set<string>();
  for (const node of Array.isArray(nodes) ? nodes : []) {
    const { type, config } = (node ?? {}) as { type?: unknown; config?: unknown };
    const known = typeof type === "string" ? registry.get(type) : undefined;
    const outcome = known?.behavior.terminal && config ? known.outcome(config) : undefined;
    if (typeof outcome === "string") outcomes.add(outcome);
  }
  return { outcomes: [...outcomes] };
}

/** Issues of every node's own check. */
export function checkNodes(graph: FlowGraph, env: NodeCheckEnvironment): Issue[] {
  const issues: Issue[] = [];
  const formKeys = env.forms ? new Set(env.forms.map(keyOf)) : undefined;
  for (const at of graph.nodes.values()) {
    const matched = env.matched.get(at.node.id);
    const ctx: NodeCheckContext = {
      node: at.node,
      pointer: at.pointer,
      outgoing: graph.outgoing(at.node.id),
      incoming: graph.incoming(at.node.id),
      hasNode: (id) => graph.nodes.has(id),
      reaches: (from, to) => graph.reachableFrom(from).has(to),
      sameForks: (a, b) => env.inside.every((region) => region.has(a) === region.has(b)),
      ...(matched ? { matchedFork: matched } : {}),
      flow: (key) => {
        if (!env.flows) return undefined;
        const found = env.flows.find((f) => keyOf(f) === key);
        return found === undefined ? null : factsOf(found, env.registry);
      },
      formExists: (key) => formKeys?.has(key),
      checkField: (path, pointer) => env.checkField(path, pointer, at.node.id),
      issue: (code, pointer, params = {}) => issue(code, pointer, params, { nodeId: at.node.id }),
    };
    issues.push(...at.type.check(at.node, ctx));
  }
  return issues;
}
