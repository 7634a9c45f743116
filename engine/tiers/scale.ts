/**
 * @module tiers/scale
 * Scales turn a measure's raw value into a normalised score (null: missing).
 */
import { type Issue, issue, ptrAt } from "../errors/index.ts";
import { checkIntervals, inInterval, toInterval } from "./bands.ts";
import type { Scale } from "./model-types.ts";

/** A compiled scale: raw value → score, or null when the value counts as missing. */
export type ScaleFn = (raw: unknown) => number | null;

/** Checks a scale's semantics (the schema checked its shape). */
export function checkScale(scale: Scale, pointer: string, issues: Issue[]): void {
  switch (scale.kind) {
    case "linear":
      if (!(scale.min < scale.max)) {
        issues.push(issue("TIER_SCALE_RANGE", pointer, { min: scale.min, max: scale.max }));
      }
      return;
    case "bands":
      // A raw value in no band is missing, which may be intended: gaps are warnings.
      checkIntervals(scale.bands, ptrAt(pointer, "bands"), issues, "warning");
      return;
    case "lookup": {
      const seen = new Set<unknown>();
      scale.entries.forEach((entry, i) => {
        if (seen.has(entry.value)) {
          issues.push(
            issue("TIER_DUPLICATE_KEY", ptrAt(pointer, "entries", i, "value"), {
              key: entry.value,
            }),
          );
        }
        seen.add(entry.value);
      });
    }
  }
}

/** Compiles a (checked) scale. */
export function compileScale(scale: Scale): ScaleFn {
  switch (scale.kind) {
    case "linear": {
      const { min, max } = scale;
      const span = max - min;
      // (raw - min) * 100 / span keeps exact decimals exact more often than (raw - min) / span * 100.
      return scale.reversed === true
        ? (raw) => {
            if (typeof raw !== "number" || !Number.isFinite(raw)) return null;
            if (raw <= min) return 100;
            if (raw >= max) return 0;
            return ((max - raw) * 100) / span;
          }
        : (raw) => {
            if (typeof raw !== "number" || !Number.isFinite(raw)) return null;
            if (raw <= min) return 0;
            if (raw >= max) return 100;
            return ((raw - min) * 100) / span;
          };
    }
    case "bands": {
      const intervals = scale.bands.map(toInterval);
      const scores = scale.bands.map((b) => b.score);
      const count = intervals.length;
      return (raw) => {
        if (typeof raw !== "number" || !Number.isFinite(raw)) return null;
        for (let i = 0; i < count; i++) if (inInterval(raw, intervals[i]!)) return scores[i]!;
        return null;
      };
    }
    case "lookup": {
      const table = new Map<unknown, number>();
      for (const entry of scale.entries)
        if (!table.has(entry.value)) table.set(entry.value, entry.score);
      const otherwise = scale.otherwise ?? null;
      return (raw) => {
        if (raw === null || raw === undefined) return null;
        const score = table.get(raw);
        return score === undefined ? otherwise : score;
      };
    }
  }
}
