/**
 * @module designer/flows/history/diff-graph
 * The visual diff's React Flow graph: every node and edge of both versions (the merged graph),
 * each with its diff status as a class (`kam-diff-node--added`, `kam-diff-edge--removed`…) that
 * flow-editor.css colours, and each node with a handle for every port its edges use. Pure.
 */
import type { Edge } from "@xyflow/react";
import type { OutputsOf } from "../flow-convert.ts";
import type { DiffRfNode } from "./DiffNodeCard.tsx";
import type { EdgeStatus, FlowDiff } from "./flow-diff.ts";

export type DiffRfEdge = Edge<{ readonly status: EdgeStatus }>;

/**
 * The merged graph of a diff, read-only.
 * @example const { nodes, edges } = toDiffGraph(diffFlows(older, newer), outputsOf, inputsOf);
 */
export function toDiffGraph(
  diff: FlowDiff,
  outputsOf: OutputsOf,
  inputsOf: OutputsOf,
): { nodes: DiffRfNode[]; edges: DiffRfEdge[] } {
  const typeOf = new Map(diff.nodes.map((n) => [n.id, n.node.type]));
  const extra = new Map<string, Set<string>>();
  const edges = diff.edges.map(({ id, status, edge }): DiffRfEdge => {
    const handle = edge.sourceHandle ?? outputsOf(typeOf.get(edge.source) ?? "")[0];
    if (handle) extra.set(edge.source, (extra.get(edge.source) ?? new Set()).add(handle));
    return {
      id,
      source: edge.source,
      target: edge.target,
      ...(handle ? { sourceHandle: handle } : {}),
      className: `kam-diff-edge kam-diff-edge--${status}`,
      // Added and removed edges are drawn over the unchanged ones.
      zIndex: status === "same" ? 0 : 1,
      selectable: false,
      focusable: false,
      data: { status },
    };
  });
  const nodes = diff.nodes.map(
    ({ id, status, node }): DiffRfNode => ({
      id,
      type: "diff",
      position: { x: node.position.x, y: node.position.y },
      data: {
        node,
        status,
        inputs: inputsOf(node.type),
        outputs: [...new Set([...outputsOf(node.type), ...(extra.get(id) ?? [])])],
      },
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: false,
    }),
  );
  return { nodes, edges };
}
