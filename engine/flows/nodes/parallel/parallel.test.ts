import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { harness } from "../../fixtures/harness.ts";
import { configIssues } from "../../fixtures/node-cases.ts";
import type { parallelNode } from "./index.ts";

const user = (id: string) => ({ assignees: [{ kind: "user", userId: id }] });

describe("parallel node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof parallelNode.enter>[0]>().toEqualTypeOf<
      NodeConfig<"parallel">
    >();
  });

  it("takes no config", () => {
    expect(configIssues("parallel", { branches: 2 })).toEqual([
      { code: "SHAPE_PROPERTY_UNKNOWN", pointer: "/nodes/1/config/branches" },
    ]);
  });

  it("starts one path per outgoing edge, each carrying the fork", () => {
    const flow = buildFlow(
      [
        ["s", "start"],
        ["p", "parallel"],
        ["a", "task", user("ua")],
        ["b", "task", user("ub")],
        ["j", "join"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "p"],
        ["2", "p", "a"],
        ["3", "p", "b"],
        ["4", "a", "j"],
        ["5", "b", "j"],
        ["6", "j", "e"],
      ],
    );
    const h = harness(flow);
    h.send({ type: "start" });
    expect(
      h.state.tokens.map((t) => [t.nodeId, t.scope.map((f) => [f.nodeId, f.branch, f.width])]),
    ).toEqual([
      ["a", [["p", 0, 2]]],
      ["b", [["p", 1, 2]]],
    ]);
    expect(h.history.find((e) => e.type === "fork")).toMatchObject({
      nodeId: "p",
      edges: ["2", "3"],
    });
    expect(h.effects("task.create").map((t) => t.assignees)).toEqual([["ua"], ["ub"]]);
  });
});
