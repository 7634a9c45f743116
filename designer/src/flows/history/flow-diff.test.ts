import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffDefinitions } from "../../../../engine/runtime/definition-diff.ts";
import type { FlowDefinition, FlowNode } from "../../../../schemas/index.ts";
import { diffFlows, unchanged } from "./flow-diff.ts";

const ticket = JSON.parse(
  readFileSync(
    new URL(
      "../../../../templates/strategic-service-sla/flows/strategic-ticket.json",
      import.meta.url,
    ),
    "utf8",
  ),
) as FlowDefinition;

/** The ticket flow edited: one node added, one removed, one relabelled, one moved, edges too. */
function edited() {
  const after = structuredClone(ticket);
  const [a, b, c, ...rest] = after.nodes as [FlowNode, FlowNode, FlowNode, ...FlowNode[]];
  const removed = c;
  a.label = { "zh-CN": "新名字", en: "New name" };
  b.position = { x: b.position.x + 50, y: b.position.y };
  const added = {
    id: "task99",
    type: "task",
    label: { "zh-CN": "新增", en: "Added" },
    position: { x: 0, y: 900 },
    config: { assignees: [{ kind: "record-owner" }] },
  } as FlowNode;
  after.nodes = [a, b, ...rest, added];
  after.edges = after.edges.filter((e) => e.source !== removed.id && e.target !== removed.id);
  after.edges.push({ id: "e-new", source: a.id, target: added.id });
  after.name = { "zh-CN": "改名", en: "Renamed" };
  return { after, a, b, removed, added };
}

describe("diffFlows", () => {
  it("finds nothing between a version and itself", () => {
    const diff = diffFlows(ticket, structuredClone(ticket));
    expect(unchanged(diff)).toBe(true);
    expect(diff.counts).toMatchObject({ added: 0, removed: 0, changed: 0, moved: 0, edges: 0 });
  });

  it("marks added, removed, changed and moved nodes with their pointers", () => {
    const { after, a, b, removed, added } = edited();
    const diff = diffFlows(ticket, after);
    const byId = new Map(diff.nodes.map((n) => [n.id, n]));
    expect(byId.get(added.id)).toMatchObject({
      status: "added",
      pointers: [`/nodes/${after.nodes.length - 1}`],
      node: added,
    });
    expect(byId.get(removed.id)).toMatchObject({
      status: "removed",
      pointers: ["/nodes/2"],
      node: removed,
    });
    expect(byId.get(a.id)).toMatchObject({ status: "changed", fields: ["label"] });
    expect(byId.get(a.id)?.pointers).toEqual(["/nodes/0/label/en", "/nodes/0/label/zh-CN"]);
    expect(byId.get(b.id)).toMatchObject({
      status: "moved",
      fields: ["position"],
      pointers: ["/nodes/1/position/x"],
    });
    expect(diff.counts).toMatchObject({ added: 1, removed: 1, changed: 1, moved: 1 });
    expect(diff.nodes.length).toBe(ticket.nodes.length + 1);
    // The newer version's order, then the removed nodes.
    expect(diff.nodes.at(-1)?.id).toBe(removed.id);
  });

  it("marks edges added, removed and changed, and header changes by pointer", () => {
    const { after, removed } = edited();
    const target = after.edges[0] as FlowDefinition["edges"][number];
    target.label = { "zh-CN": "加标签", en: "now labelled" };
    const diff = diffFlows(ticket, after);
    const status = (s: string) =>
      diff.edges
        .filter((e) => e.status === s)
        .map((e) => e.id)
        .sort();
    expect(status("added")).toEqual(["e-new"]);
    expect(status("removed")).toEqual(
      ticket.edges
        .filter((e) => e.source === removed.id || e.target === removed.id)
        .map((e) => e.id)
        .sort(),
    );
    expect(diff.edges.find((e) => e.id === target.id)).toMatchObject({
      status: "changed",
      fields: ["label"],
      pointers: ["/edges/0/label"],
    });
    expect(diff.header.map((h) => h.pointer)).toEqual(["/name/en", "/name/zh-CN"]);
  });

  it("gives the pointers the server's diff gives", () => {
    const { after } = edited();
    const diff = diffFlows(ticket, after);
    const server = diffDefinitions(ticket, after);
    const ours = [
      ...diff.header.map((h) => h.pointer),
      ...diff.nodes.flatMap((n) => n.pointers),
      ...diff.edges.flatMap((e) => e.pointers),
    ].sort();
    expect(ours).toEqual([...server.added, ...server.removed, ...server.changed].sort());
  });

  it("calls a changed type or config a change, not a move", () => {
    const after = structuredClone(ticket);
    const node = after.nodes[1] as FlowNode & { config: Record<string, unknown> };
    node.config = { ...node.config, extra: true };
    node.position = { x: node.position.x + 1, y: node.position.y };
    const diff = diffFlows(ticket, after);
    expect(diff.nodes[1]).toMatchObject({ status: "changed", fields: ["config", "position"] });
  });
});

describe("toDiffGraph", () => {
  it("draws both versions' nodes and edges with their status as a class", async () => {
    const { toDiffGraph } = await import("./diff-graph.ts");
    const { inputsOf, outputsOf } = await import("../node-registry.ts");
    const { after, added, removed } = edited();
    const graph = toDiffGraph(diffFlows(ticket, after), outputsOf, inputsOf);
    expect(graph.nodes).toHaveLength(ticket.nodes.length + 1);
    expect(graph.nodes.find((n) => n.id === added.id)?.data.status).toBe("added");
    expect(graph.nodes.find((n) => n.id === removed.id)?.position).toEqual(removed.position);
    expect(graph.edges.find((e) => e.id === "e-new")?.className).toBe(
      "kam-diff-edge kam-diff-edge--added",
    );
    // Every edge leaves by a handle its source node draws.
    for (const edge of graph.edges) {
      const source = graph.nodes.find((n) => n.id === edge.source);
      expect(source?.data.outputs).toContain(edge.sourceHandle);
    }
  });
});
