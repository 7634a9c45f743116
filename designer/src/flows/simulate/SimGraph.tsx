/**
 * @module designer/flows/simulate/SimGraph
 * The flow as the simulation sees it: a read-only React Flow of its own (its own provider, so it
 * never touches the editor canvas's store), the nodes a path is at now highlighted, the nodes
 * and edges the run went through marked as the path taken.
 */
import {
  type Edge,
  Handle,
  type Node,
  type NodeProps,
  type NodeTypes,
  Position,
  ReactFlow,
  ReactFlowProvider,
} from "@xyflow/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { type Language, localized } from "../../i18n/language.ts";
import { nodeTypeInfo } from "../node-registry.ts";

type SimNodeData = { label: string; typeName: string; state: "active" | "visited" | "idle" };
type SimNode = Node<SimNodeData, "sim">;

function SimNodeCard({ id, data }: NodeProps<SimNode>) {
  return (
    <div
      className={`kam-sim-node kam-sim-node--${data.state}`}
      data-testid={`sim-node-${id}`}
      data-state={data.state}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="kam-sim-node__label">{data.label}</div>
      <div className="kam-sim-node__type">{data.typeName}</div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Module-level, as React Flow asks (a new map per render remounts every node). */
const SIM_NODE_TYPES: NodeTypes = { sim: SimNodeCard };
const FIT_VIEW = { maxZoom: 1 };

export function SimGraph(props: {
  definition: FlowDefinition;
  activeNodes: readonly string[];
  visited: readonly string[];
  takenEdges: readonly string[];
}) {
  const { definition, activeNodes, visited, takenEdges } = props;
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const nodes = useMemo<SimNode[]>(
    () =>
      definition.nodes.map((node) => {
        const info = nodeTypeInfo(node.type);
        const typeName = info ? localized(info.meta.label, language) : node.type;
        return {
          id: node.id,
          type: "sim",
          position: node.position,
          data: {
            label: localized(node.label, language) || typeName,
            typeName,
            state: activeNodes.includes(node.id)
              ? "active"
              : visited.includes(node.id)
                ? "visited"
                : "idle",
          },
        };
      }),
    [definition, activeNodes, visited, language],
  );
  const edges = useMemo<Edge[]>(
    () =>
      definition.edges.map((edge) => {
        const label = localized(edge.label, language) || edge.sourceHandle || "";
        const taken = takenEdges.includes(edge.id);
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          ...(label ? { label } : {}),
          className: taken ? "kam-sim-edge--taken" : "kam-sim-edge",
          animated: taken,
        };
      }),
    [definition, takenEdges, language],
  );
  return (
    <div className="kam-sim-graph" data-testid="sim-graph">
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={SIM_NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={0.1}
        />
      </ReactFlowProvider>
    </div>
  );
}
