/**
 * @module forms/compile-rules
 * Compiles every rule of a form once, against the expanded data schema, collecting the
 * compiler's typed errors as issues instead of letting them escape.
 */
import { type Issue, issue, KamError } from "../errors/index.ts";
import { type CompiledRule, createRuleEngine, type RuleEngine } from "../rules/index.ts";
import type { FormRuleEntry } from "./check-rules.ts";
import type { JsonSchemaNode } from "./field-types.ts";

/** How form rules are compiled. */
export interface FormRuleOptions {
  /**
   * The rule engine that compiles the form's rules: its clock serves `now` and `days_since`, its
   * logger `log`, its limits bound every rule.
   * @default a shared engine without a clock (rules using `now` fail when evaluated)
   */
  readonly ruleEngine?: RuleEngine;
}

let defaultEngine: RuleEngine | undefined;

/** A compiled rule with the entry it came from. */
export interface CompiledFormRule extends FormRuleEntry {
  readonly evaluate: CompiledRule;
}

function issuesOf(error: unknown, pointer: string): readonly Issue[] {
  if (error instanceof KamError) {
    // RuleError carries every problem it found; a plain KamError just itself.
    const many = (error as { issues?: unknown }).issues;
    return Array.isArray(many) && many.length > 0 ? (many as Issue[]) : [error.toIssue()];
  }
  // Anything else is a compiler bug; report it on the rule rather than crash validation.
  const detail = error instanceof Error ? error.message : String(error);
  return [issue("RULE_INVALID", pointer, { detail })];
}

/**
 * Compiles `entries` (skipping pointers in `skip`, which already have issues).
 * @example
 * const { compiled, issues } = compileFormRules(listFormRules(def), schema, new Set(), {});
 */
export function compileFormRules(
  entries: readonly FormRuleEntry[],
  dataSchema: JsonSchemaNode,
  skip: ReadonlySet<string>,
  options: FormRuleOptions,
): { compiled: CompiledFormRule[]; issues: Issue[] } {
  const compiled: CompiledFormRule[] = [];
  const issues: Issue[] = [];
  defaultEngine ??= createRuleEngine();
  const engine = options.ruleEngine ?? defaultEngine;
  for (const entry of entries) {
    if (skip.has(entry.pointer)) continue;
    try {
      const evaluate = engine.compile(entry.rule, { dataSchema, pointer: entry.pointer });
      compiled.push({ ...entry, evaluate });
    } catch (error) {
      issues.push(...issuesOf(error, entry.pointer));
    }
  }
  return { compiled, issues };
}
