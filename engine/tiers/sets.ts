/**
 * @module tiers/sets
 * Value sets for the decision-table analysis: unions of intervals for numeric inputs and
 * finite / co-finite sets for discrete inputs, each closed under intersection and difference,
 * so a row's conditions become a box and coverage questions become box arithmetic.
 */
import { type Interval, intervalIsEmpty, toInterval } from "./bands.ts";
import type { Condition } from "./model-types.ts";

/** The operations the analysis needs on one input's value sets. */
export interface SetOps<S> {
  intersect(a: S, b: S): S;
  subtract(a: S, b: S): S;
  isEmpty(a: S): boolean;
  describe(a: S): string;
}

export type Scalar = string | number | boolean | null;

// ---------- numeric: sorted, disjoint intervals ----------

export type NumSet = readonly Interval[];

const FULL_LINE: Interval = {
  lo: Number.NEGATIVE_INFINITY,
  hi: Number.POSITIVE_INFINITY,
  loIn: false,
  hiIn: false,
};

function intersectInterval(a: Interval, b: Interval): Interval {
  const [lo, loIn] =
    a.lo > b.lo ? [a.lo, a.loIn] : b.lo > a.lo ? [b.lo, b.loIn] : [a.lo, a.loIn && b.loIn];
  const [hi, hiIn] =
    a.hi < b.hi ? [a.hi, a.hiIn] : b.hi < a.hi ? [b.hi, b.hiIn] : [a.hi, a.hiIn && b.hiIn];
  return { lo, hi, loIn, hiIn };
}

function byLowerEdge(a: Interval, b: Interval): number {
  return a.lo === b.lo ? Number(b.loIn) - Number(a.loIn) : a.lo < b.lo ? -1 : 1;
}

function numIntersect(a: NumSet, b: NumSet): NumSet {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const iv = intersectInterval(x, y);
      if (!intervalIsEmpty(iv)) out.push(iv);
    }
  }
  return out.sort(byLowerEdge);
}

function numComplement(a: NumSet): NumSet {
  const out: Interval[] = [];
  let lo = Number.NEGATIVE_INFINITY;
  let loIn = false;
  for (const iv of a) {
    const gap = { lo, loIn, hi: iv.lo, hiIn: Number.isFinite(iv.lo) && !iv.loIn };
    if (!intervalIsEmpty(gap)) out.push(gap);
    lo = iv.hi;
    loIn = Number.isFinite(iv.hi) && !iv.hiIn;
  }
  const last = { lo, loIn, hi: Number.POSITIVE_INFINITY, hiIn: false };
  if (!intervalIsEmpty(last)) out.push(last);
  return out;
}

function describeInterval(iv: Interval): string {
  if (iv.lo === iv.hi) return `= ${iv.lo}`;
  const lo = Number.isFinite(iv.lo) ? String(iv.lo) : "-∞";
  const hi = Number.isFinite(iv.hi) ? String(iv.hi) : "+∞";
  return `${iv.loIn ? "[" : "("}${lo}, ${hi}${iv.hiIn ? "]" : ")"}`;
}

export const numericOps: SetOps<NumSet> = {
  intersect: numIntersect,
  subtract: (a, b) => numIntersect(a, numComplement(b)),
  isEmpty: (a) => a.length === 0,
  describe: (a) => a.map(describeInterval).join(" ∪ "),
};

/** The numeric domain: an interval with both edges included, or the whole line. */
export function numericDomain(domain: { min?: number; max?: number } | undefined): NumSet {
  if (!domain || (domain.min === undefined && domain.max === undefined)) return [FULL_LINE];
  return [toInterval({ min: domain.min, max: domain.max, includes: "both" })];
}

function points(values: readonly number[]): NumSet {
  return [...new Set(values)]
    .sort((x, y) => x - y)
    .map((v) => ({ lo: v, hi: v, loIn: true, hiIn: true }));
}

/** A numeric condition as a set; null when the condition is not numeric. */
export function numericSet(condition: Condition): NumSet | null {
  const inf = Number.POSITIVE_INFINITY;
  switch (condition.op) {
    case "any":
      return [FULL_LINE];
    case "<":
      return [{ lo: -inf, hi: condition.value, loIn: false, hiIn: false }];
    case "<=":
      return [{ lo: -inf, hi: condition.value, loIn: false, hiIn: true }];
    case ">":
      return [{ lo: condition.value, hi: inf, loIn: false, hiIn: false }];
    case ">=":
      return [{ lo: condition.value, hi: inf, loIn: true, hiIn: false }];
    case "range": {
      const iv = toInterval(condition);
      return intervalIsEmpty(iv) ? [] : [iv];
    }
    case "==":
    case "!=": {
      if (typeof condition.value !== "number") return null;
      const point = points([condition.value]);
      return condition.op === "==" ? point : numComplement(point);
    }
    case "in":
    case "not-in": {
      if (!condition.values.every((v) => typeof v === "number")) return null;
      const set = points(condition.values as number[]);
      return condition.op === "in" ? set : numComplement(set);
    }
  }
}

// ---------- discrete: finite or co-finite sets of literals ----------

export interface DiscreteSet {
  /** True: every value except `values`; false: exactly `values`. */
  readonly negated: boolean;
  readonly values: ReadonlyMap<string, Scalar>;
}

const keyOf = (v: Scalar): string => JSON.stringify(v);

export function discreteOf(values: readonly Scalar[], negated = false): DiscreteSet {
  return { negated, values: new Map(values.map((v) => [keyOf(v), v])) };
}

function filter(a: DiscreteSet, keep: (key: string) => boolean, negated: boolean): DiscreteSet {
  const values = new Map<string, Scalar>();
  for (const [k, v] of a.values) if (keep(k)) values.set(k, v);
  return { negated, values };
}

function discreteIntersect(a: DiscreteSet, b: DiscreteSet): DiscreteSet {
  if (!a.negated && !b.negated) return filter(a, (k) => b.values.has(k), false);
  if (!a.negated) return filter(a, (k) => !b.values.has(k), false);
  if (!b.negated) return filter(b, (k) => !a.values.has(k), false);
  return { negated: true, values: new Map([...a.values, ...b.values]) };
}

export const discreteOps: SetOps<DiscreteSet> = {
  intersect: discreteIntersect,
  subtract: (a, b) => discreteIntersect(a, { negated: !b.negated, values: b.values }),
  isEmpty: (a) => !a.negated && a.values.size === 0,
  describe: (a) => {
    const list = [...a.values.values()].map((v) => JSON.stringify(v)).join(", ");
    if (a.negated) return a.values.size === 0 ? "any" : `not in {${list}}`;
    return `in {${list}}`;
  },
};

/** A condition as a discrete set (comparisons and ranges are not discrete: null). */
export function discreteSet(condition: Condition): DiscreteSet | null {
  switch (condition.op) {
    case "any":
      return discreteOf([], true);
    case "==":
      return discreteOf([condition.value]);
    case "!=":
      return discreteOf([condition.value], true);
    case "in":
      return discreteOf(condition.values);
    case "not-in":
      return discreteOf(condition.values, true);
    default:
      return null;
  }
}
