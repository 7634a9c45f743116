import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { harness } from "../../fixtures/harness.ts";
import { configIssues } from "../../fixtures/node-cases.ts";
import type { conditionNode } from "./index.ts";

const tiers = (order?: string[]) =>
  buildFlow(
    [
      ["s", "start"],
      ["c", "condition", order ? { order } : {}],
      ["key", "end", { outcome: "key" }],
      ["growth", "end", { outcome: "growth" }],
      ["regular", "end", { outcome: "regular" }],
    ],
    [
      ["1", "s", "c"],
      ["to-regular", "c", "regular", { default: true }],
      ["to-growth", "c", "growth", { condition: { ">=": [{ var: "record.annual" }, 300000] } }],
      ["to-key", "c", "key", { condition: { ">": [{ var: "record.annual" }, 1000000] } }],
    ],
  );

const outcomeFor = (annual: number | null, order?: string[]) => {
  const h = harness(tiers(order), { record: { id: "r", data: { annual } } });
  h.send({ type: "start" });
  return { outcome: h.state.outcome, branch: h.history.find((e) => e.type === "branch.chosen") };
};

describe("condition node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof conditionNode.enter>[0]>().toEqualTypeOf<
      NodeConfig<"condition">
    >();
  });

  it("rejects a malformed evaluation order", () => {
    expect(configIssues("condition", { order: ["a", "a"] })).toEqual([
      { code: "SHAPE_DUPLICATE_ITEMS", pointer: "/nodes/1/config/order/0" },
    ]);
  });

  it("tries conditions in edge order, first that holds wins, default last", () => {
    // Edge order: growth before key, so 2M takes growth.
    expect(outcomeFor(2_000_000).outcome).toBe("growth");
    expect(outcomeFor(100).outcome).toBe("regular");
  });

  it("tries conditions in the configured order first", () => {
    const { outcome, branch } = outcomeFor(2_000_000, ["to-key"]);
    expect(outcome).toBe("key");
    expect(branch).toMatchObject({
      edgeId: "to-key",
      pointer: "/edges/3/condition",
      tried: [{ edgeId: "to-key", result: true }],
      values: { "record.annual": 2_000_000 },
    });
  });

  it("records every condition tried and the values read when the default is taken", () => {
    expect(outcomeFor(null).branch).toMatchObject({
      edgeId: "to-regular",
      default: true,
      tried: [
        { edgeId: "to-growth", result: false },
        { edgeId: "to-key", result: false },
      ],
      values: { "record.annual": null },
    });
  });
});
