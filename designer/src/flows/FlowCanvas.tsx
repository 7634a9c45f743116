/**
 * @module designer/flows/FlowCanvas
 * The React Flow canvas bound to the editor's store: nodes and edges, dropping palette types,
 * connecting handles, a drag as one undo step; the minimap, zoom controls and background.
 * Deleting is the editor's own (the store's deleteSelection), so nodes and their edges go in
 * one undo step.
 */
import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n/language.ts";
import { useFlowEditor } from "./editor-context.ts";
import { defaultConfig, nodeTypeInfo } from "./node-registry.ts";
import { FLOW_NODE_TYPES } from "./node-types.ts";
import { NODE_TYPE_MIME } from "./Palette.tsx";

/** A small flow is shown at its natural size rather than blown up to fill the canvas. */
const FIT_VIEW = { maxZoom: 1 };

export function FlowCanvas() {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const { screenToFlowPosition } = useReactFlow();
  const nodes = useFlowEditor((s) => s.nodes);
  const edges = useFlowEditor((s) => s.edges);
  const onNodesChange = useFlowEditor((s) => s.onNodesChange);
  const onEdgesChange = useFlowEditor((s) => s.onEdgesChange);
  const connect = useFlowEditor((s) => s.connect);
  const checkpoint = useFlowEditor((s) => s.checkpoint);
  const addNode = useFlowEditor((s) => s.addNode);

  const onDrop = (event: React.DragEvent) => {
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    const info = nodeTypeInfo(type);
    if (!info) return;
    event.preventDefault();
    addNode({
      type: info.type,
      label: { ...info.meta.label },
      position: screenToFlowPosition({ x: event.clientX, y: event.clientY }),
      config: defaultConfig(type),
    } as Parameters<typeof addNode>[0]);
  };

  return (
    <div className="kam-flow-canvas" data-testid="flow-canvas" data-language={language}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={FLOW_NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onNodeDragStart={checkpoint}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "move";
        }}
        onDrop={onDrop}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
      >
        <Background />
        <MiniMap pannable zoomable />
        <Controls />
      </ReactFlow>
    </div>
  );
}
