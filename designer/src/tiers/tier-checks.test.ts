import { describe, expect, it } from "vitest";
import {
  type DecisionTableModel,
  type ScorecardModel,
  validateTierModel,
} from "../../../engine/tiers/index.ts";
import { runExamples } from "./examples-run.ts";
import { issuesByIndex, issuesExactly } from "./issue-map.ts";
import { setIn } from "./model-edit.ts";
import { packTierModels, table } from "./pack-models.test-support.ts";

const warningsOf = (model: unknown) => {
  const result = validateTierModel(model);
  return result.ok ? result.warnings : result.issues;
};

describe("row warnings", () => {
  it("puts a shadowed row's warning on that row", () => {
    const byRow = issuesByIndex(warningsOf(table), "/rows");
    expect([...byRow.keys()]).toEqual([2]);
    expect(byRow.get(2)!.map((i) => i.code)).toEqual(["TIER_TABLE_ROW_SHADOWED"]);
  });

  it("puts overlaps on the later row and a gap on the table", () => {
    const unique = setIn(setIn(table, ["hitPolicy"], "unique"), ["rows", 1, "when"], {
      purchase: { op: "<", value: 500 },
    });
    const issues = warningsOf(unique);
    const byRow = issuesByIndex(issues, "/rows");
    expect(byRow.get(2)!.map((i) => i.code)).toEqual(["TIER_TABLE_OVERLAP"]);
    expect(byRow.has(0)).toBe(false);
    expect(byRow.has(1)).toBe(false);
    // 500 ≤ purchase ≤ 1000 matches no row.
    expect(issuesExactly(issues, "/rows").map((i) => i.code)).toEqual(["TIER_TABLE_GAP"]);
  });

  it("marks an unreachable row at its condition", () => {
    const issues = warningsOf(
      setIn(table, ["rows", 2, "when", "purchase"], { op: "<", value: -1 }),
    );
    const byRow = issuesByIndex(issues, "/rows");
    expect(byRow.get(2)!.map((i) => [i.code, i.pointer])).toEqual([
      ["TIER_TABLE_ROW_UNREACHABLE", "/rows/2/when/purchase"],
    ]);
  });

  it("finds no row warnings in the bundled packs' tables", () => {
    for (const { model } of packTierModels()) {
      if (model.modelKind !== "decision-table") continue;
      expect(issuesByIndex(warningsOf(model), "/rows").size, model.key).toBe(0);
    }
  });
});

describe("golden examples", () => {
  const withExamples = {
    ...table,
    examples: [
      { name: "big", record: { purchase: 2000 }, expect: { tier: "key" } },
      { name: "small", record: { purchase: 10 }, expect: { tier: "key" } },
      { name: "none", record: {}, expect: { tier: "regular" } },
    ],
  } as DecisionTableModel;

  it("passes and fails each example with what the model gives", () => {
    const run = runExamples(withExamples);
    expect(run).toEqual({
      ok: true,
      results: [
        { status: "pass", tier: "key", score: null },
        { status: "fail", tier: "regular", score: null },
        { status: "pass", tier: "regular", score: null },
      ],
    });
  });

  it("checks an expected score after rounding", () => {
    const card = packTierModels().find((p) => p.model.key === "customer-health")!
      .model as ScorecardModel;
    const run = runExamples(card);
    expect(run.ok && run.results.every((r) => r.status === "pass")).toBe(true);
    const first = card.examples![0]!;
    const wrong = setIn(card, ["examples", 0, "expect", "score"], (first.expect.score ?? 50) + 1);
    const again = runExamples(wrong);
    expect(again.ok && again.results[0]!.status).toBe("fail");
  });

  it("does not run on a model that does not compile", () => {
    expect(runExamples(setIn(withExamples, ["rows", 0, "tier"], "nope"))).toEqual({ ok: false });
  });

  it("passes every example of every bundled pack (with the models it uses)", () => {
    const packs = packTierModels().map((p) => p.model);
    for (const model of packs) {
      const run = runExamples(model, { models: packs.filter((m) => m.form === model.form) });
      expect(run.ok, model.key).toBe(true);
      if (run.ok)
        expect(
          run.results.map((r) => r.status),
          model.key,
        ).not.toContain("fail");
    }
  });
});
