/**
 * @module designer/flows/flow-convert
 * FlowDefinition ⇄ React Flow. The definition's nodes and edges map 1:1 to React Flow's (DESIGN
 * §3.4): the node keeps its whole definition in `data.node` so nothing the canvas does not draw
 * (description, config) is lost on the way back, and likewise each edge in `data.edge`.
 */
import type { Edge, Node } from "@xyflow/react";
import type { FlowDefinition, FlowEdge, FlowNode } from "../../../schemas/index.ts";
import { type Language, localized } from "../i18n/language.ts";

/** What a canvas node carries. */
export type FlowNodeData = {
  readonly node: FlowNode;
};
export type FlowRfNode = Node<FlowNodeData, "flow">;

export type FlowEdgeData = {
  readonly edge: FlowEdge;
};
export type FlowRfEdge = Edge<FlowEdgeData>;

/** The definition without its graph: kept aside while the canvas owns nodes and edges. */
export type FlowHeader = Omit<FlowDefinition, "nodes" | "edges">;

/** Outputs by node type, from the registry's ports (the first is the default output). */
export type OutputsOf = (type: string) => readonly string[];

/**
 * The canvas nodes of a definition.
 * @example toRfNodes(definition.nodes)
 */
export function toRfNodes(nodes: readonly FlowNode[]): FlowRfNode[] {
  return nodes.map((node) => ({
    id: node.id,
    type: "flow",
    position: { x: node.position.x, y: node.position.y },
    data: { node },
  }));
}

/** The label an edge shows: its own label, else "default" for the default branch. */
export function edgeLabel(edge: FlowEdge, language: Language, defaultText: string): string {
  const own = localized(edge.label, language);
  if (own) return own;
  return edge.default ? defaultText : "";
}

/**
 * The canvas edges of a definition. An edge without `sourceHandle` leaves by its node's first
 * output, so it gets that handle's id (React Flow would otherwise pick the first handle drawn).
 * @example toRfEdges(definition, outputsOf, "en", "default")
 */
export function toRfEdges(
  definition: Pick<FlowDefinition, "nodes" | "edges">,
  outputsOf: OutputsOf,
  language: Language,
  defaultText: string,
): FlowRfEdge[] {
  const typeOf = new Map(definition.nodes.map((n) => [n.id, n.type]));
  return definition.edges.map((edge) => {
    const first = outputsOf(typeOf.get(edge.source) ?? "")[0];
    const handle = edge.sourceHandle ?? first;
    const label = edgeLabel(edge, language, defaultText);
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(handle ? { sourceHandle: handle } : {}),
      ...(label ? { label } : {}),
      data: { edge },
    };
  });
}

/**
 * The definition the canvas shows: the header, each node's definition at its current position,
 * each edge's definition with its current ends. A handle equal to the node's default output is
 * written only when the original edge named it.
 * @example toDefinition(header, nodes, edges, outputsOf)
 */
export function toDefinition(
  header: FlowHeader,
  nodes: readonly FlowRfNode[],
  edges: readonly FlowRfEdge[],
  outputsOf: OutputsOf,
): FlowDefinition {
  const typeOf = new Map(nodes.map((n) => [n.id, n.data.node.type]));
  return {
    ...header,
    nodes: nodes.map((n) => ({
      ...n.data.node,
      id: n.id,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => {
      const { sourceHandle: _old, ...rest } = e.data?.edge ?? ({} as Partial<FlowEdge>);
      const first = outputsOf(typeOf.get(e.source) ?? "")[0];
      const named = e.data?.edge.sourceHandle !== undefined;
      const handle = e.sourceHandle ?? undefined;
      const keep = handle !== undefined && (handle !== first || named);
      return {
        ...rest,
        id: e.id,
        source: e.source,
        target: e.target,
        ...(keep ? { sourceHandle: handle } : {}),
      } as FlowEdge;
    }),
  } as FlowDefinition;
}

/** Splits a definition into its header and graph. */
export function headerOf(definition: FlowDefinition): FlowHeader {
  const { nodes: _n, edges: _e, ...header } = definition;
  return header;
}
