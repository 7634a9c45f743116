import { describe, expect, it } from "vitest";
import type { EdgeSpec, NodeSpec } from "../fixtures/build.ts";
import { check, issuesOf, user } from "../fixtures/graph-cases.ts";

describe("validateFlow: parallel and join", () => {
  const base: NodeSpec[] = [
    ["s", "start"],
    ["p", "parallel"],
    ["a", "task", user],
    ["b", "task", user],
    ["j", "join"],
    ["e", "end", { outcome: "x" }],
  ];
  const edges: EdgeSpec[] = [
    ["1", "s", "p"],
    ["2", "p", "a"],
    ["3", "p", "b"],
    ["4", "a", "j"],
    ["5", "b", "j"],
    ["6", "j", "e"],
  ];

  it("rejects branches that meet at different joins", () => {
    const result = check(
      [...base, ["j2", "join"]],
      [...edges.filter(([id]) => id !== "5"), ["5", "b", "j2"], ["7", "j2", "e"]],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_FORK_UNMATCHED", pointer: "/nodes/1", nodeId: "p" },
      { code: "FLOW_JOIN_UNMATCHED", pointer: "/nodes/4", nodeId: "j" },
      { code: "FLOW_JOIN_UNMATCHED", pointer: "/nodes/6", nodeId: "j2" },
    ]);
  });

  it("rejects a join that closes no fork", () => {
    const result = check(
      [
        ["s", "start"],
        ["j", "join"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "j"],
        ["2", "j", "e"],
      ],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_JOIN_UNMATCHED", pointer: "/nodes/1", nodeId: "j" },
    ]);
  });

  it("rejects edges entering a branch or the join from outside the fork", () => {
    const result = check(
      [...base, ["c", "condition"]],
      [
        ["1", "s", "c"],
        ["c1", "c", "p", { default: true }],
        ["c2", "c", "b", { condition: { var: "record.x" } }],
        ...edges.slice(1),
      ],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_BRANCH_ENTERED_FROM_OUTSIDE", pointer: "/edges/2", nodeId: "c", edgeId: "c2" },
    ]);
  });

  it("rejects a branch that ends without terminating while the join waits", () => {
    const result = check(
      [...base, ["c", "condition"], ["quit", "end", { outcome: "q", terminate: false }]],
      [
        ...edges.filter(([id]) => id !== "4"),
        ["4", "a", "c"],
        ["c1", "c", "j", { default: true }],
        ["c2", "c", "quit", { condition: { var: "record.x" } }],
      ],
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_BRANCH_ESCAPES_JOIN", pointer: "/nodes/7", nodeId: "quit" },
    ]);
  });

  it("rejects a join waiting for more branches than its fork starts", () => {
    const nodes = base.map((n): NodeSpec => (n[0] === "j" ? ["j", "join", { waitFor: 3 }] : n));
    expect(issuesOf(check(nodes, edges))).toEqual([
      { code: "FLOW_JOIN_COUNT_TOO_HIGH", pointer: "/nodes/4/config/waitFor", nodeId: "j" },
    ]);
  });
});
