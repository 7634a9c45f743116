import { describe, expect, it } from "vitest";
import {
  rfmFrequency,
  rfmModels,
  rfmMonetary,
  rfmRecency,
  rfmSegmentTable,
} from "./fixtures/index.ts";
import { compileTierModel, type DecisionTableBreakdown, validateTierModel } from "./index.ts";

const segment = compileTierModel(rfmSegmentTable, { models: rfmModels });

describe("RFM", () => {
  it("scores recency, frequency and monetary value 1–5 with declared band edges", () => {
    const r = compileTierModel(rfmRecency);
    expect(
      [0, 30, 31, 60, 90, 91, 180, 181].map((d) => r({ daysSinceLastOrder: d }).score),
    ).toEqual([5, 5, 4, 4, 3, 2, 2, 1]);
    const f = compileTierModel(rfmFrequency);
    expect([0, 1, 3, 6, 11, 12].map((n) => f({ ordersLast12Months: n }).score)).toEqual([
      1, 2, 3, 4, 4, 5,
    ]);
    const m = compileTierModel(rfmMonetary);
    expect(
      [10_000, 50_000, 200_000, 500_000, 999_999, 1_000_000].map(
        (v) => m({ purchaseLast12Months: v }).score,
      ),
    ).toEqual([1, 2, 3, 4, 4, 5]);
  });

  it.each([
    [10, 12, 2_000_000, "important-value"],
    [10, 1, 2_000_000, "important-develop"],
    [200, 12, 2_000_000, "important-retain"],
    [200, 1, 600_000, "important-winback"],
    [45, 8, 20_000, "general-value"],
    [80, 0, 20_000, "general-develop"],
    [120, 4, 100_000, "general-retain"],
    [365, 0, 0, "general-winback"],
  ])("puts %i days, %i orders, %i CNY into %s", (days, orders, amount, expected) => {
    const result = segment({
      daysSinceLastOrder: days,
      ordersLast12Months: orders,
      purchaseLast12Months: amount,
    });
    expect(result.tier).toBe(expected);
    expect((result.breakdown as DecisionTableBreakdown).matched).toHaveLength(1);
  });

  it("validates as a complete, non-overlapping unique table over 1–5 scores", () => {
    const result = validateTierModel(rfmSegmentTable, { models: rfmModels });
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});
