/**
 * @module flows/interpreter/rule-cache
 * Compiled rules of a definition, cached per rule engine (it carries the instance clock) and
 * definition object, keyed by the rule's pointer: a published version's rule at a pointer never
 * changes, so each is compiled once and evaluated many times.
 */
import type { FlowDefinition } from "../../../schemas/index.ts";
import type { CompiledRule, RuleEngine } from "../../rules/index.ts";

const caches = new WeakMap<RuleEngine, WeakMap<FlowDefinition, Map<string, CompiledRule>>>();

/**
 * The compiled rule at `pointer` of `definition`. Throws RuleError (a KamError) when the rule
 * does not compile, which the interpreter turns into an incident at that pointer.
 */
export function compiledRule(
  engine: RuleEngine,
  definition: FlowDefinition,
  pointer: string,
  rule: unknown,
): CompiledRule {
  let byDefinition = caches.get(engine);
  if (!byDefinition) {
    byDefinition = new WeakMap();
    caches.set(engine, byDefinition);
  }
  let rules = byDefinition.get(definition);
  if (!rules) {
    rules = new Map();
    byDefinition.set(definition, rules);
  }
  let compiled = rules.get(pointer);
  if (!compiled) {
    compiled = engine.compile(rule, { pointer });
    rules.set(pointer, compiled);
  }
  return compiled;
}
