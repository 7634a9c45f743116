/**
 * @module designer/flows/node-types
 * React Flow's `nodeTypes`, made once at module level: a map created during render would remount
 * every node on each render (xyflow error002). Every registry type draws with one card.
 */
import type { NodeTypes } from "@xyflow/react";
import { FlowNodeCard } from "./FlowNodeCard.tsx";

export const FLOW_NODE_TYPES: NodeTypes = { flow: FlowNodeCard };
