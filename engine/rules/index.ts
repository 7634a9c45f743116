/**
 * @module rules
 * kamflow's JSON Logic compiler: json-logic-js semantics, compiled once into closures, bounded
 * by save-time limits and a run-time budget, unable to reach prototypes or call methods.
 */

import type { Issue } from "../errors/kam-error.ts";
import type { Clock, RuleLogger } from "../ports.ts";
import {
  type CompiledRule,
  type CompileOptions,
  createRuleEngine,
  type RuleEngine,
  type RuleEngineOptions,
} from "./engine.ts";

export { defaultRuleLimits, type RuleLimits } from "./limits.ts";
export { customOperators } from "./operators/custom.ts";
export { roundDecimal } from "./operators/round.ts";
export { RuleError } from "./rule-error.ts";
export { truthy } from "./truthy.ts";
export type { CompiledRule, CompileOptions, RuleEngine, RuleEngineOptions };
export { createRuleEngine };

/** Options of the convenience `compileRule`: compile options plus an engine's clock and logger. */
export interface CompileRuleOptions extends CompileOptions {
  readonly clock?: Clock;
  readonly logger?: RuleLogger;
  readonly timeZone?: string;
}

let defaultEngine: RuleEngine | undefined;

function engineFor(options: CompileRuleOptions): RuleEngine {
  if (options.clock || options.logger || options.timeZone) {
    return createRuleEngine({
      clock: options.clock,
      logger: options.logger,
      timeZone: options.timeZone,
    });
  }
  defaultEngine ??= createRuleEngine();
  return defaultEngine;
}

/**
 * Compiles a rule with a default engine (or one made for the given clock/logger).
 * Throws RuleError, carrying every issue, when the rule is invalid.
 * @example
 * const health = compileRule({ "+": [{ "*": [{ var: "usage" }, 0.4] }, { "*": [{ var: "nps" }, 0.1] }] });
 * health({ usage: 90, nps: 50 }); // 41
 */
export function compileRule(rule: unknown, options: CompileRuleOptions = {}): CompiledRule {
  return engineFor(options).compile(rule, options);
}

/** Every problem of a rule, without throwing; empty when it is valid. */
export function validateRule(rule: unknown, options: CompileRuleOptions = {}): Issue[] {
  return engineFor(options).validate(rule, options);
}
