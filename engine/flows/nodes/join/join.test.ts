import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { harness } from "../../fixtures/harness.ts";
import { configIssues } from "../../fixtures/node-cases.ts";
import type { joinNode } from "./index.ts";

const user = (id: string) => ({ assignees: [{ kind: "user", userId: id }] });

/** Three reviews in parallel, joined by `join`, then one more task. */
function reviews(join: Record<string, unknown>) {
  const flow = buildFlow(
    [
      ["s", "start"],
      ["p", "parallel"],
      ["legal", "task", user("l")],
      ["finance", "task", user("f")],
      ["tech", "task", user("t")],
      ["j", "join", join],
      ["after", "task", user("kam")],
      ["e", "end", { outcome: "done" }],
    ],
    [
      ["1", "s", "p"],
      ["2", "p", "legal"],
      ["3", "p", "finance"],
      ["4", "p", "tech"],
      ["5", "legal", "j"],
      ["6", "finance", "j"],
      ["7", "tech", "j"],
      ["8", "j", "after"],
      ["9", "after", "e"],
    ],
  );
  const h = harness(flow);
  h.send({ type: "start" });
  const tasks = new Map(h.effects("task.create").map((t) => [t.nodeId, t.taskId]));
  const complete = (node: string) =>
    h.send({
      type: "task.completed",
      taskId: tasks.get(node) ?? "",
      outcome: "complete",
      actor: "x",
    });
  const at = () => h.state.tokens.map((t) => t.nodeId).sort();
  return { h, complete, at };
}

describe("join node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof joinNode.enter>[0]>().toEqualTypeOf<NodeConfig<"join">>();
  });

  it("accepts all, any or a count of at least 1", () => {
    expect(configIssues("join", { waitFor: 0 })).toEqual([
      { code: "SHAPE_OUT_OF_RANGE", pointer: "/nodes/1/config/waitFor" },
    ]);
    expect(configIssues("join", { waitFor: "most" })).toEqual([
      { code: "SHAPE_VALUE_NOT_ALLOWED", pointer: "/nodes/1/config/waitFor" },
    ]);
  });

  it("all: continues once, after every branch arrived", () => {
    const { h, complete, at } = reviews({ waitFor: "all" });
    complete("legal");
    complete("tech");
    expect(at()).toEqual(["finance"]);
    expect(Object.values(h.state.joins)).toEqual([{ arrived: [0, 2], released: false }]);
    complete("finance");
    expect(at()).toEqual(["after"]);
    expect(h.state.tokens[0]?.scope).toEqual([]);
    expect(h.state.joins).toEqual({});
    expect(h.last?.history.find((e) => e.type === "join.released")).toMatchObject({
      arrived: 3,
      needed: 3,
      width: 3,
    });
  });

  it("any: continues with the first branch and cancels the others", () => {
    const { h, complete, at } = reviews({ waitFor: "any" });
    complete("finance");
    expect(at()).toEqual(["after"]);
    expect(
      h
        .effects("task.cancel")
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(["legal", "tech"]);
    expect(h.state.joins).toEqual({});
  });

  it("N: continues after N branches; without cancelRemaining the rest run on and are absorbed", () => {
    const { h, complete, at } = reviews({ waitFor: 2, cancelRemaining: false });
    complete("legal");
    complete("tech");
    expect(at()).toEqual(["after", "finance"]);
    expect(Object.values(h.state.joins)).toEqual([{ arrived: [0, 2], released: true }]);
    complete("finance");
    expect(at()).toEqual(["after"]);
    expect(h.state.joins).toEqual({});
    expect(h.history.filter((e) => e.type === "join.released")).toHaveLength(1);
  });

  it("stops as an incident when a path reaches it outside any fork", () => {
    const flow = buildFlow(
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
    const h = harness(flow);
    h.send({ type: "start" });
    expect(h.state.incident).toMatchObject({
      code: "FLOW_JOIN_WITHOUT_FORK",
      nodeId: "j",
      pointer: "/nodes/1",
    });
  });
});
