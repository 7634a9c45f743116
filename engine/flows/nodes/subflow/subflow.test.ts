import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { manualClock } from "../../../ports.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { harness, T0 } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import { simulate } from "../../simulate.ts";
import { staticDirectory } from "../../static-directory.ts";
import type { subflowNode } from "./index.ts";

const extra = { variables: { verdict: { type: "string" } } };
const config = {
  flow: "value-check",
  input: { amount: { var: "record.amount" } },
  output: { verdict: { cat: [{ var: "outcome" }, ":", { var: "variables.note" }] } },
};
const child = buildFlow(
  [
    ["s", "start"],
    ["c", "condition"],
    ["ok", "end", { outcome: "verified" }],
    ["ko", "end", { outcome: "failed" }],
  ],
  [
    ["1", "s", "c"],
    ["2", "c", "ok", { condition: { ">": [{ var: "variables.amount" }, 100] } }],
    ["3", "c", "ko", { default: true }],
  ],
  {
    key: "value-check",
    variables: {
      amount: { type: "number", input: true },
      note: { type: "string", default: "auto" },
    },
  },
);

describe("subflow node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof subflowNode.enter>[0]>().toEqualTypeOf<NodeConfig<"subflow">>();
  });

  it("requires the flow key", () => {
    expect(configIssues("subflow", { record: "account" })).toEqual([
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/nodes/1/config/flow" },
    ]);
  });

  it("starts the child with its input and leaves by the edge named after its outcome", () => {
    const flow = around(
      ["sub", "subflow", config],
      [
        ["verified", "good"],
        [undefined, "other"],
      ],
      { extra },
    );
    const h = harness(flow, { record: { id: "r1", data: { amount: 500 } } });
    h.send({ type: "start" });
    const [start] = h.effects("subflow.start");
    expect(start).toMatchObject({
      flow: "value-check",
      recordId: "r1",
      input: { amount: 500 },
      waitForCompletion: true,
    });
    h.send({
      type: "subflow.completed",
      childId: start!.childId,
      outcome: "verified",
      variables: { note: "fine" },
    });
    expect(h.state).toMatchObject({
      status: "completed",
      outcome: "good",
      variables: { verdict: "verified:fine" },
    });
  });

  it("leaves by out for an outcome without an edge of its own, and runs end to end in simulate", () => {
    const flow = around(
      ["sub", "subflow", config],
      [
        ["verified", "good"],
        [undefined, "other"],
      ],
      { extra },
    );
    const result = simulate(flow, {
      clock: manualClock(T0),
      directory: staticDirectory(),
      record: { id: "r1", data: { amount: 50 } },
      flows: { "value-check": child },
    });
    expect(result.state).toMatchObject({ outcome: "other", variables: { verdict: "failed:auto" } });
    expect(Object.values(result.children).map((c) => c.state.outcome)).toEqual(["failed"]);
  });

  it("fire and forget: continues at once; cancelling a waiting parent cancels the child", () => {
    const h = harness(
      around(["sub", "subflow", { flow: "value-check", waitForCompletion: false }]),
    );
    h.send({ type: "start" });
    expect(h.state.status).toBe("completed");
    const waiting = harness(around(["sub", "subflow", { flow: "value-check" }]));
    waiting.send({ type: "start" });
    const [start] = waiting.effects("subflow.start");
    waiting.send({ type: "cancel", reason: "withdrawn" });
    expect(waiting.effects("subflow.cancel")).toMatchObject([{ childId: start!.childId }]);
    expect(waiting.state).toMatchObject({ status: "cancelled", outcome: "cancelled" });
  });
});
