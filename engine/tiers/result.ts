/**
 * @module tiers/result
 * What evaluating a compiled tier model returns and what it may be given: the result with its
 * per-kind breakdown, and the evaluation context.
 */
import type { Quadrant } from "./model-types.ts";

/** A measure value a person entered, with its entry time (epoch milliseconds). */
export interface ManualEntry {
  readonly value: unknown;
  readonly enteredAt: number;
}

/** Optional inputs of one evaluation. */
export interface TierContext {
  /** The account's tier before this evaluation; scorecards and banded tables apply hysteresis. */
  readonly previousTier?: string | null;
  /** Scores of used models by key; take precedence over `resolveScore` and compiled `models`. */
  readonly scores?: Readonly<Record<string, number | null | undefined>>;
  /** Looks up a used model's score (e.g. the stored assignment); `undefined` means "not known". */
  readonly resolveScore?: (modelKey: string, record: unknown) => number | null | undefined;
  /** Manual measure entries by measure key. */
  readonly manual?: Readonly<Record<string, ManualEntry | undefined>>;
  /** Evaluation time (epoch ms); overrides the compile-time `clock`. */
  readonly now?: number;
}

/** Why a result carries no tier. */
export type UnassignedReason =
  /** No measure had a value (scorecard) or no score was produced (aggregating table). */
  | "no-score"
  /** The score falls in no band. */
  | "no-band"
  /** No row matched and the table has no default output. */
  | "no-match"
  /** Hit policy unique or any was violated (DMN: the table gives no result). */
  | "hit-policy-violation"
  /** A matrix axis had no value. */
  | "missing-input";

/** Staleness of a manual measure. */
export interface ManualStatus {
  /** "entry": from `context.manual`; "rule": no entry, the measure's rule gave the value. */
  readonly source: "entry" | "rule";
  readonly enteredAt: number | null;
  readonly ageMs: number | null;
  readonly stale: boolean;
}

export interface MeasureBreakdown {
  readonly key: string;
  readonly group: string | null;
  /** The value the rule (or manual entry) gave. */
  readonly raw: unknown;
  /** Normalised score, null when missing (before the zero policy). */
  readonly score: number | null;
  readonly weight: number;
  /** Share of the total score (unrounded); contributions add up to the unrounded score. */
  readonly contribution: number;
  /** True when the value was missing (or stale and treated as missing). */
  readonly missing: boolean;
  readonly manual: ManualStatus | null;
}

export interface GroupBreakdown {
  readonly key: string;
  readonly score: number | null;
  readonly weight: number;
  readonly contribution: number;
}

/** Banding of a score into a tier, with hysteresis. */
export interface BandingBreakdown {
  /** The tier the score's band gives, before hysteresis. */
  readonly banded: string | null;
  /** True when hysteresis kept the previous tier instead of `banded`. */
  readonly held: boolean;
}

export interface ScorecardBreakdown extends BandingBreakdown {
  readonly kind: "scorecard";
  readonly measures: readonly MeasureBreakdown[];
  readonly groups: readonly GroupBreakdown[];
  /** The score before rounding to the model's precision. */
  readonly unrounded: number | null;
}

/** One output of a decision table (rule order, output order and collect list them all). */
export interface TableOutput {
  readonly row: number;
  readonly id: string | null;
  readonly tier: string | null;
  readonly score: number | null;
}

export interface TableViolation {
  readonly code: "TIER_HIT_UNIQUE_VIOLATED" | "TIER_HIT_ANY_VIOLATED";
  readonly rows: readonly number[];
}

export interface DecisionTableBreakdown extends BandingBreakdown {
  readonly kind: "decision-table";
  /** Input values by input key. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /**
   * Indices of the matching rows, in row order. Hit policies first and priority stop at the row
   * they select, so they list that row only.
   */
  readonly matched: readonly number[];
  /** The outputs the hit policy selected, in its order; empty when none. */
  readonly outputs: readonly TableOutput[];
  /** True when no row matched and the default output was used. */
  readonly usedDefault: boolean;
  /** Present when hit policy unique or any was violated. */
  readonly violation: TableViolation | null;
}

export interface AxisBreakdown {
  /** The axis value after rounding; null when missing. */
  readonly value: number | null;
  readonly side: "high" | "low" | null;
}

export interface MatrixBreakdown {
  readonly kind: "matrix";
  readonly x: AxisBreakdown;
  readonly y: AxisBreakdown;
  readonly quadrant: Quadrant | null;
}

export type TierBreakdown = ScorecardBreakdown | DecisionTableBreakdown | MatrixBreakdown;

/** The result of evaluating a tier model on one record. */
export interface TierResult {
  /** Key of the model that produced the result. */
  readonly model: string;
  /** Score rounded to the model's precision; null for matrices and when nothing was scored. */
  readonly score: number | null;
  /** Tier key, or null when no tier applies (see `unassigned`). */
  readonly tier: string | null;
  /** Why `tier` is null; null whenever a tier was assigned. */
  readonly unassigned: UnassignedReason | null;
  readonly breakdown: TierBreakdown;
}
