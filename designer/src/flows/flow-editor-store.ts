/**
 * @module designer/flows/flow-editor-store
 * The state of one open flow editor: the definition's header, the canvas nodes and edges, the
 * last validation's issues, and an undo/redo history of snapshots. One store per editor
 * (`createFlowEditorStore`), never a module singleton, so two editors never share state.
 *
 * What enters the history: structural edits (add, delete, connect, inspector edits, layout) and a
 * node drag as a whole (`checkpoint` at drag start). Selection and React Flow's measurements
 * change the canvas without being undoable.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { FlowEdge, FlowNode } from "../../../schemas/index.ts";
import type { FlowHeader, FlowRfEdge, FlowRfNode } from "./flow-convert.ts";
import { issueCounts, type LocatedIssue } from "./issue-marks.ts";

interface Snapshot {
  readonly nodes: FlowRfNode[];
  readonly edges: FlowRfEdge[];
}

/** Undo depth: enough for a session, bounded so a long edit does not grow without end. */
const HISTORY_LIMIT = 100;

export interface FlowEditorState<I extends LocatedIssue = LocatedIssue> {
  readonly header: FlowHeader | undefined;
  readonly nodes: FlowRfNode[];
  readonly edges: FlowRfEdge[];
  readonly past: readonly Snapshot[];
  readonly future: readonly Snapshot[];
  /** Changed since loaded or saved. */
  readonly dirty: boolean;
  readonly issues: readonly I[];
  /** Issues per node id, for the marks on the canvas. */
  readonly counts: Readonly<Record<string, number>>;

  load(header: FlowHeader, nodes: FlowRfNode[], edges: FlowRfEdge[]): void;
  onNodesChange(changes: NodeChange<FlowRfNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowRfEdge>[]): void;
  /** Records the current graph in the history (before a drag). */
  checkpoint(): void;
  connect(connection: Connection): void;
  addNode(node: Omit<FlowNode, "id">): string;
  updateNode(id: string, patch: Partial<Omit<FlowNode, "id" | "type">>): void;
  /** Changes an edge's definition (condition, label, default), one undo step. */
  updateEdge(id: string, patch: Partial<Omit<FlowEdge, "id" | "source" | "target">>): void;
  /**
   * Adds nodes and edges as one undo step (paste, duplicate): ids are the caller's and must be
   * free; what is added becomes the selection.
   */
  insertGraph(nodes: readonly FlowRfNode[], edges: readonly FlowRfEdge[]): void;
  /** Deletes the selected nodes (with their edges) and the selected edges. */
  deleteSelection(): void;
  select(id: string): void;
  setPositions(positions: Readonly<Record<string, XYPosition>>): void;
  undo(): void;
  redo(): void;
  /** The issues of a validation, located by the node ids of the document validated. */
  setIssues(issues: readonly I[], validatedIds?: readonly string[]): void;
  markSaved(): void;
}

export type FlowEditorStore<I extends LocatedIssue = LocatedIssue> = StoreApi<FlowEditorState<I>>;

/** A node id not yet used: the type's name and the first free number. */
export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!taken.has(`${type}${i}`)) return `${type}${i}`;
}

/**
 * A store for one editor.
 * @example
 * const store = createFlowEditorStore();
 * store.getState().load(headerOf(definition), toRfNodes(definition.nodes), edges);
 */
