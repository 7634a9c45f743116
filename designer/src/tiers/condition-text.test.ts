import { describe, expect, it } from "vitest";
import { formatCondition, parseCondition } from "./condition-text.ts";
import { packTierModels } from "./pack-models.test-support.ts";

describe("condition text", () => {
  it.each([
    ["-", { op: "any" }],
    ["", { op: "any" }],
    ["> 1000000", { op: ">", value: 1000000 }],
    ["<=20.5", { op: "<=", value: 20.5 }],
    ["[10..20]", { op: "range", min: 10, max: 20, includes: "both" }],
    ["(10..20)", { op: "range", min: 10, max: 20, includes: "neither" }],
    ["[300000..1000000)", { op: "range", min: 300000, max: 1000000, includes: "min" }],
    ["(-1.5..]", { op: "range", min: -1.5, includes: "max" }],
    ["[..5)", { op: "range", max: 5, includes: "min" }],
    ['= "gold"', { op: "==", value: "gold" }],
    ["== 3", { op: "==", value: 3 }],
    ["!= null", { op: "!=", value: null }],
    ["gold", { op: "==", value: "gold" }],
    ["true", { op: "==", value: true }],
    ['in ("a", "b, c", 3)', { op: "in", values: ["a", "b, c", 3] }],
    ["not in (1, 2)", { op: "not-in", values: [1, 2] }],
    ["in ()", { op: "in", values: [] }],
    ["in (high, medium)", { op: "in", values: ["high", "medium"] }],
  ])("reads %j", (text, condition) => {
    expect(parseCondition(text)).toEqual({ ok: true, condition });
  });

  it.each([
    ["> abc", "number"],
    ["[a..3]", "number"],
    ["[..]", "edge"],
    ['in ("a)', "syntax"],
    ["= ", "syntax"],
    ["(1, 2)", "syntax"],
  ])("rejects %j", (text, error) => {
    expect(parseCondition(text)).toEqual({ ok: false, error });
  });

  it("writes every condition of the bundled packs so that it reads back the same", () => {
    let seen = 0;
    for (const { model } of packTierModels()) {
      if (model.modelKind !== "decision-table") continue;
      for (const row of model.rows)
        for (const condition of Object.values(row.when)) {
          seen++;
          const parsed = parseCondition(formatCondition(condition));
          const expected = condition.op === "range" ? { includes: "min", ...condition } : condition;
          expect(parsed).toEqual({ ok: true, condition: expected });
        }
    }
    expect(seen).toBeGreaterThan(4);
  });

  it("writes the usual tests as a table reads on paper", () => {
    expect(formatCondition(undefined)).toBe("-");
    expect(formatCondition({ op: "range", min: 10, max: 20 })).toBe("[10..20)");
    expect(formatCondition({ op: "in", values: ["a", 1] })).toBe('in ("a", 1)');
    expect(formatCondition({ op: "not-in", values: [] })).toBe("not in ()");
  });
});
