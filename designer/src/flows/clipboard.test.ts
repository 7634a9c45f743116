import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "../../../schemas/index.ts";
import {
  copyFragment,
  createFlowClipboard,
  type FlowFragment,
  FRAGMENT_MARKER,
  parseFragment,
  pasteFragment,
  serializeFragment,
} from "./clipboard.ts";
import { headerOf, toDefinition, toRfEdges, toRfNodes } from "./flow-convert.ts";
import { createFlowEditorStore } from "./flow-editor-store.ts";
import { outputsOf } from "./node-registry.ts";

const ticket = JSON.parse(
  readFileSync(
    new URL(
      "../../../templates/strategic-service-sla/flows/strategic-ticket.json",
      import.meta.url,
    ),
    "utf8",
  ),
) as FlowDefinition;

function loaded(selected: readonly string[] = []) {
  const store = createFlowEditorStore();
  const edges = toRfEdges(ticket, outputsOf, "en", "default");
  const nodes = toRfNodes(ticket.nodes).map((n) => ({ ...n, selected: selected.includes(n.id) }));
  store.getState().load(headerOf(ticket), nodes, edges);
  return store;
}

/** Two nodes joined by an edge in the ticket flow. */
const [first, second] = (() => {
  const edge = ticket.edges.find((e) => e.source !== e.target) as FlowDefinition["edges"][number];
  return [edge.source, edge.target];
})() as [string, string];

describe("copyFragment", () => {
  it("is undefined when no node is selected", () => {
    const { nodes, edges } = loaded().getState();
    expect(copyFragment(nodes, edges, outputsOf)).toBeUndefined();
  });

  it("copies the selected nodes and only the edges between them", () => {
    const { nodes, edges } = loaded([first, second]).getState();
    const fragment = copyFragment(nodes, edges, outputsOf) as FlowFragment;
    expect(fragment.kamflow).toBe(FRAGMENT_MARKER);
    expect(fragment.nodes.map((n) => n.id).sort()).toEqual([first, second].sort());
    expect(fragment.edges.length).toBeGreaterThan(0);
    for (const edge of fragment.edges) {
      expect([first, second]).toContain(edge.source);
      expect([first, second]).toContain(edge.target);
    }
    // As a save writes them: the definitions of the ticket flow, unchanged.
    expect(fragment.nodes).toEqual(ticket.nodes.filter((n) => [first, second].includes(n.id)));
  });
});

describe("serializeFragment / parseFragment", () => {
  const { nodes, edges } = loaded([first, second]).getState();
  const fragment = copyFragment(nodes, edges, outputsOf) as FlowFragment;

  it("round-trips a fragment through text", () => {
    expect(parseFragment(serializeFragment(fragment))).toEqual(fragment);
  });

  it("ignores text that is not a kamflow fragment", () => {
    expect(parseFragment("hello")).toBeUndefined();
    expect(parseFragment("{}")).toBeUndefined();
    expect(parseFragment(JSON.stringify({ ...fragment, kamflow: "other" }))).toBeUndefined();
    expect(parseFragment(JSON.stringify({ ...fragment, nodes: [] }))).toBeUndefined();
    expect(parseFragment(JSON.stringify({ ...fragment, nodes: [{ id: 1 }] }))).toBeUndefined();
    expect(
      parseFragment(JSON.stringify({ ...fragment, edges: [{ id: "e", source: "a" }] })),
    ).toBeUndefined();
  });
});

