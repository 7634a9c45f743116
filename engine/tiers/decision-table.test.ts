import { describe, expect, it } from "vitest";
import { accountTierTable, t } from "./fixtures/index.ts";
import {
  compileTierModel,
  type DecisionTableBreakdown,
  type DecisionTableModel,
  type TierResult,
} from "./index.ts";

const bd = (r: TierResult) => r.breakdown as DecisionTableBreakdown;

describe("annual purchase × margin table (first hit)", () => {
  const evaluate = compileTierModel(accountTierTable);
  const tierOf = (annualPurchase: number, grossMargin: number) =>
    evaluate({ annualPurchase, grossMargin }).tier;

  it("gives key above 1M with a margin above 20%", () => {
    expect(tierOf(1_200_000, 25)).toBe("key");
    expect(tierOf(1_000_001, 20.01)).toBe("key");
  });

  it("gives growth for 300k–1M with a margin of 10–20%, edges included", () => {
    expect(tierOf(500_000, 15)).toBe("growth");
    expect(tierOf(300_000, 10)).toBe("growth");
    expect(tierOf(1_000_000, 20)).toBe("growth");
  });

  it("gives regular under 300k and for everything else", () => {
    expect(tierOf(299_999, 15)).toBe("regular");
    expect(tierOf(200_000, 30)).toBe("regular");
    expect(tierOf(1_200_000, 20)).toBe("regular");
    expect(tierOf(500_000, 9.99)).toBe("regular");
    expect(evaluate({}).tier).toBe("regular");
  });

  it("reports the input values and the row that matched", () => {
    const b = bd(evaluate({ annualPurchase: 500_000, grossMargin: 15 }));
    expect(b.inputs).toEqual({ annualPurchase: 500_000, grossMargin: 15 });
    expect(b.matched).toEqual([1]);
    expect(b.outputs).toEqual([{ row: 1, id: "growth", tier: "growth", score: null }]);
  });
});

/** A one-input table over `x` with the given rows and hit policy. */
function table(
  hitPolicy: DecisionTableModel["hitPolicy"],
  rows: DecisionTableModel["rows"],
  extra: Partial<DecisionTableModel> = {},
): DecisionTableModel {
  return {
    kind: "tier-model",
    key: "policy-test",
    name: t("命中策略", "Hit policy"),
    form: "account",
    modelKind: "decision-table",
    tiers: [
      { key: "gold", label: t("金", "Gold") },
      { key: "silver", label: t("银", "Silver") },
      { key: "bronze", label: t("铜", "Bronze") },
    ],
    inputs: [{ key: "x", label: t("x", "x"), rule: { var: "x" } }],
    hitPolicy,
    rows,
    ...extra,
  };
}

const rows: DecisionTableModel["rows"] = [
  { when: { x: { op: ">=", value: 10 } }, tier: "bronze", score: 1 },
  { when: { x: { op: ">=", value: 50 } }, tier: "gold", score: 5 },
  { when: { x: { op: "range", min: 40, max: 60 } }, tier: "silver", score: 3 },
];

