/**
 * @module designer/flows/auto-layout
 * Auto-layout with elkjs's layered algorithm, top-down. The bundled build runs in the page
 * without a worker (the strict CSP allows no blob workers) and without eval. It is loaded on the
 * first layout only: it is most of a megabyte.
 */
import type { XYPosition } from "@xyflow/react";
import type { FlowRfEdge, FlowRfNode } from "./flow-convert.ts";

/** Size of a node React Flow has not measured yet (close to a card's). */
const FALLBACK = { width: 180, height: 64 };

/**
 * New positions for every node.
 * @example store.getState().setPositions(await layoutPositions(nodes, edges))
 */
export async function layoutPositions(
  nodes: readonly FlowRfNode[],
  edges: readonly FlowRfEdge[],
): Promise<Record<string, XYPosition>> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "60",
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? FALLBACK.width,
      height: n.measured?.height ?? FALLBACK.height,
    })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, XYPosition> = {};
  for (const child of graph.children ?? [])
    positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
