/**
 * @module flows/graph/flow-graph
 * A shape-valid flow as a graph for the publish checks: nodes by id (the first of a repeated id),
 * edges with the port they leave by, adjacency both ways (edges whose ends do not exist are left
 * out of it), reachability, and located issues.
 */
import type { FlowDefinition, FlowNode } from "../../../schemas/index.ts";
import { type ErrorCode, type Issue, issue, ptr } from "../../errors/index.ts";
import type { EdgeView } from "../nodes/node-check.ts";
import type { NodeRegistry, RegisteredNode } from "../nodes/registry.ts";

/** A node of the graph. */
export interface GraphNode {
  readonly node: FlowNode;
  readonly index: number;
  readonly pointer: string;
  readonly type: RegisteredNode;
}

/** The graph of one definition. */
export interface FlowGraph {
  readonly definition: FlowDefinition;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Nodes in document order (repeated ids included). */
  readonly list: readonly GraphNode[];
  readonly edges: readonly EdgeView[];
  outgoing(id: string): readonly EdgeView[];
  incoming(id: string): readonly EdgeView[];
  /** Ids reachable from `id` by one or more edges. */
  reachableFrom(id: string): ReadonlySet<string>;
}

/** An issue on a node. */
export function nodeIssue(
  at: GraphNode,
  code: ErrorCode,
  pointer = at.pointer,
  params: Record<string, unknown> = {},
): Issue {
  return issue(code, pointer, params, { nodeId: at.node.id });
}

/** An issue on an edge: `params.edgeId` names it, `nodeId` is its source when that exists. */
export function edgeIssue(
  graph: FlowGraph,
  edge: EdgeView,
  code: ErrorCode,
  pointer = edge.pointer,
  params: Record<string, unknown> = {},
): Issue {
  const source = graph.nodes.get(edge.source);
  return issue(
    code,
    pointer,
    { ...params, edgeId: edge.id },
    source ? { nodeId: source.node.id } : {},
  );
}

/** Builds the graph of a shape-valid definition. */
export function buildGraph(definition: FlowDefinition, registry: NodeRegistry): FlowGraph {
  const list: GraphNode[] = definition.nodes.map((node, index) => ({
    node,
    index,
    pointer: ptr("nodes", index),
    type: registry.require(node.type),
  }));
  const nodes = new Map<string, GraphNode>();
  for (const n of list) if (!nodes.has(n.node.id)) nodes.set(n.node.id, n);
  const edges: EdgeView[] = definition.edges.map((edge, index) => ({
    id: edge.id,
    index,
    pointer: ptr("edges", index),
    source: edge.source,
    target: edge.target,
    port: edge.sourceHandle ?? nodes.get(edge.source)?.type.defaultPort ?? "",
    ...(edge.sourceHandle === undefined ? {} : { handle: edge.sourceHandle }),
    ...(edge.condition === undefined ? {} : { condition: edge.condition }),
    default: edge.default === true,
  }));
  const out = new Map<string, EdgeView[]>();
  const into = new Map<string, EdgeView[]>();
  for (const edge of edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    out.set(edge.source, [...(out.get(edge.source) ?? []), edge]);
    into.set(edge.target, [...(into.get(edge.target) ?? []), edge]);
  }
  const reach = new Map<string, Set<string>>();
  const graph: FlowGraph = {
    definition,
    nodes,
    list,
    edges,
    outgoing: (id) => out.get(id) ?? [],
    incoming: (id) => into.get(id) ?? [],
    reachableFrom(id) {
      let seen = reach.get(id);
      if (seen) return seen;
      seen = new Set<string>();
      const stack = (out.get(id) ?? []).map((e) => e.target);
      while (stack.length > 0) {
        const next = stack.pop() as string;
        if (seen.has(next)) continue;
        seen.add(next);
        for (const e of out.get(next) ?? []) stack.push(e.target);
      }
      reach.set(id, seen);
      return seen;
    },
  };
  return graph;
}