describe("hit policies", () => {
  it("unique: one match gives its output; several give no result and a flagged violation", () => {
    const evaluate = compileTierModel(table("unique", rows));
    expect(evaluate({ x: 20 })).toMatchObject({ tier: "bronze", score: 1, unassigned: null });
    const violated = evaluate({ x: 55 });
    expect(violated).toMatchObject({ tier: null, score: null, unassigned: "hit-policy-violation" });
    expect(bd(violated).violation).toEqual({ code: "TIER_HIT_UNIQUE_VIOLATED", rows: [0, 1, 2] });
  });

  it("any: overlapping rows must agree, otherwise the violation is flagged", () => {
    const agreeing = compileTierModel(
      table("any", [
        { when: { x: { op: ">=", value: 10 } }, tier: "gold" },
        { when: { x: { op: "<=", value: 20 } }, tier: "gold" },
      ]),
    );
    expect(agreeing({ x: 15 })).toMatchObject({ tier: "gold", unassigned: null });
    const disagreeing = compileTierModel(table("any", rows))({ x: 55 });
    expect(disagreeing.tier).toBeNull();
    expect(bd(disagreeing).violation?.code).toBe("TIER_HIT_ANY_VIOLATED");
  });

  it("first: the first matching row in row order", () => {
    const evaluate = compileTierModel(table("first", rows));
    expect(evaluate({ x: 55 })).toMatchObject({ tier: "bronze", score: 1 });
    expect(bd(evaluate({ x: 55 })).matched).toEqual([0]);
  });

  it("priority: the highest-ranked match, by tier order or by explicit priority", () => {
    expect(compileTierModel(table("priority", rows))({ x: 55 }).tier).toBe("gold");
    expect(compileTierModel(table("priority", rows))({ x: 45 }).tier).toBe("silver");
    const explicit = rows.map((r, i) => ({ ...r, priority: i === 2 ? 10 : 0 }));
    expect(compileTierModel(table("priority", explicit))({ x: 55 }).tier).toBe("silver");
  });

  it("rule order: every match in row order, the first giving the tier", () => {
    const result = compileTierModel(table("rule-order", rows))({ x: 55 });
    expect(result.tier).toBe("bronze");
    expect(bd(result).outputs.map((o) => o.tier)).toEqual(["bronze", "gold", "silver"]);
  });

  it("output order: every match by rank, the best giving the tier", () => {
    const result = compileTierModel(table("output-order", rows))({ x: 55 });
    expect(result.tier).toBe("gold");
    expect(bd(result).outputs.map((o) => o.tier)).toEqual(["gold", "silver", "bronze"]);
  });

  it("collect without aggregation lists every match", () => {
    const result = compileTierModel(table("collect", rows))({ x: 55 });
    expect(bd(result).outputs.map((o) => o.row)).toEqual([0, 1, 2]);
    expect(result.tier).toBe("bronze");
  });

  const bands: DecisionTableModel["bands"] = [
    { tier: "gold", min: 5 },
    { tier: "silver", min: 3, max: 5 },
    { tier: "bronze", max: 3 },
  ];
  const collect = (aggregation: DecisionTableModel["aggregation"]) =>
    compileTierModel(table("collect", rows, { aggregation, bands }));

  it("collect sum adds the matching rows' scores and bands the total", () => {
    expect(collect("sum")({ x: 55 })).toMatchObject({ score: 9, tier: "gold" });
    expect(collect("sum")({ x: 45 })).toMatchObject({ score: 4, tier: "silver" });
    expect(collect("sum")({ x: 5 })).toMatchObject({
      score: null,
      tier: null,
      unassigned: "no-match",
    });
  });

  it("collect min and max take the extreme score", () => {
    expect(collect("min")({ x: 55 })).toMatchObject({ score: 1, tier: "bronze" });
    expect(collect("max")({ x: 55 })).toMatchObject({ score: 5, tier: "gold" });
    expect(collect("max")({ x: 45 })).toMatchObject({ score: 3, tier: "silver" });
  });

  it("collect count counts the matching rows, zero included", () => {
    expect(collect("count")({ x: 55 })).toMatchObject({ score: 3, tier: "silver" });
    expect(collect("count")({ x: 20 })).toMatchObject({ score: 1, tier: "bronze" });
    expect(collect("count")({ x: 5 })).toMatchObject({ score: 0, tier: "bronze" });
  });

  it("collect sum rounds the total before banding (0.1 + 0.2 is 0.3)", () => {
    const decimals = compileTierModel(
      table(
        "collect",
        [
          { when: { x: { op: ">", value: 0 } }, score: 0.1 },
          { when: { x: { op: ">", value: 1 } }, score: 0.2 },
        ],
        {
          aggregation: "sum",
          bands: [
            { tier: "gold", min: 0.3 },
            { tier: "silver", max: 0.3 },
          ],
        },
      ),
    );
    expect(decimals({ x: 2 })).toMatchObject({ score: 0.3, tier: "gold" });
  });

  it("applies hysteresis to a banded aggregate", () => {
    const sticky = compileTierModel(
      table("collect", rows, { aggregation: "sum", bands, hysteresis: { margin: 2 } }),
    );
    // 4 is silver, but within 2 of gold's band [5, ∞) a previous gold account stays gold;
    // 9 is far above silver's band, so a previous silver account moves up.
    expect(sticky({ x: 45 }, { previousTier: "gold" })).toMatchObject({ score: 4, tier: "gold" });
    expect(sticky({ x: 55 }, { previousTier: "silver" })).toMatchObject({ score: 9, tier: "gold" });
    expect(bd(sticky({ x: 45 }, { previousTier: "gold" }))).toMatchObject({
      banded: "silver",
      held: true,
    });
  });

  it("uses the default output when no row matches", () => {
    const evaluate = compileTierModel(
      table("first", rows, { otherwise: { tier: "bronze", score: 0 } }),
    );
    const result = evaluate({ x: 1 });
    expect(result).toMatchObject({ tier: "bronze", score: 0 });
    expect(bd(result).usedDefault).toBe(true);
    expect(compileTierModel(table("first", rows))({ x: 1 })).toMatchObject({
      tier: null,
      unassigned: "no-match",
    });
  });
});

describe("conditions", () => {
  const cond = (when: DecisionTableModel["rows"][number]["when"], x: unknown) =>
    compileTierModel(table("first", [{ when, tier: "gold" }]))({ x }).tier === "gold";

  it("tests comparisons and ranges on numbers only", () => {
    expect(cond({ x: { op: "<", value: 3 } }, 2)).toBe(true);
    expect(cond({ x: { op: "<", value: 3 } }, "2")).toBe(false);
    expect(cond({ x: { op: "<", value: 3 } }, null)).toBe(false);
    expect(cond({ x: { op: "range", min: 1, max: 3, includes: "neither" } }, 3)).toBe(false);
    expect(cond({ x: { op: "range", min: 1, max: 3, includes: "max" } }, 3)).toBe(true);
    expect(cond({ x: { op: "range", min: 1, max: 3, includes: "max" } }, 1)).toBe(false);
  });

  it("tests equality and sets strictly; a missing input is null", () => {
    expect(cond({ x: { op: "==", value: "A" } }, "A")).toBe(true);
    expect(cond({ x: { op: "==", value: 1 } }, "1")).toBe(false);
    expect(cond({ x: { op: "==", value: null } }, undefined)).toBe(true);
    expect(cond({ x: { op: "!=", value: "A" } }, undefined)).toBe(true);
    expect(cond({ x: { op: "in", values: ["A", "B"] } }, "B")).toBe(true);
    expect(cond({ x: { op: "not-in", values: ["A", "B"] } }, "B")).toBe(false);
    expect(cond({ x: { op: "any" } }, undefined)).toBe(true);
  });
});