describe("pasteFragment", () => {
  const store = loaded([first, second]);
  const { nodes, edges } = store.getState();
  const fragment = copyFragment(nodes, edges, outputsOf) as FlowFragment;
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edgeIds = new Set(edges.map((e) => e.id));

  it("gives fresh ids, remaps the edges and offsets the positions", () => {
    const pasted = pasteFragment(fragment, nodeIds, edgeIds, 40);
    const ids = pasted.nodes.map((n) => n.id);
    expect(ids.some((id) => nodeIds.has(id))).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
    const renamed = new Map(fragment.nodes.map((n, i) => [n.id, ids[i]]));
    expect(pasted.edges).toHaveLength(fragment.edges.length);
    pasted.edges.forEach((edge, i) => {
      const original = fragment.edges[i] as FlowDefinition["edges"][number];
      expect(edgeIds.has(edge.id)).toBe(false);
      expect(edge.source).toBe(renamed.get(original.source));
      expect(edge.target).toBe(renamed.get(original.target));
    });
    pasted.nodes.forEach((node, i) => {
      const original = fragment.nodes[i] as FlowDefinition["nodes"][number];
      expect(node.position).toEqual({ x: original.position.x + 40, y: original.position.y + 40 });
      expect(node.type).toBe(original.type);
      expect(node.config).toEqual(original.config);
      expect(node.config).not.toBe(original.config);
    });
  });

  it("numbers copies of one type apart and drops edges that leave the fragment", () => {
    const task = ticket.nodes.find((n) => n.type === "task") as FlowDefinition["nodes"][number];
    const twice: FlowFragment = {
      kamflow: FRAGMENT_MARKER,
      version: 1,
      nodes: [task, { ...task, id: "other" }],
      edges: [{ id: "x", source: task.id, target: "elsewhere" }],
    };
    const pasted = pasteFragment(twice, new Set(["task1"]), new Set(), 0);
    expect(pasted.nodes.map((n) => n.id)).toEqual(["task2", "task3"]);
    expect(pasted.edges).toEqual([]);
  });

  it("inserts as one undo step, valid ids in the saved definition", () => {
    const pasted = pasteFragment(fragment, nodeIds, edgeIds, 40);
    const rfEdges = toRfEdges(
      { nodes: [...ticket.nodes, ...pasted.nodes], edges: pasted.edges },
      outputsOf,
      "en",
      "default",
    );
    store.getState().insertGraph(toRfNodes(pasted.nodes), rfEdges);
    const s = store.getState();
    expect(s.nodes).toHaveLength(ticket.nodes.length + fragment.nodes.length);
    expect(s.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(
      pasted.nodes.map((n) => n.id),
    );
    const doc = toDefinition(s.header!, s.nodes, s.edges, outputsOf);
    expect(doc.edges.slice(-pasted.edges.length)).toEqual(pasted.edges);
    s.undo();
    expect(store.getState().nodes).toHaveLength(ticket.nodes.length);
  });
});

describe("createFlowClipboard", () => {
  const fragment: FlowFragment = {
    kamflow: FRAGMENT_MARKER,
    version: 1,
    nodes: [ticket.nodes[0] as FlowDefinition["nodes"][number]],
    edges: [],
  };
  const text = serializeFragment(fragment);

  it("pastes what was copied, each paste one offset further", () => {
    const clipboard = createFlowClipboard();
    expect(clipboard.pasting("hello")).toBeUndefined();
    clipboard.copied(fragment, true);
    expect(clipboard.pasting(text)).toEqual({ fragment, pasted: 1 });
    expect(clipboard.pasting(text)).toEqual({ fragment, pasted: 2 });
  });

  it("pastes a fragment another tab copied", () => {
    const clipboard = createFlowClipboard();
    expect(clipboard.pasting(text)).toEqual({ fragment, pasted: 1 });
    expect(clipboard.pasting(text)).toEqual({ fragment, pasted: 2 });
  });

  it("pastes nothing once something else was copied over the fragment", () => {
    const clipboard = createFlowClipboard();
    clipboard.copied(fragment, true);
    expect(clipboard.pasting("some text")).toBeUndefined();
  });

  it("falls back to memory when the system clipboard was not reached or gives nothing", () => {
    const unreached = createFlowClipboard();
    unreached.copied(fragment, false);
    expect(unreached.pasting("older text")).toEqual({ fragment, pasted: 1 });
    const silent = createFlowClipboard();
    expect(silent.pasting(undefined)).toBeUndefined();
    silent.copied(fragment, true);
    expect(silent.pasting(undefined)).toEqual({ fragment, pasted: 1 });
  });
});
