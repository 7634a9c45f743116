/**
 * @module designer/tiers/thresholds
 * Tier bands seen as thresholds: where one band's upper edge is the next band's lower edge, that
 * shared value is one threshold, and moving it moves both edges, so the bands stay gap- and
 * overlap-free (editing one edge alone would open a gap or an overlap the validation rejects).
 */
import type { ScorecardModel } from "../../../engine/tiers/index.ts";

type Band = ScorecardModel["bands"][number];

export interface Threshold {
  readonly value: number;
  /** Index of the band whose `max` is the threshold. */
  readonly below: number;
  /** Index of the band whose `min` is the threshold. */
  readonly above: number;
}

/** The thresholds of `bands`, highest first. */
export function thresholdsOf(bands: readonly Band[]): Threshold[] {
  const out: Threshold[] = [];
  bands.forEach((upper, above) => {
    if (upper.min === undefined) return;
    const below = bands.findIndex((b, i) => i !== above && b.max === upper.min);
    if (below >= 0) out.push({ value: upper.min, below, above });
  });
  return out.sort((a, b) => b.value - a.value);
}

/** The bands with the threshold moved to `value` (both edges). */
export function moveThreshold(bands: readonly Band[], threshold: Threshold, value: number): Band[] {
  return bands.map((b, i) =>
    i === threshold.above ? { ...b, min: value } : i === threshold.below ? { ...b, max: value } : b,
  );
}

/** An interval as text: `[60, 80)`, `[80, +∞)`, `(−∞, 60)`. */
export function formatInterval(band: {
  readonly min?: number;
  readonly max?: number;
  readonly includes?: "min" | "max" | "both" | "neither";
}): string {
  const includes = band.includes ?? "min";
  const left = band.min !== undefined && (includes === "min" || includes === "both") ? "[" : "(";
  const right = band.max !== undefined && (includes === "max" || includes === "both") ? "]" : ")";
  return `${left}${band.min ?? "−∞"}, ${band.max ?? "+∞"}${right}`;
}
