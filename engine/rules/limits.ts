/**
 * @module rules/limits
 * The bounds every rule is held to: when it is saved (shape) and when it runs (budget).
 */

export interface RuleLimits {
  /** Operation and array-literal nesting, checked on save. */
  readonly maxDepth: number;
  /** JSON values in the rule (operations, arrays, literals), checked on save. */
  readonly maxNodes: number;
  /** Approximate serialized size in characters, checked on save. */
  readonly maxRuleChars: number;
  /** Elements of one array literal, checked on save. */
  readonly maxArrayLiteral: number;
  /** Evaluation steps: loop iterations × the size of the looped logic, plus produced elements. */
  readonly maxSteps: number;
  /** Elements of one array a rule builds (merge, map, filter). */
  readonly maxArrayLength: number;
  /** Characters of one string a rule builds (cat, substr). */
  readonly maxStringLength: number;
}

/**
 * Defaults sized for interactive use: a rule at the limits evaluates in tens of milliseconds and
 * a few megabytes. json-logic-js itself builds 67 million elements (1.35 GB) from a 26-element
 * `reduce` + `merge` doubling rule; these limits stop it after 17 doublings.
 */
export const defaultRuleLimits: RuleLimits = Object.freeze({
  maxDepth: 32,
  maxNodes: 2000,
  maxRuleChars: 100_000,
  maxArrayLiteral: 1000,
  maxSteps: 1_000_000,
  maxArrayLength: 100_000,
  maxStringLength: 1_000_000,
});
