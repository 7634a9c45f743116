/**
 * Edge conditions between JSON Logic and the query builder: a rule the builder can write back
 * exactly opens in it (a single comparison is not wrapped in a group when written), any other
 * stays JSON; the fields are the form's under `record.`, the variables, and the rule's own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conditionFields, toQuery, toRule, varsOf } from "./condition-logic.ts";

const TEMPLATES = join(import.meta.dirname, "../../../../templates");

function packConditions(): unknown[] {
  const out: unknown[] = [];
  for (const pack of readdirSync(TEMPLATES)) {
    let files: string[] = [];
    try {
      files = readdirSync(join(TEMPLATES, pack, "flows"));
    } catch {
      continue;
    }
    for (const f of files) {
      const flow = JSON.parse(readFileSync(join(TEMPLATES, pack, "flows", f), "utf8")) as {
        edges: { condition?: unknown }[];
      };
      for (const e of flow.edges) if (e.condition !== undefined) out.push(e.condition);
    }
  }
  return out;
}

describe("conditions", () => {
  it("round-trip a comparison and a group through the builder", () => {
    const single = { "==": [{ var: "record.status" }, "open"] };
    expect(toQuery(single).representable).toBe(true);
    expect(toRule(toQuery(single).query)).toEqual(single);
    const group = {
      and: [
        { ">": [{ var: "record.amount" }, 1000] },
        { "!=": [{ var: "record.rep" }, { var: "variables.claimant" }] },
      ],
    };
    expect(toRule(toQuery(group).query)).toEqual(group);
    expect(toQuery(undefined)).toMatchObject({ representable: true, query: { rules: [] } });
    expect(toRule(toQuery(undefined).query)).toBeUndefined();
  });

  it("keep what the builder cannot write as JSON, and the packs' rules either way unchanged", () => {
    expect(
      toQuery({ ">=": [{ days_since: { var: "record.lastFollowUpDate" } }, 30] }).representable,
    ).toBe(false);
    const rules = packConditions();
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      const { query, representable } = toQuery(rule);
      if (representable) expect(toRule(query)).toEqual(rule);
    }
    expect(rules.some((r) => toQuery(r).representable)).toBe(true);
  });

  it("offer the form's fields, the variables and the paths the rule reads", () => {
    const rule = { "==": [{ var: "tiers.value-tier" }, "A"] };
    expect([...varsOf(rule)]).toEqual(["tiers.value-tier"]);
    const fields = conditionFields(
      [
        {
          path: "status",
          label: "Status",
          type: "string",
          options: [{ value: "open", label: "Open" }],
        },
        { path: "amount", label: "Amount", type: "number" },
      ],
      [{ name: "claimant", type: "user", label: "Claimant" }],
      rule,
      { record: "Record", variable: "Variable" },
    );
    expect(fields.map((f) => f.name)).toEqual([
      "record.status",
      "record.amount",
      "variables.claimant",
      "tiers.value-tier",
    ]);
    expect(fields[0]).toMatchObject({ valueEditorType: "select" });
    expect(fields[1]).toMatchObject({ inputType: "number" });
  });
});
