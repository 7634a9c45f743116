import { describe, expect, it } from "vitest";
import {
  potentialScoreModel,
  t,
  valuePotentialMatrix,
  valuePotentialModels,
  valueScoreModel,
} from "./fixtures/index.ts";
import { compileTierModel, type MatrixBreakdown, type MatrixModel } from "./index.ts";

const matrix = compileTierModel(valuePotentialMatrix, { models: valuePotentialModels });

// value: 0.5·(purchase/2M·100) + 0.3·(margin/40·100) + 0.2·influence
// potential: 0.3·(growth/20·100) + 0.4·gap + 0.3·maturity
const account = {
  strong: { annualPurchase: 1_600_000, grossMargin: 30, strategicInfluence: "high" }, // 82.5
  weak: { annualPurchase: 200_000, grossMargin: 8, strategicInfluence: "low" }, // 15
  promising: { industryGrowth: 15, walletShareGap: 70, demandMaturity: "decision" }, // 80.5
  saturated: { industryGrowth: 2, walletShareGap: 10, demandMaturity: "retention" }, // 22
};

describe("value × potential matrix reading two other models' scores", () => {
  it("gives 战略核心 strategic-core for high value and high potential", () => {
    const result = matrix({ ...account.strong, ...account.promising });
    expect(result).toMatchObject({ tier: "strategic-core", score: null, unassigned: null });
    expect(result.breakdown).toEqual({
      kind: "matrix",
      x: { value: 82.5, side: "high" },
      y: { value: 80.5, side: "high" },
      quadrant: "highHigh",
    });
  });

  it("gives 高潜力增长 high-potential for low value and high potential", () => {
    expect(matrix({ ...account.weak, ...account.promising }).tier).toBe("high-potential");
  });

  it("gives 稳定贡献 stable-contributor for high value and low potential", () => {
    expect(matrix({ ...account.strong, ...account.saturated }).tier).toBe("stable-contributor");
  });

  it("gives 常规维持 routine for low value and low potential", () => {
    expect(matrix({ ...account.weak, ...account.saturated }).tier).toBe("routine");
  });

  it("puts a score equal to the threshold on the declared side", () => {
    expect(matrix({}, { scores: { "account-value": 60, "account-potential": 60 } }).tier).toBe(
      "strategic-core",
    );
    const lowSide: MatrixModel = {
      ...valuePotentialMatrix,
      x: { ...valuePotentialMatrix.x, includes: "low" },
    };
    const evaluate = compileTierModel(lowSide);
    expect(evaluate({}, { scores: { "account-value": 60, "account-potential": 60 } }).tier).toBe(
      "high-potential",
    );
  });

  it("takes scores from the context, then a resolver, before evaluating the used models", () => {
    const record = { ...account.weak, ...account.saturated };
    expect(matrix(record, { scores: { "account-value": 90 } }).tier).toBe("stable-contributor");
    const resolveScore = (key: string) => (key === "account-potential" ? 75 : undefined);
    expect(matrix(record, { resolveScore }).tier).toBe("high-potential");
  });

  it("gives no tier when an axis has no value", () => {
    const standalone = compileTierModel(valuePotentialMatrix); // used models not provided
    const result = standalone({}, { scores: { "account-value": 70 } });
    expect(result).toMatchObject({ tier: null, unassigned: "missing-input" });
    expect((result.breakdown as MatrixBreakdown).y).toEqual({ value: null, side: null });
  });

  it("reads rules on the record directly", () => {
    const ruled: MatrixModel = {
      ...valuePotentialMatrix,
      key: "ruled",
      uses: [],
      x: { label: t("收入", "Revenue"), rule: { var: "annualPurchase" }, threshold: 1_000_000 },
      y: { label: t("增速", "Growth"), rule: { var: "industryGrowth" }, threshold: 10 },
    };
    const evaluate = compileTierModel(ruled);
    expect(evaluate({ annualPurchase: 1_000_000, industryGrowth: 9.99 }).tier).toBe(
      "stable-contributor",
    );
  });

  it("evaluates each used model as a scorecard in its own right", () => {
    expect(compileTierModel(valueScoreModel)(account.strong).score).toBe(82.5);
    expect(compileTierModel(potentialScoreModel)(account.saturated).score).toBe(22);
  });
});
