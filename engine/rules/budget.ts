/**
 * @module rules/budget
 * Evaluation budget of one compiled rule. The counter lives on the compiled rule and is reset by
 * its entry point, so the hot path pays one addition per loop iteration and nothing per node.
 */
import type { RuleLimits } from "./limits.ts";
import { RuleError } from "./rule-error.ts";

export interface Budget {
  steps: number;
  readonly limits: RuleLimits;
}

export function budgetExceeded(what: string, limit: number, pointer: string): RuleError {
  return new RuleError("RULE_BUDGET_EXCEEDED", pointer, { what, limit });
}

/** Adds `n` steps; throws RULE_BUDGET_EXCEEDED past the limit. */
export function charge(budget: Budget, n: number, pointer: string): void {
  budget.steps += n;
  if (budget.steps > budget.limits.maxSteps) {
    throw budgetExceeded("steps", budget.limits.maxSteps, pointer);
  }
}

/**
 * The size a value would have once written out: elements and members counted through nested
 * arrays and objects, shared references counted each time. A `reduce` can build a value that
 * shares itself ([acc, acc]) and doubles every iteration at no cost until something prints it;
 * this walk stops as soon as `limit` is passed.
 */
export function expandedSize(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 1;
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    count++;
    if (count > limit) return count;
    if (Array.isArray(current)) {
      for (const item of current) {
        if (item !== null && typeof item === "object") stack.push(item);
        else count++;
      }
    } else if (current !== null && typeof current === "object") {
      for (const item of Object.values(current)) {
        if (item !== null && typeof item === "object") stack.push(item);
        else count++;
      }
    }
  }
  return count;
}
