/**
 * @module tiers/build-context
 * State shared while one model is checked and compiled in a single pass: the issues found, the
 * compile options, and the compiled models it uses. Also compiles rules and operands so that a
 * bad rule becomes an issue with its pointer instead of an exception.
 */
import { type Issue, issue, KamError, ptrAt } from "../errors/index.ts";
import type { Clock, RuleLogger } from "../ports.ts";
import { compileRule } from "../rules/index.ts";
import type { Operand, TierModel } from "./model-types.ts";
import type { TierContext, TierResult } from "./result.ts";
import { TierError } from "./tier-error.ts";

/** Options the rule compiler takes, derived from its signature so they cannot drift. */
type RuleCompileOptions = NonNullable<Parameters<typeof compileRule>[1]>;

/** Options of `compileTierModel` (and of validation and preview, which compile too). */
export interface CompileTierOptions {
  /** JSON Schema of the form's record data; rule `var` paths are checked against it. */
  readonly dataSchema?: object;
  /** Other models this one (transitively) uses; each is compiled and evaluated on demand. */
  readonly models?: readonly TierModel[];
  /** Clock for `now`-based rules and manual-measure staleness, unless `context.now` is given. */
  readonly clock?: Clock;
  readonly logger?: RuleLogger;
  /** Rule budgets (steps, depth, output size); the rule compiler's defaults otherwise. */
  readonly limits?: RuleCompileOptions["limits"];
}

/** The evaluator of one model. */
export type Evaluate = (record: unknown, context?: TierContext) => TierResult;

/** A value source compiled from an operand. */
export type OperandFn = (record: unknown, context: TierContext | undefined) => unknown;

export interface BuildContext {
  readonly model: TierModel;
  readonly options: CompileTierOptions;
  readonly issues: Issue[];
  /** Evaluators of the used models that could be compiled, by key. */
  readonly dependencies: ReadonlyMap<string, Evaluate>;
}

/** Reads the `issues` of a RuleError (or any KamError carrying several) without importing it. */
function issuesOf(error: KamError): readonly Issue[] {
  const carried = (error as { issues?: unknown }).issues;
  return Array.isArray(carried) && carried.length > 0 ? (carried as Issue[]) : [error.toIssue()];
}

/** Message of an unknown thrown value, for `{detail}` parameters. */
export function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Compiles a rule; an invalid rule adds its issues (pointers below `pointer`) and yields a rule
 * that gives null, so the rest of the model can still be checked. Rule failures at evaluation
 * that are not KamErrors are wrapped in a TierError locating the rule.
 */
export function compileRuleAt(ctx: BuildContext, rule: unknown, pointer: string) {
  const { dataSchema, clock, logger, limits } = ctx.options;
  let compiled: (data: unknown) => unknown;
  try {
    compiled = compileRule(rule, { dataSchema, pointer, clock, logger, limits });
  } catch (error) {
    if (error instanceof KamError) ctx.issues.push(...issuesOf(error));
    else ctx.issues.push(issue("RULE_INVALID", pointer, { detail: detailOf(error) }));
    return (_data: unknown): unknown => null;
  }
  const modelKey = ctx.model.key;
  return (data: unknown): unknown => {
    try {
      return compiled(data);
    } catch (error) {
      if (error instanceof KamError) throw error;
      throw new TierError(
        "TIER_EVAL_FAILED",
        pointer,
        { model: modelKey, detail: detailOf(error) },
        { cause: error },
      );
    }
  };
}

/** The context a used model is evaluated with: the same inputs, minus this model's history. */
function dependencyContext(context: TierContext | undefined): TierContext | undefined {
  if (context?.previousTier == null) return context;
  return { ...context, previousTier: undefined };
}

/**
 * A used model's score for `record`: `context.scores`, then `context.resolveScore`, then the
 * compiled model from `options.models`; null when none knows it.
 */
export function usedScore(
  key: string,
  record: unknown,
  context: TierContext | undefined,
  dependency: Evaluate | undefined,
): number | null {
  let value: unknown;
  const scores = context?.scores;
  if (scores && Object.hasOwn(scores, key)) value = scores[key];
  if (value === undefined && context?.resolveScore) value = context.resolveScore(key, record);
  if (value === undefined && dependency)
    value = dependency(record, dependencyContext(context)).score;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Compiles an operand (exactly one of `rule` and `model`, as the schema guarantees). */
export function compileOperand(ctx: BuildContext, operand: Operand, pointer: string): OperandFn {
  if (operand.model !== undefined) {
    const key = operand.model;
    if (!(ctx.model.uses ?? []).includes(key)) {
      ctx.issues.push(issue("TIER_USES_UNDECLARED", ptrAt(pointer, "model"), { model: key }));
    }
    // Dependencies are compiled before the body, so the lookup happens once, here.
    const dependency = ctx.dependencies.get(key);
    return (record, context) => usedScore(key, record, context, dependency);
  }
  const rule = compileRuleAt(ctx, operand.rule, ptrAt(pointer, "rule"));
  return (record) => rule(record);
}

/** Adds an issue for every tier key that `tiers` does not declare. */
export function checkTierRef(ctx: BuildContext, tier: string | undefined, pointer: string): void {
  if (tier === undefined) return;
  if (!ctx.model.tiers.some((t) => t.key === tier)) {
    ctx.issues.push(issue("TIER_UNKNOWN", pointer, { tier }));
  }
}

/** Adds TIER_DUPLICATE_KEY for every repeated `key` (pointer `${base}/${i}/key`). */
export function checkUniqueKeys(
  ctx: BuildContext,
  items: readonly { readonly key: string }[],
  base: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) {
      ctx.issues.push(issue("TIER_DUPLICATE_KEY", ptrAt(base, i, "key"), { key: item.key }));
    }
    seen.add(item.key);
  });
}
