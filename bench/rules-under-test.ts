/**
 * The two rules the rules benchmark evaluates, as JSON Logic and as hand-written JavaScript.
 */
import type { BenchAccount } from "./accounts.ts";

const v = (name: string) => ({ var: name });

/**
 * Health score (DESIGN §1), with the scales of the tier-model fixture `healthScoreModel`:
 * feature usage 0–100 (40%), meeting hours 0–10 (30%), open issues 0–20 reversed (20%),
 * NPS −100…100 (10%), each normalised to 0–100 and clamped.
 */
const healthScore = {
  "+": [
    { "*": [{ min: [{ max: [v("featureUsage"), 0] }, 100] }, 0.4] },
    { "*": [{ min: [{ "*": [v("meetingHours"), 10] }, 100] }, 0.3] },
    { "*": [{ max: [{ "-": [100, { "*": [v("openIssues"), 5] }] }, 0] }, 0.2] },
    { "*": [{ "/": [{ "+": [v("nps"), 100] }, 2] }, 0.1] },
  ],
};

/** ≥80 healthy, 60–80 watch, <60 at risk. */
export const healthTierRule = {
  if: [{ ">=": [healthScore, 80] }, "healthy", { ">=": [healthScore, 60] }, "watch", "at-risk"],
};

export function healthScoreByHand(a: BenchAccount): number {
  return (
    Math.min(Math.max(a.featureUsage, 0), 100) * 0.4 +
    Math.min(a.meetingHours * 10, 100) * 0.3 +
    Math.max(100 - a.openIssues * 5, 0) * 0.2 +
    ((a.nps + 100) / 2) * 0.1
  );
}

export function healthTierByHand(a: BenchAccount): string {
  const score = healthScoreByHand(a);
  return score >= 80 ? "healthy" : score >= 60 ? "watch" : "at-risk";
}

type Row = readonly [
  minPurchase: number,
  minMargin: number,
  minInfluence: number,
  industry: string | null,
  tier: string,
];

/** A 12-row first-hit decision table over purchase, margin, strategic influence and industry. */
export const DECISION_ROWS: readonly Row[] = [
  [1_500_000, 0.25, 4, null, "strategic"],
  [1_000_000, 0.2, 0, null, "key"],
  [1_000_000, 0.1, 3, "manufacturing", "key"],
  [800_000, 0.3, 0, "saas", "key"],
  [700_000, 0.15, 4, null, "growth"],
  [500_000, 0.2, 0, null, "growth"],
  [300_000, 0.1, 0, "manufacturing", "growth"],
  [300_000, 0.1, 0, "energy", "growth"],
  [300_000, 0.1, 0, null, "growth"],
  [100_000, 0.3, 0, null, "nurture"],
  [0, 0, 5, null, "nurture"],
  [0, 0, 0, null, "regular"],
];

export const decisionTableRule = {
  if: DECISION_ROWS.flatMap(([purchase, margin, influence, industry, tier]) => {
    const conditions: unknown[] = [
      { ">=": [v("annualPurchase"), purchase] },
      { ">=": [v("margin"), margin] },
      { ">=": [v("strategicInfluence"), influence] },
    ];
    if (industry) conditions.push({ "==": [v("industry"), industry] });
    return [{ and: conditions }, tier];
  }).concat(["unclassified"]),
};

export function decisionTableByHand(a: BenchAccount): string {
  for (const [purchase, margin, influence, industry, tier] of DECISION_ROWS) {
    if (
      a.annualPurchase >= purchase &&
      a.margin >= margin &&
      a.strategicInfluence >= influence &&
      (industry === null || a.industry === industry)
    ) {
      return tier;
    }
  }
  return "unclassified";
}
