import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { createRuleEngine } from "../../../rules/index.ts";
import { harness } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { actionNode } from "./index.ts";

const record = { id: "c1", data: { amount: 500, stage: "signed", contact: { email: "a@b.cn" } } };
const variables = { visitId: { type: "record" }, label: { type: "string" } };

describe("action node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof actionNode.enter>[0]>().toEqualTypeOf<NodeConfig<"action">>();
  });

  it("rejects an empty operation list and an unknown operation kind", () => {
    expect(configIssues("action", { operations: [] })).toEqual([
      { code: "SHAPE_TOO_FEW", pointer: "/nodes/1/config/operations" },
    ]);
    expect(configIssues("action", { operations: [{ kind: "delete-record" }] })).toEqual([
      { code: "SHAPE_VARIANT_UNKNOWN", pointer: "/nodes/1/config/operations/0/kind" },
    ]);
  });

  it("runs operations in order, each seeing the ones before, and leaves by out", () => {
    const operations = [
      { kind: "set-fields", fields: { stage: "handed-over", "contact.name": "Li" } },
      {
        kind: "set-variables",
        variables: {
          label: { cat: [{ var: "record.stage" }, "/", { var: "record.contact.name" }] },
        },
      },
      {
        kind: "create-record",
        form: "visit",
        fields: { purpose: { var: "variables.label" } },
        link: "contract",
        saveIdAs: "visitId",
      },
      { kind: "recompute-tier", model: "health", when: { ">": [{ var: "record.amount" }, 100] } },
      { kind: "recompute-tier", model: "value", when: { ">": [{ var: "record.amount" }, 1000] } },
    ];
    const h = harness(
      around(["a", "action", { operations }], undefined, { extra: { variables } }),
      { record },
    );
    h.send({ type: "start" });
    expect(h.effects("record.update")).toMatchObject([
      { recordId: "c1", patch: { stage: "handed-over", "contact.name": "Li" } },
    ]);
    expect(h.record?.data).toEqual({
      amount: 500,
      stage: "handed-over",
      contact: { email: "a@b.cn", name: "Li" },
    });
    const [created] = h.effects("record.create");
    expect(created).toMatchObject({
      form: "visit",
      data: { purpose: "handed-over/Li", contract: "c1" },
    });
    expect(h.state.variables).toEqual({ label: "handed-over/Li", visitId: created!.recordId });
    expect(h.effects("tier.recompute")).toMatchObject([{ recordId: "c1", model: "health" }]);
    expect(h.state.status).toBe("completed");
  });

  it("stops as an incident when it must change a record the instance does not have", () => {
    const h = harness(
      around(["a", "action", { operations: [{ kind: "set-fields", fields: { x: 1 } }] }]),
    );
    h.send({ type: "start" });
    expect(h.state.incident).toMatchObject({
      code: "FLOW_NO_RECORD",
      pointer: "/nodes/1/config/operations/0",
    });
  });

  it("stops as an incident, located at the rule, when a rule fails at run time", () => {
    const loop = { reduce: [{ var: "record.items" }, { "+": [{ var: "accumulator" }, 1] }, 0] };
    const rules = createRuleEngine({ limits: { maxSteps: 100 } });
    const h = harness(
      around(["a", "action", { operations: [{ kind: "set-fields", fields: { n: loop } }] }]),
      {
        record: { id: "r", data: { items: Array.from({ length: 1000 }, (_, i) => i) } },
        ports: { rules },
      },
    );
    h.send({ type: "start" });
    expect(h.state.incident).toMatchObject({ code: "RULE_BUDGET_EXCEEDED", nodeId: "a" });
    expect(h.state.incident?.pointer.startsWith("/nodes/1/config/operations/0/fields/n")).toBe(
      true,
    );
  });
});
