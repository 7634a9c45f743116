/**
 * @module designer/flows/clipboard
 * Copy, paste and duplicate of canvas nodes. A copy is a *fragment*: the selected nodes'
 * definitions and the edges between them, as JSON with a kamflow marker, so it can travel through
 * the system clipboard (another tab, another flow) and be recognised on the way back. Pasting
 * gives every node a fresh id (`freshNodeId`), remaps the edges to them and offsets the positions,
 * so pasting twice never stacks copies on top of each other.
 *
 * The system clipboard is reached through the copy, cut and paste events (their clipboardData),
 * which need no permission prompt, unlike navigator.clipboard's reads; `createFlowClipboard`
 * keeps the last copy in memory as the fallback. All of it is pure and unit tested.
 */
import type { FlowEdge, FlowNode } from "../../../schemas/index.ts";
import {
  type FlowHeader,
  type FlowRfEdge,
  type FlowRfNode,
  type OutputsOf,
  toDefinition,
} from "./flow-convert.ts";
import { freshNodeId } from "./flow-editor-store.ts";

/** The marker that tells a kamflow fragment from any other text on the clipboard. */
export const FRAGMENT_MARKER = "kamflow/flow-fragment";

/** Nodes and the edges between them, as definitions. */
export interface FlowFragment {
  readonly kamflow: typeof FRAGMENT_MARKER;
  readonly version: 1;
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

/** How far a paste lands from the copied nodes, per paste. */
export const PASTE_OFFSET = 40;

/**
 * The selected nodes (at their current positions) and the edges whose both ends are selected, as
 * a save would write them; undefined when no node is selected.
 * @example copyFragment(state.nodes, state.edges, outputsOf)
 */
export function copyFragment(
  nodes: readonly FlowRfNode[],
  edges: readonly FlowRfEdge[],
  outputsOf: OutputsOf,
): FlowFragment | undefined {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return undefined;
  const ids = new Set(picked.map((n) => n.id));
  const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const graph = toDefinition({} as FlowHeader, picked, inner, outputsOf);
  return { kamflow: FRAGMENT_MARKER, version: 1, nodes: graph.nodes, edges: graph.edges };
}

/** The fragment as clipboard text. */
export const serializeFragment = (fragment: FlowFragment): string => JSON.stringify(fragment);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A fragment read back from clipboard text; undefined for anything else (plain text, another
 * app's JSON, a damaged fragment). Only the shape the paste relies on is checked: the editor's
 * validation judges the configs once pasted, like any other edit.
 */
export function parseFragment(text: string): FlowFragment | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // not JSON: someone copied ordinary text
  }
  if (!isObject(value) || value.kamflow !== FRAGMENT_MARKER || value.version !== 1)
    return undefined;
  const { nodes, edges } = value;
  if (!Array.isArray(nodes) || !Array.isArray(edges) || nodes.length === 0) return undefined;
  const nodeOk = (n: unknown) =>
    isObject(n) &&
    typeof n.id === "string" &&
    typeof n.type === "string" &&
    isObject(n.position) &&
    typeof n.position.x === "number" &&
    typeof n.position.y === "number";
  const edgeOk = (e: unknown) =>
    isObject(e) &&
    typeof e.id === "string" &&
    typeof e.source === "string" &&
    typeof e.target === "string";
  if (!nodes.every(nodeOk) || !edges.every(edgeOk)) return undefined;
  return value as unknown as FlowFragment;
}

/**
 * The fragment's nodes and edges ready to insert: fresh node ids (the type's name and the first
 * free number), edges remapped to them with fresh ids (edges to nodes outside the fragment are
 * dropped), positions moved by `offset` on both axes.
 * @example
 * const { nodes, edges } = pasteFragment(fragment, new Set(nodeIds), new Set(edgeIds), 40);
 */
export function pasteFragment(
  fragment: FlowFragment,
  takenNodeIds: ReadonlySet<string>,
  takenEdgeIds: ReadonlySet<string>,
  offset: number,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const taken = new Set(takenNodeIds);
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = freshNodeId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
    return {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + offset, y: node.position.y + offset },
    } as FlowNode;
  });
  const edgeIds = new Set(takenEdgeIds);
  const edges: FlowEdge[] = [];
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    let id = `e-${source}-${target}`;
    for (let i = 2; edgeIds.has(id); i++) id = `e-${source}-${target}-${i}`;
    edgeIds.add(id);
    edges.push({ ...structuredClone(edge), id, source, target });
  }
  return { nodes, edges };
}

/** What was copied in this tab, and which fragment a paste gets. */
export interface FlowClipboard {
  /**
   * Remembers a copy; `reachedSystem` says whether the system clipboard got it too (the copy
   * event's clipboardData), so that a paste of other text means something else was copied since.
   */
  copied(fragment: FlowFragment, reachedSystem: boolean): void;
  /**
   * The fragment to paste, given the text the paste event carries (undefined when the browser
   * gives none), and how many times it was pasted before (the offset grows with each paste).
   */
  pasting(text: string | undefined): { fragment: FlowFragment; pasted: number } | undefined;
}

/**
 * A clipboard that prefers the system clipboard's text, so a fragment copied in another tab or
 * flow pastes here, and falls back to this tab's last copy when the browser gives no text or the
 * copy never reached the system clipboard. When the system clipboard holds other text although
 * our last copy reached it, the user has copied something else since: nothing to paste.
 * @example
 * const clipboard = createFlowClipboard();
 * clipboard.copied(fragment, true);
 * clipboard.pasting(event.clipboardData?.getData("text/plain")) // { fragment, pasted: 1 }
 */
export function createFlowClipboard(): FlowClipboard {
  let memory: { fragment: FlowFragment; text: string; pasted: number } | undefined;
  let reached = false;
  const fromMemory = () => memory && { fragment: memory.fragment, pasted: memory.pasted++ };
  return {
    copied(fragment, reachedSystem) {
      memory = { fragment, text: serializeFragment(fragment), pasted: 1 };
      reached = reachedSystem;
    },
    pasting(text) {
      if (text === undefined || (memory && text === memory.text)) return fromMemory();
      const fragment = parseFragment(text);
      if (fragment) {
        // Copied elsewhere: remembered here, so that repeated pastes cascade.
        memory = { fragment, text, pasted: 2 };
        return { fragment, pasted: 1 };
      }
      return reached ? undefined : fromMemory();
    },
  };
}

/**
 * The clipboard every editor of this tab shares, so a copy in one flow pastes into the next one
 * opened. A module value on purpose: like the system clipboard it stands for, it outlives editors.
 */
export const sharedFlowClipboard: FlowClipboard = createFlowClipboard();
