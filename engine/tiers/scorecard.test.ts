import { describe, expect, it } from "vitest";
import { manualClock } from "../ports.ts";
import { healthScoreModel, t } from "./fixtures/index.ts";
import { compileTierModel, type ScorecardBreakdown, type ScorecardModel } from "./index.ts";

const health = compileTierModel(healthScoreModel);
const breakdownOf = (r: { breakdown: unknown }) => r.breakdown as ScorecardBreakdown;

describe("health score (40% usage + 30% meetings + 20% issues + 10% NPS)", () => {
  it("scores a record exactly and breaks it down per measure", () => {
    const result = health({ featureUsage: 90, meetingHours: 5, openIssues: 10, nps: 20 });
    // 0.4·90 + 0.3·50 + 0.2·50 + 0.1·60 = 36 + 15 + 10 + 6 = 67
    expect(result).toMatchObject({
      model: "health-score",
      score: 67,
      tier: "watch",
      unassigned: null,
    });
    const b = breakdownOf(result);
    expect(b.measures.map((m) => [m.key, m.raw, m.score, m.weight, m.contribution])).toEqual([
      ["featureUsage", 90, 90, 40, 36],
      ["meetingTime", 5, 50, 30, 15],
      ["issueFeedback", 10, 50, 20, 10],
      ["nps", 20, 60, 10, 6],
    ]);
    expect(b.measures.reduce((s, m) => s + m.contribution, 0)).toBeCloseTo(b.unrounded ?? 0, 10);
  });

  it("assigns healthy at exactly 80, watch at exactly 60 and at-risk just below 60", () => {
    expect(health({ featureUsage: 80, meetingHours: 8, openIssues: 4, nps: 60 })).toMatchObject({
      score: 80,
      tier: "healthy",
    });
    expect(health({ featureUsage: 60, meetingHours: 6, openIssues: 8, nps: 20 })).toMatchObject({
      score: 60,
      tier: "watch",
    });
    expect(health({ featureUsage: 59.9, meetingHours: 6, openIssues: 8, nps: 20 })).toMatchObject({
      score: 59.96,
      tier: "at-risk",
    });
    expect(health({ featureUsage: 100, meetingHours: 10, openIssues: 0, nps: 100 }).tier).toBe(
      "healthy",
    );
    expect(health({ featureUsage: 0, meetingHours: 0, openIssues: 30, nps: -100 })).toMatchObject({
      score: 0,
      tier: "at-risk",
    });
  });

  it("rounds before banding: a sum that is 60 in decimal but 59.99999999999999 in binary is watch", () => {
    // 0.4·4.2 + 0.3·97 + 0.2·97 + 0.1·98.2 = 60.00 exactly in decimal arithmetic.
    const result = health({ featureUsage: 4.2, meetingHours: 9.7, openIssues: 0.6, nps: 96.4 });
    expect(breakdownOf(result).unrounded).toBe(59.99999999999999);
    expect(result.score).toBe(60);
    expect(result.tier).toBe("watch");
  });

  it("clamps linear scales and scores a reversed scale from max down to min", () => {
    const b = breakdownOf(health({ featureUsage: 150, meetingHours: -3, openIssues: 25, nps: 0 }));
    expect(b.measures.map((m) => m.score)).toEqual([100, 0, 0, 50]);
  });
});

describe("missing values", () => {
  const record = { featureUsage: 90, meetingHours: 5, openIssues: 10 }; // no NPS

  it("renormalises over the present measures", () => {
    const result = health(record);
    // (0.4·90 + 0.3·50 + 0.2·50) / 0.9 = 61 / 0.9 = 67.777…
    expect(result.score).toBe(67.78);
    const nps = breakdownOf(result).measures[3]!;
    expect(nps).toMatchObject({ raw: null, score: null, missing: true, contribution: 0 });
  });

  it("scores a missing measure 0 and keeps its weight under the zero policy", () => {
    const zero = compileTierModel({ ...healthScoreModel, missing: "zero" });
    expect(zero(record).score).toBe(61);
  });

  it("lets a measure override the model's policy", () => {
    const measures = healthScoreModel.measures.map((m) =>
      m.key === "nps" ? { ...m, missing: "zero" as const } : m,
    );
    expect(compileTierModel({ ...healthScoreModel, measures })(record).score).toBe(61);
  });

  it("treats non-numbers as missing on numeric scales and gives no tier when nothing is present", () => {
    const result = health({ featureUsage: "90", meetingHours: null });
    expect(result).toMatchObject({ score: null, tier: null, unassigned: "no-score" });
  });
});

