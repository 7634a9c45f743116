import { describe, expect, it } from "vitest";
import type { Issue, Validation } from "../errors/kam-error.ts";
import { accountProfile } from "../forms/account-profile.fixture.ts";
import allNodeTypes from "./fixtures/all-node-types.flow.json" with { type: "json" };
import { type EdgeSpec, fiveNodeFlow, flowDocument, type NodeSpec } from "./fixtures/build.ts";
import { withValue } from "./fixtures/edit.ts";
import strategicTicket from "./fixtures/strategic-ticket.flow.json" with { type: "json" };
import { validateFlow } from "./validate-flow.ts";

type Located = Pick<Issue, "code" | "pointer" | "nodeId"> & { edgeId?: unknown };

function issuesOf(result: Validation<unknown>): Located[] {
  if (result.ok) throw new Error("expected the flow to be invalid");
  return result.issues.map(({ code, pointer, nodeId, params }) => ({
    code,
    pointer,
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(params?.edgeId === undefined ? {} : { edgeId: params.edgeId }),
  }));
}

const check = (nodes: NodeSpec[], edges: EdgeSpec[], extra = {}, context = {}) =>
  validateFlow(flowDocument(nodes, edges, extra), context);

const user = { assignees: [{ kind: "user", userId: "u1" }] };
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

describe("validateFlow: rules and fields against the record schema", () => {
  const nodes: NodeSpec[] = [
    ["s", "start"],
    ["c", "condition"],
    ["set", "action", { operations: [{ kind: "set-fields", fields: { margin: 10, marginn: 1 } }] }],
    ["t", "task", { ...user, form: "visit", fields: { nosuch: "editable" } }],
    ["e", "end", { outcome: "x" }],
  ];
  const edges: EdgeSpec[] = [
    ["1", "s", "c"],
    ["2", "c", "set", { condition: { ">": [{ var: "record.anualPurchase" }, 1] } }],
    ["3", "c", "t", { default: true }],
    ["4", "set", "e"],
    ["5", "t", "e"],
  ];

  it("rejects unknown record fields, variables and forms with pointers and node ids", () => {
    const result = check(nodes, edges, { form: "account-profile" }, { forms: [accountProfile] });
    expect(issuesOf(result)).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/edges/1/condition/>/0/var" },
      {
        code: "FLOW_FIELD_UNKNOWN",
        pointer: "/nodes/2/config/operations/0/fields/marginn",
        nodeId: "set",
      },
      { code: "FLOW_FORM_UNKNOWN", pointer: "/nodes/3/config/form", nodeId: "t" },
    ]);
  });

  it("checks declared variables even without a record schema", () => {
    const doc = withValue(strategicTicket, "/edges/1/condition", {
      "==": [{ var: "variables.decison" }, "x"],
    });
    expect(issuesOf(validateFlow(doc))).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/edges/1/condition/==/0/var" },
    ]);
  });

  it("leaves a webhook's response rules to the response", () => {
    const doc = withValue(allNodeTypes, "/nodes/3/config/response/successWhen", {
      "==": [{ var: "body.ok" }, true],
    });
    expect(validateFlow(doc, { dataSchema: { type: "object", properties: {} } }).ok).toBe(false);
    const result = validateFlow(doc, { dataSchema: { type: "object", properties: {} } });
    const pointers = result.ok ? [] : result.issues.map((i) => i.pointer);
    expect(pointers.some((p) => p.startsWith("/nodes/3/config/response"))).toBe(false);
  });
});
