/**
 * @module designer/tiers/weights
 * The weight check of a scorecard. The engine divides by Σweight, so weights are relative; but a
 * set that sums to 100 (or 1) reads as percentages, which is what reviewers of a scorecard
 * expect, so any other sum is flagged — with each weight's effective share shown beside it.
 */
import type { ScorecardModel } from "../../../engine/tiers/index.ts";

export interface WeightSummary {
  readonly total: number;
  /** The sum is 100 or 1 (within rounding). */
  readonly normalised: boolean;
  /** Each weight's share of the total, in percent (0 when the total is 0). */
  readonly shares: readonly number[];
}

const EPSILON = 1e-9;

/** Sum, check and shares of a list of weights (non-numbers count as 0). */
export function summariseWeights(weights: readonly unknown[]): WeightSummary {
  const values = weights.map((w) => (typeof w === "number" && Number.isFinite(w) ? w : 0));
  const total = values.reduce((a, b) => a + b, 0);
  const normalised = Math.abs(total - 100) < EPSILON || Math.abs(total - 1) < EPSILON;
  return { total, normalised, shares: values.map((w) => (total > 0 ? (w / total) * 100 : 0)) };
}

/** Rounds for display (floating sums such as 0.1 + 0.2 print as 0.3). */
export const displayNumber = (value: number, decimals = 2) =>
  String(Math.round(value * 10 ** decimals) / 10 ** decimals);

export interface ScorecardWeights {
  /** Over the groups when the model has groups, else over all measures. */
  readonly top: WeightSummary;
  /** Per group key: the summary over that group's measures (empty without groups). */
  readonly byGroup: Readonly<Record<string, WeightSummary>>;
  /** Each measure's share within its level (its group, or the model), in percent. */
  readonly measureShares: readonly number[];
}

/** The weight summaries a scorecard editor shows. */
export function scorecardWeights(
  model: Pick<ScorecardModel, "measures" | "groups">,
): ScorecardWeights {
  const groups = model.groups ?? [];
  if (groups.length === 0) {
    const top = summariseWeights(model.measures.map((m) => m.weight));
    return { top, byGroup: {}, measureShares: top.shares };
  }
  const byGroup: Record<string, WeightSummary> = {};
  const shares = new Array<number>(model.measures.length).fill(0);
  for (const group of groups) {
    const members = model.measures.flatMap((m, i) => (m.group === group.key ? [i] : []));
    const summary = summariseWeights(members.map((i) => model.measures[i]!.weight));
    byGroup[group.key] = summary;
    members.forEach((i, k) => {
      shares[i] = summary.shares[k]!;
    });
  }
  return { top: summariseWeights(groups.map((g) => g.weight)), byGroup, measureShares: shares };
}
