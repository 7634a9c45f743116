import { describe, expect, it } from "vitest";
import { healthScoreModel, t } from "./fixtures/index.ts";
import {
  compileTierModel,
  type ScorecardModel,
  selectModel,
  validateModelSelection,
} from "./index.ts";

// Onboarding accounts have few meetings yet: their health leans on feature usage.
const onboarding: ScorecardModel = {
  ...healthScoreModel,
  key: "health-onboarding",
  name: t("客户健康度（上线期）", "Customer health (onboarding)"),
  appliesWhen: { "==": [{ var: "lifecycleStage" }, "onboarding"] },
  measures: healthScoreModel.measures.map((m) => ({
    ...m,
    weight: m.key === "featureUsage" ? 70 : 10,
  })),
  examples: [],
};
const enterprise: ScorecardModel = {
  ...healthScoreModel,
  key: "health-enterprise",
  appliesWhen: { in: [{ var: "segment" }, ["enterprise"]] },
  examples: [],
};
const standard: ScorecardModel = { ...healthScoreModel, isDefault: true };
const alternatives = [onboarding, enterprise, standard];

describe("selectModel", () => {
  it("chooses the first model whose criteria hold", () => {
    expect(
      selectModel(alternatives, { lifecycleStage: "onboarding", segment: "enterprise" })?.key,
    ).toBe("health-onboarding");
    expect(
      selectModel(alternatives, { lifecycleStage: "renewal", segment: "enterprise" })?.key,
    ).toBe("health-enterprise");
  });

  it("falls back to the default model", () => {
    expect(selectModel(alternatives, { lifecycleStage: "renewal", segment: "smb" })?.key).toBe(
      "health-score",
    );
    expect(selectModel([onboarding, enterprise], { segment: "smb" })).toBeUndefined();
  });

  it("gives different tiers for the same record under the chosen model", () => {
    const record = {
      lifecycleStage: "onboarding",
      featureUsage: 100,
      meetingHours: 2,
      openIssues: 0,
      nps: 20,
    };
    // onboarding: (70·100 + 10·20 + 10·100 + 10·60) / 100 = 88; standard: 40 + 6 + 20 + 6 = 72
    const chosen = selectModel(alternatives, record)!;
    expect(compileTierModel(chosen)(record).tier).toBe("healthy");
    expect(compileTierModel(standard)(record).tier).toBe("watch");
  });
});

describe("validateModelSelection", () => {
  it("accepts alternatives of one form with one default", () => {
    expect(validateModelSelection(alternatives)).toEqual([]);
  });

  it("requires exactly one default, one form and distinct keys", () => {
    const issues = validateModelSelection([
      { ...onboarding, isDefault: true },
      { ...enterprise, form: "contract" },
      standard,
      { ...standard, key: "health-onboarding", isDefault: false },
    ]);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["TIER_SELECTION_MANY_DEFAULTS", "/2/isDefault"],
      ["TIER_SELECTION_FORM_MISMATCH", "/1/form"],
      ["TIER_DUPLICATE_KEY", "/3/key"],
    ]);
    expect(validateModelSelection([onboarding]).map((i) => i.code)).toEqual([
      "TIER_SELECTION_NO_DEFAULT",
    ]);
  });
});
