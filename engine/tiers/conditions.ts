/**
 * @module tiers/conditions
 * DMN unary tests of decision-table cells, compiled to predicates. Comparisons and ranges only
 * match numbers; equality and sets use strict equality; a missing input (undefined) is null.
 */
import { inInterval, toInterval } from "./bands.ts";
import type { Condition } from "./model-types.ts";

export type Predicate = (value: unknown) => boolean;

/** Compiles one condition; `null` for "any", which the evaluator skips. */
export function compileCondition(condition: Condition): Predicate | null {
  switch (condition.op) {
    case "any":
      return null;
    case "<": {
      const c = condition.value;
      return (v) => typeof v === "number" && v < c;
    }
    case "<=": {
      const c = condition.value;
      return (v) => typeof v === "number" && v <= c;
    }
    case ">": {
      const c = condition.value;
      return (v) => typeof v === "number" && v > c;
    }
    case ">=": {
      const c = condition.value;
      return (v) => typeof v === "number" && v >= c;
    }
    case "==": {
      const c = condition.value;
      return (v) => v === c;
    }
    case "!=": {
      const c = condition.value;
      return (v) => v !== c;
    }
    case "range": {
      const iv = toInterval(condition);
      return (v) => typeof v === "number" && inInterval(v, iv);
    }
    case "in": {
      const set = new Set<unknown>(condition.values);
      return (v) => set.has(v);
    }
    case "not-in": {
      const set = new Set<unknown>(condition.values);
      return (v) => !set.has(v);
    }
  }
}
