/**
 * @module rules
 * TEMPORARY FACADE while the compiler is written: same public signatures as the final module.
 */
import jsonLogic from "json-logic-js";
import type { Clock, RuleLogger } from "../ports.ts";

export interface RuleLimits {
  maxDepth: number;
  maxNodes: number;
  maxRuleChars: number;
  maxSteps: number;
  maxOutputLength: number;
}

export interface CompileOptions {
  /** JSON Schema of the data the rule reads; `var` paths are checked against it. */
  dataSchema?: object;
  /** Pointer of the rule inside its document, prefixed to every issue's pointer. */
  pointer?: string;
  limits?: Partial<RuleLimits>;
  clock?: Clock;
  logger?: RuleLogger;
}

export type CompiledRule = (data: unknown) => unknown;

export function compileRule(rule: unknown, _options: CompileOptions = {}): CompiledRule {
  return (data) => jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
}

export function truthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
