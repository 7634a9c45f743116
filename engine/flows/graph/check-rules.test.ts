import { describe, expect, it } from "vitest";
import { accountProfile } from "../../forms/account-profile.fixture.ts";
import allNodeTypes from "../fixtures/all-node-types.flow.json" with { type: "json" };
import type { EdgeSpec, NodeSpec } from "../fixtures/build.ts";
import { withValue } from "../fixtures/edit.ts";
import { check, issuesOf, user } from "../fixtures/graph-cases.ts";
import strategicTicket from "../fixtures/strategic-ticket.flow.json" with { type: "json" };
import { validateFlow } from "../validate-flow.ts";

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
