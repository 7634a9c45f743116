/**
 * @module tiers/scorecard
 * Scorecards: weighted measures, optionally in weighted groups (Gainsight's Σ(weight × score) /
 * Σweight at each level), a missing-value policy, manual measures with a validity period, score
 * bands with declared edges, and hysteresis.
 */
import { issue, ptr, ptrAt } from "../errors/index.ts";
import { roundDecimal } from "../rules/index.ts";
import { checkIntervals, compileBands } from "./bands.ts";
import {
  type BuildContext,
  checkTierRef,
  checkUniqueKeys,
  compileRuleAt,
  type Evaluate,
} from "./build-context.ts";
import { addDuration, type Duration, parseDuration } from "./duration.ts";
import { DEFAULT_PRECISION, type ScorecardModel } from "./model-types.ts";
import type {
  GroupBreakdown,
  ManualStatus,
  MeasureBreakdown,
  ScorecardBreakdown,
} from "./result.ts";
import { checkScale, compileScale, type ScaleFn } from "./scale.ts";

interface CompiledMeasure {
  readonly key: string;
  readonly group: string | null;
  readonly groupIndex: number;
  readonly weight: number;
  readonly value: (data: unknown) => unknown;
  readonly scale: ScaleFn;
  readonly zeroWhenMissing: boolean;
  readonly manual: { readonly validFor: Duration; readonly staleIsMissing: boolean } | null;
}

/** Checks the scorecard's own parts and compiles its evaluator. */
export function buildScorecard(ctx: BuildContext, model: ScorecardModel): Evaluate {
  const { issues } = ctx;
  const groups = model.groups ?? [];
  checkUniqueKeys(ctx, model.measures, "/measures");
  checkUniqueKeys(ctx, groups, "/groups");
  const groupIndex = new Map(groups.map((g, i) => [g.key, i]));
  const usedGroups = new Set<string>();
  const modelZero = model.missing === "zero";

  const measures: CompiledMeasure[] = model.measures.map((m, i) => {
    const base = ptr("measures", i);
    if (m.group !== undefined) {
      usedGroups.add(m.group);
      if (!groupIndex.has(m.group)) {
        issues.push(issue("TIER_GROUP_UNKNOWN", ptrAt(base, "group"), { group: m.group }));
      }
    } else if (groups.length > 0) {
      issues.push(issue("TIER_GROUP_REQUIRED", base, { measure: m.key }));
    }
    checkScale(m.scale, ptrAt(base, "scale"), issues);
    let manual: CompiledMeasure["manual"] = null;
    if (m.manual) {
      const validFor = parseDuration(m.manual.validFor);
      if (validFor === null) {
        issues.push(
          issue("TIER_DURATION_INVALID", ptrAt(base, "manual", "validFor"), {
            value: m.manual.validFor,
          }),
        );
      } else manual = { validFor, staleIsMissing: m.manual.whenStale === "missing" };
    }
    return {
      key: m.key,
      group: m.group ?? null,
      groupIndex: m.group === undefined ? -1 : (groupIndex.get(m.group) ?? -1),
      weight: m.weight,
      value: compileRuleAt(ctx, m.value, ptrAt(base, "value")),
      scale: compileScale(m.scale),
      zeroWhenMissing: m.missing === undefined ? modelZero : m.missing === "zero",
      manual,
    };
  });
  groups.forEach((g, i) => {
    if (!usedGroups.has(g.key)) {
      issues.push(
        issue("TIER_GROUP_EMPTY", ptr("groups", i), { group: g.key }, { severity: "warning" }),
      );
    }
  });
  for (const [i, b] of model.bands.entries()) checkTierRef(ctx, b.tier, ptr("bands", i, "tier"));
  checkIntervals(model.bands, "/bands", issues, "error");

  const bander = compileBands(model.bands, model.hysteresis);
  const precision = model.precision ?? DEFAULT_PRECISION;
  const clock = ctx.options.clock;
  const key = model.key;
  const groupWeights = groups.map((g) => g.weight);
  const groupKeys = groups.map((g) => g.key);
  const grouped = groups.length > 0;
  const count = measures.length;

  return (record, context) => {
    let now: number | undefined = context?.now;
    const manualEntries = context?.manual;
    const raws: unknown[] = new Array(count);
    const scores: (number | null)[] = new Array(count);
    const statuses: (ManualStatus | null)[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const m = measures[i]!;
      let raw: unknown;
      let status: ManualStatus | null = null;
      let stale = false;
      if (m.manual !== null) {
        const entry =
          manualEntries && Object.hasOwn(manualEntries, m.key) ? manualEntries[m.key] : undefined;
        if (entry) {
          now ??= requireNow(clock, key);
          stale = now > addDuration(entry.enteredAt, m.manual.validFor);
          raw = entry.value;
          status = {
            source: "entry",
            enteredAt: entry.enteredAt,
            ageMs: now - entry.enteredAt,
            stale,
          };
        } else {
          raw = m.value(record);
          status = { source: "rule", enteredAt: null, ageMs: null, stale: false };
        }
      } else raw = m.value(record);
      raws[i] = raw;
      scores[i] = stale && m.manual?.staleIsMissing ? null : m.scale(raw);
      statuses[i] = status;
    }

    const shares: number[] = new Array(count);
    let unrounded: number | null;
    let groupBreakdown: readonly GroupBreakdown[] = NO_GROUPS;
    if (grouped) {
      const result = aggregateGrouped(measures, scores, groupKeys, groupWeights, shares);
      unrounded = result.total;
      groupBreakdown = result.groups;
    } else unrounded = aggregateFlat(measures, scores, shares);

    const breakdownMeasures: MeasureBreakdown[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const m = measures[i]!;
      const score = scores[i] ?? null;
      breakdownMeasures[i] = {
        key: m.key,
        group: m.group,
        raw: raws[i],
        score,
        weight: m.weight,
        contribution: shares[i]!,
        missing: score === null,
        manual: statuses[i] ?? null,
      };
    }
    if (unrounded === null) {
      const breakdown: ScorecardBreakdown = {
        kind: "scorecard",
        measures: breakdownMeasures,
        groups: groupBreakdown,
        unrounded,
        banded: null,
        held: false,
      };
      return { model: key, score: null, tier: null, unassigned: "no-score", breakdown };
    }
    const score = roundDecimal(unrounded, precision);
    const banded = bander(score, context?.previousTier);
    const breakdown: ScorecardBreakdown = {
      kind: "scorecard",
      measures: breakdownMeasures,
      groups: groupBreakdown,
      unrounded,
      banded: banded.banded,
      held: banded.held,
    };
    return {
      model: key,
      score,
      tier: banded.tier,
      unassigned: banded.tier === null ? "no-band" : null,
      breakdown,
    };
  };
}

