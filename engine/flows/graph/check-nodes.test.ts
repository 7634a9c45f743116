import { describe, expect, it } from "vitest";
import type { EdgeSpec, NodeSpec } from "../fixtures/build.ts";
import { withValue } from "../fixtures/edit.ts";
import { check, issuesOf } from "../fixtures/graph-cases.ts";
import strategicTicket from "../fixtures/strategic-ticket.flow.json" with { type: "json" };
import { validateFlow } from "../validate-flow.ts";

describe("validateFlow: loops, returns, references", () => {
  it("rejects a loop with no wait state on it", () => {
    const result = check(
      [
        ["s", "start"],
        [
          "bump",
          "action",
          {
            operations: [
              { kind: "set-variables", variables: { n: { "+": [{ var: "variables.n" }, 1] } } },
            ],
          },
        ],
        ["again", "condition"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "bump"],
        ["2", "bump", "again"],
        ["3", "again", "bump", { condition: { "<": [{ var: "variables.n" }, 10] } }],
        ["4", "again", "e", { default: true }],
      ],
      { variables: { n: { type: "integer", default: 0 } } },
    );
    expect(issuesOf(result)).toEqual([
      { code: "FLOW_CYCLE_WITHOUT_WAIT", pointer: "/nodes/1", nodeId: "bump" },
    ]);
    if (!result.ok) expect(result.issues[0]?.params).toEqual({ nodes: ["bump", "again"] });
  });

  it("checks that return targets exist and come earlier", () => {
    const doc = withValue(strategicTicket, "/nodes/2/config/actions/return/targets", [
      "done",
      "nope",
      "start",
    ]);
    expect(issuesOf(validateFlow(doc))).toEqual([
      {
        code: "FLOW_RETURN_TARGET_NOT_EARLIER",
        pointer: "/nodes/2/config/actions/return/targets/0",
        nodeId: "manager-approval",
      },
      {
        code: "FLOW_RETURN_TARGET_UNKNOWN",
        pointer: "/nodes/2/config/actions/return/targets/1",
        nodeId: "manager-approval",
      },
    ]);
  });

  it("checks subflow targets and outcome handles against the flows given", () => {
    const child = { key: "child", nodes: [{ id: "e", type: "end", config: { outcome: "ok" } }] };
    const nodes: NodeSpec[] = [
      ["s", "start"],
      ["sub", "subflow", { flow: "child" }],
      ["e", "end", { outcome: "x" }],
    ];
    const edges: EdgeSpec[] = [
      ["1", "s", "sub"],
      ["2", "sub", "e", { sourceHandle: "ok" }],
      ["3", "sub", "e", { sourceHandle: "failed" }],
    ];
    expect(issuesOf(check(nodes, edges, {}, { flows: [child] }))).toEqual([
      { code: "FLOW_SUBFLOW_OUTCOME_UNKNOWN", pointer: "/edges/2/sourceHandle", nodeId: "sub" },
    ]);
    // Every outcome has its edge: no `out` edge is needed.
    expect(check(nodes, edges.slice(0, 2), {}, { flows: [child] }).ok).toBe(true);
    expect(issuesOf(check(nodes, edges.slice(0, 2), {}, { flows: [] }))).toEqual([
      { code: "FLOW_SUBFLOW_UNKNOWN", pointer: "/nodes/1/config/flow", nodeId: "sub" },
      { code: "FLOW_PORT_UNCONNECTED", pointer: "/nodes/1", nodeId: "sub" },
    ]);
  });
});