describe("scales", () => {
  const base: ScorecardModel = {
    kind: "tier-model",
    key: "scales",
    name: t("量表", "Scales"),
    form: "account",
    modelKind: "scorecard",
    tiers: [{ key: "a", label: t("甲", "A") }],
    measures: [
      {
        key: "size",
        label: t("规模", "Size"),
        weight: 1,
        value: { var: "employees" },
        scale: {
          kind: "bands",
          bands: [
            { max: 100, score: 20, includes: "neither" },
            { min: 100, max: 1000, score: 60 },
            { min: 1000, score: 100 },
          ],
        },
      },
      {
        key: "industry",
        label: t("行业", "Industry"),
        weight: 1,
        value: { var: "industry" },
        scale: {
          kind: "lookup",
          entries: [
            { value: "manufacturing", score: 80 },
            { value: "retail", score: 40 },
          ],
          otherwise: 10,
        },
      },
    ],
    bands: [{ tier: "a" }],
  };
  const evaluate = compileTierModel(base);
  const scores = (data: object) => breakdownOf(evaluate(data)).measures.map((m) => m.score);

  it("maps bands with declared edges", () => {
    expect(scores({ employees: 99 })[0]).toBe(20);
    expect(scores({ employees: 100 })[0]).toBe(60);
    expect(scores({ employees: 1000 })[0]).toBe(100);
  });

  it("maps lookups with a fallback for unknown values, and null as missing", () => {
    expect(scores({ industry: "retail" })[1]).toBe(40);
    expect(scores({ industry: "mining" })[1]).toBe(10);
    expect(scores({ industry: null })[1]).toBeNull();
  });
});

describe("measure groups (Σ weight × score / Σ weight at each level)", () => {
  const grouped: ScorecardModel = {
    ...healthScoreModel,
    key: "health-grouped",
    groups: [
      { key: "adoption", label: t("采用", "Adoption"), weight: 60 },
      { key: "relationship", label: t("关系", "Relationship"), weight: 40 },
    ],
    measures: healthScoreModel.measures.map((m) => ({
      ...m,
      group: m.key === "featureUsage" || m.key === "issueFeedback" ? "adoption" : "relationship",
    })),
  };
  const evaluate = compileTierModel(grouped);

  it("averages within groups, then across groups by group weight", () => {
    const result = evaluate({ featureUsage: 90, meetingHours: 5, openIssues: 10, nps: 20 });
    // adoption (40·90 + 20·50)/60 = 76.667; relationship (30·50 + 10·60)/40 = 52.5
    // total (60·76.667 + 40·52.5)/100 = 67
    const b = breakdownOf(result);
    expect(b.groups.map((g) => [g.key, Number(g.score?.toFixed(3))])).toEqual([
      ["adoption", 76.667],
      ["relationship", 52.5],
    ]);
    expect(result.score).toBe(67);
    expect(b.measures.reduce((s, m) => s + m.contribution, 0)).toBeCloseTo(67, 10);
    expect(b.groups.reduce((s, g) => s + g.contribution, 0)).toBeCloseTo(67, 10);
  });

  it("leaves out a group whose measures are all missing", () => {
    const result = evaluate({ meetingHours: 5, nps: 20 });
    expect(result.score).toBe(52.5);
    expect(breakdownOf(result).groups[0]).toMatchObject({ key: "adoption", score: null });
  });
});