const NO_GROUPS: readonly GroupBreakdown[] = Object.freeze([]);

/**
 * Σ(weight × score) / Σweight over the measures that count: present ones, and missing ones whose
 * policy is "zero" (score 0, weight kept). Writes each measure's share of the total to `shares`.
 */
function aggregateFlat(
  measures: readonly CompiledMeasure[],
  scores: readonly (number | null)[],
  shares: number[],
): number | null {
  const count = measures.length;
  let sumW = 0;
  let sumWS = 0;
  for (let i = 0; i < count; i++) {
    const s = scores[i];
    const w = measures[i]!.weight;
    if (s != null) {
      sumW += w;
      sumWS += w * s;
    } else if (measures[i]!.zeroWhenMissing) sumW += w;
  }
  for (let i = 0; i < count; i++) {
    const s = scores[i];
    shares[i] = s != null && sumW > 0 ? (measures[i]!.weight * s) / sumW : 0;
  }
  return sumW > 0 ? sumWS / sumW : null;
}

/** The same at two levels: measures within each group, then groups by their weights. */
function aggregateGrouped(
  measures: readonly CompiledMeasure[],
  scores: readonly (number | null)[],
  groupKeys: readonly string[],
  groupWeights: readonly number[],
  shares: number[],
): { total: number | null; groups: GroupBreakdown[] } {
  const g = groupWeights.length;
  const count = measures.length;
  const gW = new Array<number>(g).fill(0);
  const gWS = new Array<number>(g).fill(0);
  for (let i = 0; i < count; i++) {
    const m = measures[i]!;
    const s = scores[i];
    const j = m.groupIndex;
    if (j < 0) continue;
    if (s != null) {
      gW[j]! += m.weight;
      gWS[j]! += m.weight * s;
    } else if (m.zeroWhenMissing) gW[j]! += m.weight;
  }
  // A group without any counted measure is left out of the total (renormalised at group level).
  let totalW = 0;
  let totalWS = 0;
  const groupScores: (number | null)[] = new Array(g);
  for (let j = 0; j < g; j++) {
    const score = gW[j]! > 0 ? gWS[j]! / gW[j]! : null;
    groupScores[j] = score;
    if (score !== null) {
      totalW += groupWeights[j]!;
      totalWS += groupWeights[j]! * score;
    }
  }
  const groups: GroupBreakdown[] = new Array(g);
  for (let j = 0; j < g; j++) {
    const score = groupScores[j] ?? null;
    groups[j] = {
      key: groupKeys[j]!,
      score,
      weight: groupWeights[j]!,
      contribution: score !== null && totalW > 0 ? (groupWeights[j]! * score) / totalW : 0,
    };
  }
  for (let i = 0; i < count; i++) {
    const m = measures[i]!;
    const s = scores[i];
    const j = m.groupIndex;
    const share = j >= 0 && groupScores[j] != null && totalW > 0 ? groupWeights[j]! / totalW : 0;
    shares[i] = s != null && j >= 0 ? ((m.weight * s) / gW[j]!) * share : 0;
  }
  return { total: totalW > 0 ? totalWS / totalW : null, groups };
}

/** Staleness needs a time; its absence is a programming error of the caller, not the user's. */
function requireNow(clock: { now(): number } | undefined, model: string): number {
  if (!clock) {
    throw new Error(
      `Tier model "${model}" has manual entries to judge for staleness: pass options.clock or context.now`,
    );
  }
  return clock.now();
}
