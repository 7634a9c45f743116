import { describe, expect, it } from "vitest";
import type { Issue } from "../errors/index.ts";
import { accountTierTable, t } from "./fixtures/index.ts";
import { type DecisionTableModel, validateTierModel } from "./index.ts";

/** Warnings (and errors) of a table, as [code, pointer] pairs. */
function findings(model: DecisionTableModel): [string, string][] {
  const result = validateTierModel(model);
  const issues: readonly Issue[] = result.ok ? result.warnings : result.issues;
  return issues.map((i) => [i.code, i.pointer]);
}

function warningsOf(model: DecisionTableModel): readonly Issue[] {
  const result = validateTierModel(model);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.issues)}`);
  return result.warnings;
}

// The fixture's examples would fail once its rows are edited; these tests look at rows only.
const table: DecisionTableModel = { ...accountTierTable, examples: [] };
const [keyRow, growthRow, elseRow] = accountTierTable.rows as [
  DecisionTableModel["rows"][number],
  DecisionTableModel["rows"][number],
  DecisionTableModel["rows"][number],
];

function oneInput(
  hitPolicy: DecisionTableModel["hitPolicy"],
  rows: DecisionTableModel["rows"],
  input: Partial<DecisionTableModel["inputs"][number]> = {},
): DecisionTableModel {
  return {
    kind: "tier-model",
    key: "analysis",
    name: t("分析", "Analysis"),
    form: "account",
    modelKind: "decision-table",
    tiers: [
      { key: "a", label: t("甲", "A") },
      { key: "b", label: t("乙", "B") },
      { key: "c", label: t("丙", "C") },
    ],
    inputs: [{ key: "x", label: t("x", "x"), rule: { var: "x" }, ...input }],
    hitPolicy,
    rows,
  };
}

describe("decision-table analysis", () => {
  it("finds nothing to report in the source material's table", () => {
    expect(warningsOf(accountTierTable)).toEqual([]);
    expect(validateTierModel(accountTierTable).ok).toBe(true);
  });

  it("reports the inputs no row matches when the catch-all row is missing", () => {
    const warnings = warningsOf({ ...table, rows: [keyRow, growthRow], otherwise: undefined });
    expect(warnings.map((w) => [w.code, w.pointer, w.severity])).toEqual([
      ["TIER_NEVER_ASSIGNED", "/tiers/2", "warning"],
      ["TIER_TABLE_GAP", "/rows", "warning"],
    ]);
    expect(warnings[1]!.params?.gaps).toContain("annualPurchase [0, 300000)");
  });

  it("does not report gaps covered by a default output", () => {
    const model = { ...table, rows: [keyRow, growthRow], otherwise: { tier: "regular" } };
    expect(warningsOf(model)).toEqual([]);
  });

  it("reports a row after the catch-all row as shadowed", () => {
    const late = { when: { grossMargin: { op: ">" as const, value: 50 } }, tier: "key" };
    const warnings = warningsOf({ ...table, rows: [keyRow, growthRow, elseRow, late] });
    expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
      ["TIER_TABLE_ROW_SHADOWED", "/rows/3"],
    ]);
    // Every earlier row it intersects is named: the key row and the catch-all.
    expect(warnings[0]!.params).toMatchObject({ row: 4, by: [1, 3] });
  });

  it("reports a first-hit row covered by an earlier, wider row", () => {
    const narrower = {
      when: {
        annualPurchase: { op: ">" as const, value: 2_000_000 },
        grossMargin: { op: ">" as const, value: 30 },
      },
      tier: "key",
    };
    const model = { ...table, rows: [keyRow, narrower, growthRow, elseRow] };
    expect(findings(model)).toEqual([["TIER_TABLE_ROW_SHADOWED", "/rows/1"]]);
  });

  it("reports a row that only several earlier rows together cover", () => {
    const model = oneInput("first", [
      { when: { x: { op: "<", value: 50 } }, tier: "a" },
      { when: { x: { op: ">=", value: 50 } }, tier: "b" },
      { when: { x: { op: "range", min: 10, max: 60 } }, tier: "c" },
    ]);
    const warnings = warningsOf(model);
    expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
      ["TIER_TABLE_ROW_SHADOWED", "/rows/2"],
    ]);
    expect(warnings[0]!.params).toMatchObject({ by: [1, 2] });
  });

  it("reports a priority row that a higher-ranked row covers", () => {
    const model = oneInput("priority", [
      { when: { x: { op: ">", value: 10 } }, tier: "c" },
      { when: { x: { op: ">", value: 5 } }, tier: "a" },
      { when: {}, tier: "b" },
    ]);
    // Rank: a (row 2) > b (row 3) > c (row 1); row 1 lies inside row 2, row 3 covers the rest.
    expect(findings(model)).toEqual([["TIER_TABLE_ROW_SHADOWED", "/rows/0"]]);
  });

  it("reports overlapping rows under unique, with both rows named", () => {
    const model = { ...table, hitPolicy: "unique" as const };
    const warnings = warningsOf(model);
    expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
      ["TIER_TABLE_OVERLAP", "/rows/2"],
      ["TIER_TABLE_OVERLAP", "/rows/2"],
    ]);
    expect(warnings.map((w) => w.params?.other)).toEqual([1, 2]);
  });

  it("reports overlaps under any only when the outputs differ", () => {
    const agreeing = oneInput("any", [
      { when: { x: { op: "<", value: 10 } }, tier: "a" },
      { when: { x: { op: "<", value: 20 } }, tier: "a" },
      { when: { x: { op: ">=", value: 20 } }, tier: "b" },
      { when: { x: { op: ">=", value: 30 } }, tier: "c" },
    ]);
    expect(findings(agreeing)).toEqual([["TIER_TABLE_OVERLAP", "/rows/3"]]);
    const disagreeing = oneInput("any", [
      { when: { x: { op: "<", value: 10 } }, tier: "a" },
      { when: { x: { op: "<", value: 20 } }, tier: "b" },
      { when: { x: { op: ">=", value: 20 } }, tier: "c" },
    ]);
    expect(findings(disagreeing)).toEqual([["TIER_TABLE_OVERLAP", "/rows/1"]]);
  });

  it("reports a row whose condition no value satisfies, pointing at the condition", () => {
    const model = oneInput(
      "first",
      [
        { when: { x: { op: "<", value: 0 } }, tier: "a" },
        { when: { x: { op: "range", min: 5, max: 5 } }, tier: "b" },
        { when: {}, tier: "c" },
      ],
      { domain: { min: 0 } },
    );
    expect(findings(model)).toEqual([
      ["TIER_TABLE_ROW_UNREACHABLE", "/rows/0/when/x"],
      ["TIER_TABLE_ROW_UNREACHABLE", "/rows/1/when/x"],
    ]);
  });

  it("finds gaps among discrete values of a declared domain", () => {
    const model = oneInput(
      "unique",
      [
        { when: { x: { op: "==", value: "A" } }, tier: "a" },
        { when: { x: { op: "in", values: ["B"] } }, tier: "b" },
      ],
      { domain: { values: ["A", "B", "C"] } },
    );
    const warnings = warningsOf(model);
    expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
      ["TIER_NEVER_ASSIGNED", "/tiers/2"],
      ["TIER_TABLE_GAP", "/rows"],
    ]);
    expect(warnings.find((w) => w.code === "TIER_TABLE_GAP")?.params?.gaps).toEqual(['x in {"C"}']);
  });

  it("treats boolean inputs as two values", () => {
    const model = oneInput("unique", [
      { when: { x: { op: "==", value: true } }, tier: "a" },
      { when: { x: { op: "!=", value: true } }, tier: "b" },
      { when: { x: { op: "not-in", values: [true, false] } }, tier: "c" },
    ]);
    expect(findings(model)).toEqual([["TIER_TABLE_ROW_UNREACHABLE", "/rows/2/when/x"]]);
  });

  it("skips the analysis, saying so, when an input mixes numbers and strings", () => {
    const model = oneInput("first", [
      { when: { x: { op: ">", value: 1 } }, tier: "a" },
      { when: { x: { op: "==", value: "n/a" } }, tier: "b" },
      { when: {}, tier: "c" },
    ]);
    expect(findings(model)).toEqual([["TIER_TABLE_ANALYSIS_SKIPPED", "/inputs/0"]]);
  });

  it("analyses several inputs exactly (the unique RFM-style grid has no overlap or gap)", () => {
    const rows: DecisionTableModel["rows"] = [];
    for (const a of [true, false])
      for (const b of [true, false])
        rows.push({
          when: {
            x: a ? { op: ">=", value: 3 } : { op: "<", value: 3 },
            y: b ? { op: ">=", value: 3 } : { op: "<", value: 3 },
          },
          tier: a ? "a" : b ? "b" : "c",
        });
    const model: DecisionTableModel = {
      ...oneInput("unique", rows),
      inputs: [
        { key: "x", label: t("x", "x"), rule: { var: "x" } },
        { key: "y", label: t("y", "y"), rule: { var: "y" } },
      ],
    };
    expect(findings(model)).toEqual([]);
    const withHole = { ...model, rows: rows.slice(1) };
    expect(findings(withHole)).toEqual([["TIER_TABLE_GAP", "/rows"]]);
  });
});
