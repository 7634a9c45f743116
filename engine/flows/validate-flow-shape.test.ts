import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeTypes } from "../../schemas/index.ts";
import type { Issue, Validation } from "../errors/kam-error.ts";
import allNodeTypes from "./fixtures/all-node-types.flow.json" with { type: "json" };
import { without, withValue } from "./fixtures/edit.ts";
import strategicTicket from "./fixtures/strategic-ticket.flow.json" with { type: "json" };
import { validateFlowShape } from "./validate-flow-shape.ts";

/** The issues of a result that must have failed, as `code pointer nodeId` triples. */
function issuesOf(result: Validation<unknown>): Array<Pick<Issue, "code" | "pointer" | "nodeId">> {
  if (result.ok) throw new Error("expected the document to be invalid");
  return result.issues.map(({ code, pointer, nodeId }) =>
    nodeId === undefined ? { code, pointer } : { code, pointer, nodeId },
  );
}

describe("validateFlowShape", () => {
  it("refuses node and edge lists over their limits before the schema walks them", () => {
    // 40,000 bad nodes fit in a 1 MiB request; Ajv's allErrors copies its error list per failing
    // node, so walking them took minutes of one core. Over the limit, the list is the one issue.
    const nodes = Array.from({ length: 40_000 }, (_, i) => ({ id: `n${i}`, type: "end" }));
    const edges = Array.from({ length: 40_000 }, (_, i) => ({ id: `e${i}` }));
    expect(issuesOf(validateFlowShape({ ...strategicTicket, nodes, edges }))).toEqual([
      { code: "SHAPE_TOO_MANY", pointer: "/nodes" },
      { code: "SHAPE_TOO_MANY", pointer: "/edges" },
    ]);
    // At the limit, the schema still reports every node's own problems.
    const atLimit = validateFlowShape({ ...strategicTicket, nodes: nodes.slice(0, 500) });
    expect(issuesOf(atLimit).some((i) => i.pointer.startsWith("/nodes/"))).toBe(true);
  });

  it("accepts the strategic ticket escalation flow and applies schema defaults", () => {
    const result = validateFlowShape(strategicTicket);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const approval = result.value.nodes.find((n) => n.type === "approval");
    expect(approval?.type === "approval" && approval.config).toMatchObject({
      mode: "any",
      selfApproval: "forbid",
      emptyApprovers: "route-to-admin",
    });
    // Defaults go on a copy: the caller's document is left as it was.
    expect(strategicTicket.nodes[2]?.config).not.toHaveProperty("selfApproval");
  });

  it("accepts a flow with every node type", () => {
    const result = validateFlowShape(allNodeTypes);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(new Set(allNodeTypes.nodes.map((n) => n.type))).toEqual(new Set(nodeTypes));
  });

  it("reports an unknown node type at the node's type, with its id", () => {
    const doc = withValue(strategicTicket, "/nodes/1/type", "timer");
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      { code: "FLOW_NODE_TYPE_UNKNOWN", pointer: "/nodes/1/type", nodeId: "tier-check" },
    ]);
  });

  it("reports a bad approver spec inside the approval's config", () => {
    const doc = withValue(strategicTicket, "/nodes/2/config/approvers/0/level", 0);
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      {
        code: "SHAPE_OUT_OF_RANGE",
        pointer: "/nodes/2/config/approvers/0/level",
        nodeId: "manager-approval",
      },
    ]);
  });

  it("reports an unknown approver kind at its kind", () => {
    const doc = withValue(strategicTicket, "/nodes/2/config/approvers/0", { kind: "boss" });
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      {
        code: "SHAPE_VARIANT_UNKNOWN",
        pointer: "/nodes/2/config/approvers/0/kind",
        nodeId: "manager-approval",
      },
    ]);
  });

  it("rejects a webhook URL that is not http(s)", () => {
    const doc = withValue(allNodeTypes, "/nodes/3/config/url", "javascript:alert(1)");
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      { code: "SHAPE_URL_INVALID", pointer: "/nodes/3/config/url", nodeId: "erp-sync" },
    ]);
  });

  it("rejects a malformed SLA duration without noise from the rule alternative", () => {
    const doc = withValue(strategicTicket, "/nodes/2/config/sla/levels/1/after", "15 minutes");
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      {
        code: "SHAPE_DURATION_INVALID",
        pointer: "/nodes/2/config/sla/levels/1/after",
        nodeId: "manager-approval",
      },
    ]);
  });

  it("compiles a rule given in place of a duration, with its pointer", () => {
    const doc = withValue(strategicTicket, "/nodes/2/config/sla/levels/1/after", {
      rule: { if: [{ tier_of: [] }, "PT15M", "PT1H"] },
    });
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      {
        code: "RULE_UNKNOWN_OPERATOR",
        pointer: "/nodes/2/config/sla/levels/1/after/rule/if/0/tier_of",
        nodeId: "manager-approval",
      },
    ]);
  });

  it("reports an edge condition with an unknown operator", () => {
    const doc = withValue(strategicTicket, "/edges/1/condition", {
      is_strategic: [{ var: "record.accountTier" }],
    });
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      { code: "RULE_UNKNOWN_OPERATOR", pointer: "/edges/1/condition/is_strategic" },
    ]);
  });

  it("compiles rules inside node configs and names the node", () => {
    const doc = withValue(strategicTicket, "/nodes/3/config/params/ticket", {
      var: "record.__proto__.polluted",
    });
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      {
        code: "RULE_FORBIDDEN_PATH",
        pointer: "/nodes/3/config/params/ticket/var",
        nodeId: "notify-owner",
      },
    ]);
  });

  it("reports a label missing a locale at that locale", () => {
    const doc = withValue(strategicTicket, "/nodes/0/label", { "zh-CN": "开始" });
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      { code: "SHAPE_I18N_LOCALE_MISSING", pointer: "/nodes/0/label/en", nodeId: "start" },
    ]);
  });

  it("reports missing and unknown node properties", () => {
    const doc = withValue(without(strategicTicket, "/nodes/1/config"), "/nodes/0/selected", true);
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      { code: "SHAPE_PROPERTY_UNKNOWN", pointer: "/nodes/0/selected", nodeId: "start" },
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/nodes/1/config", nodeId: "tier-check" },
    ]);
  });

  it("rejects prototype-polluting field names in permissions", () => {
    const fields = JSON.parse('{"__proto__": "hidden", "owner.constructor": "editable"}');
    const doc = withValue(strategicTicket, "/nodes/2/config/fields", fields);
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      {
        code: "SHAPE_PROPERTY_NAME_INVALID",
        pointer: "/nodes/2/config/fields/__proto__",
        nodeId: "manager-approval",
      },
      {
        code: "SHAPE_PROPERTY_NAME_INVALID",
        pointer: "/nodes/2/config/fields/owner.constructor",
        nodeId: "manager-approval",
      },
    ]);
  });

  it("gives readable codes to ids, keys and cron expressions", () => {
    let doc = withValue(strategicTicket, "/nodes/0/id", "1st");
    doc = withValue(doc, "/form", "Service Ticket");
    doc = withValue(doc, "/trigger", { type: "schedule", cron: "every morning" });
    expect(issuesOf(validateFlowShape(doc))).toEqual([
      { code: "SHAPE_KEY_INVALID", pointer: "/form" },
      { code: "FLOW_CRON_INVALID", pointer: "/trigger/cron" },
      { code: "FLOW_NODE_ID_INVALID", pointer: "/nodes/0/id", nodeId: "1st" },
    ]);
  });

  it("reports a value of no accepted type once, listing the types", () => {
    const doc = withValue(allNodeTypes, "/nodes/5/config/waitFor", true);
    expect(validateFlowShape(doc)).toMatchObject({
      ok: false,
      issues: [
        {
          code: "SHAPE_TYPE_MISMATCH",
          pointer: "/nodes/5/config/waitFor",
          params: { expected: ["integer", "string"] },
        },
      ],
    });
  });

  it("never throws, whatever it is given", () => {
    expect(issuesOf(validateFlowShape(42))).toEqual([{ code: "SHAPE_TYPE_MISMATCH", pointer: "" }]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(issuesOf(validateFlowShape(cyclic))).toEqual([{ code: "SHAPE_NOT_JSON", pointer: "" }]);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        validateFlowShape(value);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on damaged copies of a valid flow", () => {
    const pointers = ["/nodes/2/config", "/nodes/2", "/edges/1", "/trigger", "/nodes/3/config/to"];
    fc.assert(
      fc.property(fc.constantFrom(...pointers), fc.jsonValue(), (pointer, value) => {
        const result = validateFlowShape(withValue(strategicTicket, pointer, value));
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
