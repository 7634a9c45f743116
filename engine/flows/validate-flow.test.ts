import { describe, expect, it } from "vitest";
import allNodeTypes from "./fixtures/all-node-types.flow.json" with { type: "json" };
import { fiveNodeFlow, type NodeSpec } from "./fixtures/build.ts";
import { check, issuesOf, user } from "./fixtures/graph-cases.ts";
import strategicTicket from "./fixtures/strategic-ticket.flow.json" with { type: "json" };
import { validateFlow } from "./validate-flow.ts";

const approver = { approvers: [{ kind: "user", userId: "u2" }] };

describe("validateFlow: valid flows", () => {
  it("accepts the fixtures and the benchmark's five-node flow", () => {
    for (const doc of [strategicTicket, allNodeTypes, fiveNodeFlow()]) {
      const result = validateFlow(doc);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
  });

  it("accepts nested forks, each closed by its own join", () => {
    const result = check(
      [
        ["s", "start"],
        ["p1", "parallel"],
        ["a", "task", user],
        ["p2", "parallel"],
        ["b", "task", user],
        ["c", "task", user],
        ["j2", "join"],
        ["j1", "join", { waitFor: 2 }],
        ["e", "end", { outcome: "done" }],
      ],
      [
        ["1", "s", "p1"],
        ["2", "p1", "a"],
        ["3", "p1", "p2"],
        ["4", "p2", "b"],
        ["5", "p2", "c"],
        ["6", "b", "j2"],
        ["7", "c", "j2"],
        ["8", "j2", "j1"],
        ["9", "a", "j1"],
        ["10", "j1", "e"],
      ],
    );
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("accepts a fork without a join whose branches end on their own", () => {
    const result = check(
      [
        ["s", "start"],
        ["p", "parallel"],
        ["a", "task", user],
        [
          "b",
          "notify",
          { channels: ["in-app"], to: [{ kind: "initiator" }], body: { "zh-CN": "x", en: "x" } },
        ],
        ["ea", "end", { outcome: "a", terminate: false }],
        ["eb", "end", { outcome: "b", terminate: false }],
      ],
      [
        ["1", "s", "p"],
        ["2", "p", "a"],
        ["3", "p", "b"],
        ["4", "a", "ea"],
        ["5", "b", "eb"],
      ],
    );
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("accepts a loop that passes a task (a wait state)", () => {
    const result = check(
      [
        ["s", "start"],
        ["fix", "task", user],
        ["ok", "condition"],
        ["e", "end", { outcome: "done" }],
      ],
      [
        ["1", "s", "fix"],
        ["2", "fix", "ok"],
        ["3", "ok", "fix", { condition: { "!": [{ var: "record.fixed" }] } }],
        ["4", "ok", "e", { default: true }],
      ],
    );
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe("validateFlow: wiring", () => {
  it("requires exactly one start", () => {
    expect(issuesOf(check([["e", "end", { outcome: "x" }]], []))).toEqual([
      { code: "FLOW_START_MISSING", pointer: "/nodes" },
    ]);
    const two = check(
      [
        ["s", "start"],
        ["s2", "start"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "e"],
        ["2", "s2", "e"],
      ],
    );
    expect(issuesOf(two)).toEqual([
      { code: "FLOW_START_MULTIPLE", pointer: "/nodes/1", nodeId: "s2" },
      { code: "FLOW_NODE_UNREACHABLE", pointer: "/nodes/1", nodeId: "s2" },
    ]);
  });

  it("reports repeated node and edge ids", () => {
    const result = check(
      [
        ["s", "start"],
        ["s", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "s"],
        ["1", "s", "s"],
      ],
    );
    expect(issuesOf(result)).toContainEqual({
      code: "FLOW_NODE_ID_DUPLICATE",
      pointer: "/nodes/1/id",
      nodeId: "s",
    });
    expect(issuesOf(result)).toContainEqual({
      code: "FLOW_EDGE_ID_DUPLICATE",
      pointer: "/edges/1/id",
      nodeId: "s",
      edgeId: "1",
    });
  });

  it("reports edges to and from nodes that do not exist", () => {
    const result = check(
      [
        ["s", "start"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "e"],
        ["2", "s", "nowhere"],
        ["3", "ghost", "e"],
      ],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_EDGE_TARGET_UNKNOWN", pointer: "/edges/1/target", nodeId: "s", edgeId: "2" },
      { code: "FLOW_EDGE_SOURCE_UNKNOWN", pointer: "/edges/2/source", edgeId: "3" },
    ]);
  });

  it("checks handles against the source type's outputs and every required output", () => {
    const result = check(
      [
        ["s", "start"],
        ["ap", "approval", approver],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "ap"],
        ["2", "ap", "e", { sourceHandle: "approved" }],
        ["3", "ap", "e", { sourceHandle: "maybe" }],
      ],
    );
    expect(issuesOf(result)).toEqual([
      {
        code: "FLOW_EDGE_HANDLE_INVALID",
        pointer: "/edges/2/sourceHandle",
        nodeId: "ap",
        edgeId: "3",
      },
      { code: "FLOW_PORT_UNCONNECTED", pointer: "/nodes/1", nodeId: "ap" },
    ]);
  });

  it("rejects a second edge on one output and edges into a start or out of an end", () => {
    const result = check(
      [
        ["s", "start"],
        ["t", "task", user],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "t"],
        ["2", "t", "e"],
        ["3", "t", "s"],
        ["4", "e", "t"],
      ],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_EDGE_TO_NO_INPUT", pointer: "/edges/2/target", nodeId: "t", edgeId: "3" },
      { code: "FLOW_EDGE_FROM_NO_OUTPUT", pointer: "/edges/3/source", nodeId: "e", edgeId: "4" },
      { code: "FLOW_PORT_EDGES_MULTIPLE", pointer: "/edges/2", nodeId: "t", edgeId: "3" },
    ]);
  });

  it("finds unreachable nodes and nodes that cannot reach an end", () => {
    const result = check(
      [
        ["s", "start"],
        ["e", "end", { outcome: "x" }],
        ["island", "task", user],
        ["trap", "task", user],
      ],
      [
        ["1", "s", "e"],
        ["2", "island", "e"],
        ["3", "trap", "trap"],
      ],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_NODE_UNREACHABLE", pointer: "/nodes/2", nodeId: "island" },
      { code: "FLOW_NODE_UNREACHABLE", pointer: "/nodes/3", nodeId: "trap" },
      { code: "FLOW_END_UNREACHABLE", pointer: "/nodes/3", nodeId: "trap" },
    ]);
  });
});

describe("validateFlow: condition nodes", () => {
  const nodes: NodeSpec[] = [
    ["s", "start"],
    ["c", "condition", { order: ["b", "zz"] }],
    ["e", "end", { outcome: "x" }],
    ["t", "task", user],
  ];
  const rule = { "==": [1, 1] };

  it("needs a condition on every edge but exactly one default, which has none", () => {
    const result = check(nodes, [
      ["1", "s", "c"],
      ["a", "c", "e"],
      ["b", "c", "t", { condition: rule, default: true }],
      ["d", "c", "e", { default: true }],
      ["2", "t", "e", { condition: rule }],
    ]);
    expect(issuesOf(result)).toEqual([
      {
        code: "FLOW_EDGE_CONDITION_MISPLACED",
        pointer: "/edges/4/condition",
        nodeId: "t",
        edgeId: "2",
      },
      { code: "FLOW_CONDITION_MISSING", pointer: "/edges/1", nodeId: "c" },
      { code: "FLOW_DEFAULT_EDGE_HAS_CONDITION", pointer: "/edges/2/condition", nodeId: "c" },
      { code: "FLOW_DEFAULT_EDGE_MULTIPLE", pointer: "/edges/3/default", nodeId: "c" },
      {
        code: "FLOW_CONDITION_ORDER_UNKNOWN_EDGE",
        pointer: "/nodes/1/config/order/1",
        nodeId: "c",
      },
    ]);
  });

  it("needs a default edge", () => {
    const result = check(nodes.slice(0, 3), [
      ["1", "s", "c"],
      ["b", "c", "e", { condition: rule }],
    ]);
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_DEFAULT_EDGE_MISSING", pointer: "/nodes/1", nodeId: "c" },
      {
        code: "FLOW_CONDITION_ORDER_UNKNOWN_EDGE",
        pointer: "/nodes/1/config/order/1",
        nodeId: "c",
      },
    ]);
  });
});