export function createFlowEditorStore<I extends LocatedIssue = LocatedIssue>(): FlowEditorStore<I> {
  return createStore<FlowEditorState<I>>()((set, get) => {
    const snapshot = (): Snapshot => ({ nodes: get().nodes, edges: get().edges });
    /** Pushes the current graph on the past, clears the future, marks the document changed. */
    const record = () =>
      set((s) => ({
        past: [...s.past, snapshot()].slice(-HISTORY_LIMIT),
        future: [],
        dirty: true,
      }));
    const nodeIds = () => get().nodes.map((n) => n.id);

    return {
      header: undefined,
      nodes: [],
      edges: [],
      past: [],
      future: [],
      dirty: false,
      issues: [],
      counts: {},

      load: (header, nodes, edges) =>
        set({ header, nodes, edges, past: [], future: [], dirty: false, issues: [], counts: {} }),

      onNodesChange: (changes) => {
        // Removal goes through deleteSelection (one undo step for nodes and their edges).
        const kept = changes.filter((c) => c.type !== "remove");
        const moved = kept.some((c) => c.type === "position" && c.position);
        set((s) => ({ nodes: applyNodeChanges(kept, s.nodes), dirty: s.dirty || moved }));
      },

      onEdgesChange: (changes) => {
        const kept = changes.filter((c) => c.type !== "remove");
        set((s) => ({ edges: applyEdgeChanges(kept, s.edges) }));
      },

      checkpoint: record,

      connect: ({ source, target, sourceHandle }) => {
        if (!source || !target) return;
        record();
        const taken = new Set(get().edges.map((e) => e.id));
        let id = `e-${source}-${target}`;
        for (let i = 2; taken.has(id); i++) id = `e-${source}-${target}-${i}`;
        const edge: FlowRfEdge = {
          id,
          source,
          target,
          ...(sourceHandle ? { sourceHandle } : {}),
          data: { edge: { id, source, target } },
        };
        set((s) => ({ edges: [...s.edges, edge] }));
      },

      addNode: (node) => {
        record();
        const id = freshNodeId(node.type, new Set(nodeIds()));
        const full = { ...node, id } as FlowNode;
        set((s) => ({
          nodes: [
            ...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            {
              id,
              type: "flow",
              position: { ...node.position },
              data: { node: full },
              selected: true,
            },
          ],
        }));
        return id;
      },

      updateNode: (id, patch) => {
        record();
        set((s) => ({
          nodes: s.nodes.map((n) =>
            n.id === id ? { ...n, data: { node: { ...n.data.node, ...patch } as FlowNode } } : n,
          ),
        }));
      },

      updateEdge: (id, patch) => {
        record();
        set((s) => ({
          edges: s.edges.map((e) => {
            if (e.id !== id) return e;
            const edge = { ...(e.data?.edge ?? { id, source: e.source, target: e.target }) };
            // `undefined` in the patch removes the property (a cleared condition or label).
            for (const [k, v] of Object.entries(patch))
              if (v === undefined) delete (edge as Record<string, unknown>)[k];
              else (edge as Record<string, unknown>)[k] = v;
            return { ...e, data: { edge: edge as FlowEdge } };
          }),
        }));
      },

      insertGraph: (nodes, edges) => {
        if (nodes.length === 0 && edges.length === 0) return;
        record();
        set((s) => ({
          nodes: [
            ...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            ...nodes.map((n) => ({ ...n, selected: true })),
          ],
          edges: [
            ...s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
            ...edges.map((e) => ({ ...e, selected: false })),
          ],
        }));
      },

      deleteSelection: () => {
        const { nodes, edges } = get();
        const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
        const drop = (e: FlowRfEdge) => e.selected || gone.has(e.source) || gone.has(e.target);
        if (gone.size === 0 && !edges.some(drop)) return;
        record();
        set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: edges.filter((e) => !drop(e)) });
      },

      select: (id) =>
        set((s) => ({
          nodes: s.nodes.map((n) =>
            n.selected === (n.id === id) ? n : { ...n, selected: n.id === id },
          ),
          edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        })),

      setPositions: (positions) => {
        record();
        set((s) => ({
          nodes: s.nodes.map((n) => {
            const p = positions[n.id];
            return p ? { ...n, position: { x: p.x, y: p.y } } : n;
          }),
        }));
      },

      undo: () => {
        const { past } = get();
        const previous = past.at(-1);
        if (!previous) return;
        set((s) => ({
          past: past.slice(0, -1),
          future: [snapshot(), ...s.future],
          ...previous,
          dirty: true,
        }));
      },

      redo: () => {
        const [next, ...rest] = get().future;
        if (!next) return;
        set((s) => ({ past: [...s.past, snapshot()], future: rest, ...next, dirty: true }));
      },

      setIssues: (issues, validatedIds = nodeIds()) =>
        set({ issues, counts: issueCounts(issues, validatedIds) }),

      markSaved: () => set({ dirty: false }),
    };
  });
}
