/**
 * @module tiers/bands
 * Intervals with declared edges, their validation (order, overlap, gaps), and banding of a
 * rounded score into a tier with hysteresis. Shared by scorecards, bands scales and aggregating
 * decision tables.
 */
import { type Issue, issue, ptrAt } from "../errors/index.ts";
import type { Hysteresis, Includes } from "./model-types.ts";

/** An interval as declared in a model: either edge may be absent (unbounded). */
export interface IntervalSpec {
  readonly min?: number;
  readonly max?: number;
  readonly includes?: Includes;
}

/** A normalised interval: absent edges are ±Infinity, which are never included. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loIn: boolean;
  readonly hiIn: boolean;
}

/** Normalises an interval spec; `includes` defaults to "min" (half-open [min, max)). */
export function toInterval(spec: IntervalSpec): Interval {
  const includes = spec.includes ?? "min";
  const lo = spec.min ?? Number.NEGATIVE_INFINITY;
  const hi = spec.max ?? Number.POSITIVE_INFINITY;
  return {
    lo,
    hi,
    loIn: Number.isFinite(lo) && (includes === "min" || includes === "both"),
    hiIn: Number.isFinite(hi) && (includes === "max" || includes === "both"),
  };
}

export function intervalIsEmpty(iv: Interval): boolean {
  return iv.lo > iv.hi || (iv.lo === iv.hi && !(iv.loIn && iv.hiIn));
}

export function inInterval(value: number, iv: Interval): boolean {
  return (iv.loIn ? value >= iv.lo : value > iv.lo) && (iv.hiIn ? value <= iv.hi : value < iv.hi);
}

/** Distance from `value` to the interval; 0 inside it or on one of its edges. */
function distance(value: number, iv: Interval): number {
  if (value < iv.lo) return iv.lo - value;
  if (value > iv.hi) return value - iv.hi;
  return 0;
}

/**
 * Checks a list of intervals: none empty, none overlapping, and (with `gapSeverity`) no gap
 * between the lowest and the highest edge. Pointers are `${base}/${index}`.
 */
export function checkIntervals(
  specs: readonly IntervalSpec[],
  base: string,
  issues: Issue[],
  gapSeverity: "error" | "warning",
): void {
  const items: { iv: Interval; index: number }[] = [];
  specs.forEach((spec, index) => {
    const iv = toInterval(spec);
    if (intervalIsEmpty(iv)) {
      issues.push(issue("TIER_BAND_EMPTY", ptrAt(base, index), { min: spec.min, max: spec.max }));
    } else items.push({ iv, index });
  });
  items.sort((a, b) => a.iv.lo - b.iv.lo || Number(b.iv.loIn) - Number(a.iv.loIn));
  for (let k = 1; k < items.length; k++) {
    const prev = items[k - 1]!;
    const next = items[k]!;
    const pointer = ptrAt(base, next.index);
    const touching = prev.iv.hi === next.iv.lo;
    if (prev.iv.hi > next.iv.lo || (touching && prev.iv.hiIn && next.iv.loIn)) {
      issues.push(issue("TIER_BANDS_OVERLAP", pointer, { other: prev.index }));
    } else if (prev.iv.hi < next.iv.lo || (touching && !prev.iv.hiIn && !next.iv.loIn)) {
      issues.push(
        issue(
          "TIER_BANDS_GAP",
          pointer,
          { from: prev.iv.hi, to: next.iv.lo },
          { severity: gapSeverity },
        ),
      );
    }
  }
}

/** Result of banding one score. */
export interface Banded {
  readonly tier: string | null;
  readonly banded: string | null;
  readonly held: boolean;
}

/** Bands a rounded score, keeping the previous tier when hysteresis says so. */
export type Bander = (score: number, previousTier: string | null | undefined) => Banded;

/** Compiles score bands (already validated) into a bander. */
export function compileBands(
  bands: readonly (IntervalSpec & { readonly tier: string })[],
  hysteresis: Hysteresis | undefined,
): Bander {
  const intervals = bands.map(toInterval);
  const tiers = bands.map((b) => b.tier);
  const byTier = new Map<string, Interval[]>();
  intervals.forEach((iv, i) => {
    const list = byTier.get(tiers[i]!) ?? [];
    list.push(iv);
    byTier.set(tiers[i]!, list);
  });
  const margin = hysteresis?.margin ?? 0;
  const count = intervals.length;

  return (score, previousTier) => {
    let banded: string | null = null;
    for (let i = 0; i < count; i++) {
      if (inInterval(score, intervals[i]!)) {
        banded = tiers[i]!;
        break;
      }
    }
    // Hysteresis: leave the previous tier only once the score is `margin` beyond its band.
    if (margin > 0 && previousTier != null && previousTier !== banded) {
      const own = byTier.get(previousTier);
      if (own) {
        for (const iv of own) {
          if (distance(score, iv) < margin) return { tier: previousTier, banded, held: true };
        }
      }
    }
    return { tier: banded, banded, held: false };
  };
}
