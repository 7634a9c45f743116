import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "../../../schemas/index.ts";
import { kamflowEngine } from "../engine-browser/entry.ts";
import { headerOf, toDefinition, toRfEdges, toRfNodes } from "./flow-convert.ts";
import { createFlowEditorStore, freshNodeId } from "./flow-editor-store.ts";
import { issueCounts, issueNodeId } from "./issue-marks.ts";
import { defaultConfig, outputsOf } from "./node-registry.ts";

const ticket = JSON.parse(
  readFileSync(
    new URL(
      "../../../templates/strategic-service-sla/flows/strategic-ticket.json",
      import.meta.url,
    ),
    "utf8",
  ),
) as FlowDefinition;

function loaded() {
  const store = createFlowEditorStore();
  const edges = toRfEdges(ticket, outputsOf, "en", "default");
  store.getState().load(headerOf(ticket), toRfNodes(ticket.nodes), edges);
  return store;
}
const docOf = (store: ReturnType<typeof loaded>) => {
  const s = store.getState();
  return toDefinition(s.header!, s.nodes, s.edges, outputsOf);
};

describe("flow ⇄ React Flow", () => {
  it("round-trips a definition unchanged", () => {
    expect(docOf(loaded())).toEqual(ticket);
  });

  it("gives edges their handle and labels, the default branch its word", () => {
    const edges = toRfEdges(ticket, outputsOf, "en", "default");
    const other = edges.find((e) => e.id === "e-other");
    expect(other?.label).toBe("Other");
    expect(edges.find((e) => e.id === "e-start")?.sourceHandle).toBe(outputsOf("start")[0]);
    const unlabeled = {
      ...ticket,
      edges: [{ id: "x", source: "isStrategic", target: "fork", default: true }],
    };
    expect(toRfEdges(unlabeled, outputsOf, "en", "default")[0]?.label).toBe("default");
  });

  it("keeps an explicit non-default handle of a new edge", () => {
    const store = loaded();
    store
      .getState()
      .connect({ source: "start", target: "resolved", sourceHandle: "x", targetHandle: null });
    const doc = docOf(store);
    expect(doc.edges.at(-1)).toEqual({
      id: "e-start-resolved",
      source: "start",
      target: "resolved",
      sourceHandle: "x",
    });
  });
});

describe("flow editor store", () => {
  it("adds a node with a fresh id, undoes and redoes it", () => {
    const store = loaded();
    const id = store.getState().addNode({
      type: "task",
      label: { "zh-CN": "任务", en: "Task" },
      position: { x: 10, y: 20 },
      config: defaultConfig("task"),
    } as never);
    expect(id).toBe("task1");
    expect(store.getState().nodes.at(-1)?.selected).toBe(true);
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().nodes.some((n) => n.id === id)).toBe(false);
    store.getState().redo();
    expect(store.getState().nodes.some((n) => n.id === id)).toBe(true);
  });

  it("deletes the selection with its edges in one undo step", () => {
    const store = loaded();
    store.getState().select("classify");
    store.getState().deleteSelection();
    const s = store.getState();
    expect(s.nodes.some((n) => n.id === "classify")).toBe(false);
    expect(s.edges.some((e) => e.source === "classify" || e.target === "classify")).toBe(false);
    s.undo();
    expect(docOf(store)).toEqual(ticket);
  });

  it("edits a node's label and config through the history", () => {
    const store = loaded();
    store.getState().updateNode("claimed", { config: { outcome: "done" } });
    expect(docOf(store).nodes.find((n) => n.id === "claimed")?.config).toEqual({ outcome: "done" });
    store.getState().undo();
    expect(docOf(store)).toEqual(ticket);
  });

  it("counts issues per node by nodeId or pointer", () => {
    const store = loaded();
    store
      .getState()
      .setIssues([
        { pointer: "/nodes/1/config/flow" },
        { pointer: "/edges/0", nodeId: "start" },
        { pointer: "/name" },
      ]);
    expect(store.getState().counts).toEqual({ readAccount: 1, start: 1 });
  });
});

describe("issue marks", () => {
  it("maps pointers to node ids", () => {
    expect(issueNodeId({ pointer: "/nodes/2/config" }, ["a", "b", "c"])).toBe("c");
    expect(issueNodeId({ pointer: "/nodes/x" }, ["a"])).toBeUndefined();
    expect(issueCounts([{ pointer: "/nodes/0" }, { pointer: "/nodes/0/label" }], ["a"])).toEqual({
      a: 2,
    });
  });
  it("finds fresh ids", () => {
    expect(freshNodeId("task", new Set(["task1", "task2"]))).toBe("task3");
  });
  it("starts a node with its required config", () => {
    expect(defaultConfig("end")).toHaveProperty("outcome");
    expect(defaultConfig("notify")).toHaveProperty("channels", []);
  });

  it("has the engine report a dropped task by its wiring, on that node", () => {
    const store = loaded();
    store.getState().addNode({
      type: "task",
      label: { "zh-CN": "任务", en: "Task" },
      position: { x: 0, y: 0 },
      config: defaultConfig("task"),
    } as never);
    const result = kamflowEngine.validateFlow(docOf(store));
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.nodeId === "task1")).toBe(true);
    expect(issues.some((i) => i.pointer.includes("config"))).toBe(false);
  });
});
