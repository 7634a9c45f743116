import { describe, expect, it } from "vitest";
import { healthScoreModel } from "./fixtures/index.ts";
import { type PreviewRecord, previewTierModel, type ScorecardModel } from "./index.ts";

const withScore = (score: number) => ({
  featureUsage: score,
  meetingHours: score / 10,
  openIssues: 20 - score / 5,
  nps: score * 2 - 100,
});

// Scores 90, 85, 82, 81, 80, 70, 65, 62, 55, 40 with ids a…j.
const scores = [90, 85, 82, 81, 80, 70, 65, 62, 55, 40];
const records: PreviewRecord[] = scores.map((s, i) => ({
  id: String.fromCharCode(97 + i),
  data: Object.freeze(withScore(s)),
}));

// The draft raises "healthy" to 85 and "watch" to 65.
const draft: ScorecardModel = {
  ...healthScoreModel,
  bands: [
    { tier: "healthy", min: 85, includes: "min" },
    { tier: "watch", min: 65, max: 85, includes: "min" },
    { tier: "at-risk", max: 65, includes: "neither" },
  ],
};

describe("previewTierModel", () => {
  it("returns the transition matrix, both distributions and sample ids per cell", () => {
    const preview = previewTierModel(draft, healthScoreModel, records, { samplesPerCell: 2 });
    expect(preview.total).toBe(10);
    expect(preview.changed).toBe(4);
    expect(preview.tiers).toEqual(["healthy", "watch", "at-risk"]);
    expect(preview.transitions).toEqual([
      { from: "healthy", to: "healthy", count: 2, sampleIds: ["a", "b"] },
      { from: "healthy", to: "watch", count: 3, sampleIds: ["c", "d"] },
      { from: "watch", to: "watch", count: 2, sampleIds: ["f", "g"] },
      { from: "watch", to: "at-risk", count: 1, sampleIds: ["h"] },
      { from: "at-risk", to: "at-risk", count: 2, sampleIds: ["i", "j"] },
    ]);
    expect(preview.distribution).toEqual([
      { tier: "healthy", count: 2 },
      { tier: "watch", count: 5 },
      { tier: "at-risk", count: 3 },
    ]);
    expect(preview.currentDistribution).toEqual([
      { tier: "healthy", count: 5 },
      { tier: "watch", count: 3 },
      { tier: "at-risk", count: 2 },
    ]);
  });

  it("compares with stored tiers when there is no current model, listing the unassigned last", () => {
    const stored = records.map((r, i) => ({ ...r, currentTier: i < 3 ? "healthy" : null }));
    const preview = previewTierModel(draft, null, stored, { samplesPerCell: 1 });
    expect(preview.tiers).toEqual(["healthy", "watch", "at-risk", null]);
    expect(preview.transitions[0]).toEqual({
      from: "healthy",
      to: "healthy",
      count: 2,
      sampleIds: ["a"],
    });
    expect(preview.currentDistribution.at(-1)).toEqual({ tier: null, count: 7 });
  });

  it("lets the draft's hysteresis keep the current tier", () => {
    const sticky: ScorecardModel = { ...draft, hysteresis: { margin: 5 } };
    const preview = previewTierModel(sticky, healthScoreModel, records);
    // 81 and 82 stay healthy (within 5 of 85), 62 stays watch; only 80 is 5 below and moves.
    expect(preview.changed).toBe(1);
    expect(preview.transitions.find((c) => c.from !== c.to)).toMatchObject({
      from: "healthy",
      to: "watch",
      sampleIds: ["e"],
    });
  });

  it("writes nothing: the records are frozen and stay as they were", () => {
    const before = JSON.stringify(records);
    previewTierModel(draft, healthScoreModel, records);
    expect(JSON.stringify(records)).toBe(before);
  });
});