describe("manual measures", () => {
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 5, 30);
  const manualModel: ScorecardModel = {
    ...healthScoreModel,
    key: "health-manual",
    measures: [
      ...healthScoreModel.measures,
      {
        key: "relationship",
        label: t("关系评分", "Relationship rating"),
        weight: 10,
        value: { var: "relationshipRating" },
        scale: { kind: "linear", min: 0, max: 5 },
        manual: { validFor: "P30D" },
      },
    ],
  };
  const record = { featureUsage: 90, meetingHours: 5, openIssues: 10, nps: 20 };

  it("uses a fresh entry from the context and reports its age", () => {
    const evaluate = compileTierModel(manualModel, { clock: manualClock(now) });
    const entry = { value: 5, enteredAt: now - 10 * DAY };
    const m = breakdownOf(evaluate(record, { manual: { relationship: entry } })).measures[4]!;
    expect(m).toMatchObject({ raw: 5, score: 100, missing: false });
    expect(m.manual).toEqual({
      source: "entry",
      enteredAt: entry.enteredAt,
      ageMs: 10 * DAY,
      stale: false,
    });
  });

  it("shows an entry older than validFor as stale but still scores it by default", () => {
    const clock = manualClock(now);
    const evaluate = compileTierModel(manualModel, { clock });
    const context = { manual: { relationship: { value: 5, enteredAt: now - 30 * DAY } } };
    expect(breakdownOf(evaluate(record, context)).measures[4]!.manual?.stale).toBe(false);
    clock.advance(1);
    const result = evaluate(record, context);
    expect(breakdownOf(result).measures[4]).toMatchObject({ score: 100, manual: { stale: true } });
    // (67·100 + 10·100) / 110 = 70
    expect(result.score).toBe(70);
  });

  it("treats a stale entry as missing with whenStale: missing", () => {
    const measures = manualModel.measures.map((m) =>
      m.manual ? { ...m, manual: { validFor: "P30D", whenStale: "missing" as const } } : m,
    );
    const evaluate = compileTierModel({ ...manualModel, measures });
    const context = { now, manual: { relationship: { value: 5, enteredAt: now - 31 * DAY } } };
    const result = evaluate(record, context);
    expect(breakdownOf(result).measures[4]).toMatchObject({
      missing: true,
      manual: { stale: true },
    });
    expect(result.score).toBe(67);
  });

  it("falls back to the measure's rule when there is no entry", () => {
    const evaluate = compileTierModel(manualModel);
    const m = breakdownOf(evaluate({ ...record, relationshipRating: 4 })).measures[4]!;
    expect(m).toMatchObject({ raw: 4, score: 80, manual: { source: "rule", stale: false } });
  });

  it("refuses to judge staleness without a clock or context.now", () => {
    const evaluate = compileTierModel(manualModel);
    const context = { manual: { relationship: { value: 5, enteredAt: now } } };
    expect(() => evaluate(record, context)).toThrow(/clock/);
  });
});

describe("hysteresis", () => {
  const evaluate = compileTierModel({ ...healthScoreModel, hysteresis: { margin: 2 } });
  // featureUsage alone moves the score: 0.4 per point around a base of 0.6·… chosen to hit targets.
  const withScore = (score: number) => ({
    featureUsage: score,
    meetingHours: score / 10,
    openIssues: 20 - score / 5,
    nps: score * 2 - 100,
  });

  it("keeps the previous tier until the score is at least the margin beyond its band", () => {
    expect(evaluate(withScore(81), { previousTier: "watch" })).toMatchObject({ tier: "watch" });
    expect(breakdownOf(evaluate(withScore(81), { previousTier: "watch" }))).toMatchObject({
      banded: "healthy",
      held: true,
    });
    expect(evaluate(withScore(82), { previousTier: "watch" }).tier).toBe("healthy");
    expect(evaluate(withScore(79), { previousTier: "healthy" }).tier).toBe("healthy");
    expect(evaluate(withScore(78), { previousTier: "healthy" }).tier).toBe("watch");
    expect(evaluate(withScore(59), { previousTier: "watch" }).tier).toBe("watch");
    expect(evaluate(withScore(81)).tier).toBe("healthy");
  });

  it("prevents flapping across 80 while the score wobbles within the margin", () => {
    const series = [79, 80.5, 79.5, 81, 79, 80, 82, 80.5, 78.5, 79.9, 78, 80.5];
    let previous: string | null = "watch";
    const tiers: (string | null)[] = [];
    for (const score of series) {
      previous = evaluate(withScore(score), { previousTier: previous }).tier;
      tiers.push(previous);
    }
    expect(tiers).toEqual([
      "watch",
      "watch",
      "watch",
      "watch",
      "watch",
      "watch",
      "healthy",
      "healthy",
      "healthy",
      "healthy",
      "watch",
      "watch",
    ]);
    const plain: (string | null)[] = series.map((s) => health(withScore(s)).tier);
    expect(new Set(plain).size).toBe(2);
  });

  it("ignores a previous tier the model does not declare", () => {
    expect(evaluate(withScore(81), { previousTier: "gold" }).tier).toBe("healthy");
  });
});

describe("evaluation failures", () => {
  it("lets a rule over its budget throw its RuleError, located at the rule", () => {
    const sum = {
      reduce: [{ var: "items" }, { "+": [{ var: "current" }, { var: "accumulator" }] }, 0],
    };
    const measures = [{ ...healthScoreModel.measures[0]!, value: sum }];
    const evaluate = compileTierModel(
      { ...healthScoreModel, measures, examples: [] },
      { limits: { maxSteps: 50 } },
    );
    expect(evaluate({ items: [1, 2, 3] }).score).toBe(6);
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(() => evaluate({ items })).toThrow(
      expect.objectContaining({
        code: "RULE_BUDGET_EXCEEDED",
        pointer: "/measures/0/value/reduce",
      }),
    );
  });
});
