/**
 * @module tiers/compile
 * Checks and compiles a tier model in one pass: schema, shared parts (tiers, uses, criteria),
 * then the kind's body. Used models are compiled once per compile call and evaluated on demand.
 */
import { DefinitionError, type Issue, issue, ptr } from "../errors/index.ts";
import {
  type BuildContext,
  type CompileTierOptions,
  checkUniqueKeys,
  compileRuleAt,
  type Evaluate,
} from "./build-context.ts";
import { buildDecisionTable } from "./decision-table.ts";
import { buildMatrix } from "./matrix.ts";
import type { ModelKind, TierModel } from "./model-types.ts";
import type { TierContext, TierResult } from "./result.ts";
import { schemaIssues } from "./schema-issues.ts";
import { buildScorecard } from "./scorecard.ts";

/** A compiled tier model: call it with a record (and optionally a context). */
export interface CompiledTierModel {
  (record: unknown, context?: TierContext): TierResult;
  readonly key: string;
  readonly modelKind: ModelKind;
  readonly model: TierModel;
}

/** One model's compile outcome: its evaluator (meaningful only without errors) and issues. */
export interface Built {
  readonly evaluate: Evaluate;
  readonly issues: Issue[];
}

type Cache = Map<string, Built>;

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity !== "warning");
}

const unusable: Evaluate = () => {
  throw new Error("This tier model did not compile; check its issues first");
};

/**
 * Checks `model` and compiles it; never throws for a fault in the model (issues describe it).
 * `cache` and `stack` carry used models across the recursion.
 */
export function buildTierModel(
  model: TierModel,
  options: CompileTierOptions,
  cache: Cache = new Map(),
  stack: readonly string[] = [],
): Built {
  const fromSchema = schemaIssues(model);
  if (fromSchema.length > 0) return { evaluate: unusable, issues: fromSchema };
  const issues: Issue[] = [];
  const dependencies = buildDependencies(model, options, issues, cache, [...stack, model.key]);
  const ctx: BuildContext = { model, options, issues, dependencies };
  checkUniqueKeys(ctx, model.tiers, "/tiers");
  if (model.appliesWhen !== undefined) compileRuleAt(ctx, model.appliesWhen, "/appliesWhen");
  const evaluate = buildBody(ctx, model);
  checkTiersAssigned(model, issues);
  issues.sort((a, b) => Number(a.severity === "warning") - Number(b.severity === "warning"));
  return { evaluate, issues };
}

function buildBody(ctx: BuildContext, model: TierModel): Evaluate {
  switch (model.modelKind) {
    case "scorecard":
      return buildScorecard(ctx, model);
    case "decision-table":
      return buildDecisionTable(ctx, model);
    case "matrix":
      return buildMatrix(ctx, model);
  }
}

/** Tiers the model declares but can never assign (a warning: often a leftover of an edit). */
function checkTiersAssigned(model: TierModel, issues: Issue[]): void {
  const assigned = new Set<string | undefined>();
  if (model.modelKind === "scorecard") for (const b of model.bands) assigned.add(b.tier);
  if (model.modelKind === "decision-table") {
    for (const row of model.rows) assigned.add(row.tier);
    for (const b of model.bands ?? []) assigned.add(b.tier);
    assigned.add(model.otherwise?.tier);
  }
  if (model.modelKind === "matrix") for (const t of Object.values(model.quadrants)) assigned.add(t);
  model.tiers.forEach((t, i) => {
    if (!assigned.has(t.key)) {
      issues.push(
        issue("TIER_NEVER_ASSIGNED", ptr("tiers", i), { tier: t.key }, { severity: "warning" }),
      );
    }
  });
}

/**
 * Resolves and compiles the models listed in `uses`. Without `options.models` nothing is
 * resolved here: scores then come from the evaluation context at run time.
 */
function buildDependencies(
  model: TierModel,
  options: CompileTierOptions,
  issues: Issue[],
  cache: Cache,
  stack: readonly string[],
): Map<string, Evaluate> {
  const compiled = new Map<string, Evaluate>();
  const uses = model.uses ?? [];
  if (!options.models || uses.length === 0) return compiled;
  const byKey = new Map<string, TierModel>();
  for (const m of options.models) if (!byKey.has(m.key)) byKey.set(m.key, m);
  byKey.set(model.key, model);

  uses.forEach((key, i) => {
    const pointer = ptr("uses", i);
    const used = byKey.get(key);
    if (!used) {
      issues.push(issue("TIER_USES_UNKNOWN", pointer, { model: key }));
      return;
    }
    const cycle = findCycle(key, model.key, byKey, new Set());
    if (cycle) {
      issues.push(issue("TIER_USES_CYCLE", pointer, { cycle: [model.key, ...cycle].join(" → ") }));
      return;
    }
    if (stack.includes(key)) return;
    let built = cache.get(key);
    if (!built) {
      built = buildTierModel(used, options, cache, stack);
      cache.set(key, built);
    }
    const errors = built.issues.filter((x) => x.severity !== "warning");
    if (errors.length > 0) {
      issues.push(issue("TIER_USES_INVALID", pointer, { model: key, detail: errors[0]!.message }));
      return;
    }
    compiled.set(key, built.evaluate);
  });
  return compiled;
}

/** A path of model keys from `from` to `target` through `uses`, or null. */
function findCycle(
  from: string,
  target: string,
  byKey: ReadonlyMap<string, TierModel>,
  visited: Set<string>,
): string[] | null {
  if (from === target) return [from];
  if (visited.has(from)) return null;
  visited.add(from);
  for (const next of byKey.get(from)?.uses ?? []) {
    const rest = findCycle(next, target, byKey, visited);
    if (rest) return [from, ...rest];
  }
  return null;
}

/**
 * Compiles a tier model into an evaluator `(record, context?) => { score, tier, breakdown }`.
 * Rules, scales, bands and table rows are compiled once here; evaluation only runs closures.
 *
 * @throws DefinitionError with every error-severity issue when the model is invalid.
 * @example
 * const evaluate = compileTierModel(healthScoreModel, { clock });
 * evaluate({ featureUsage: 90, meetingHours: 8, openIssues: 2, nps: 50 }).tier; // "healthy"
 */
export function compileTierModel(
  model: TierModel,
  options: CompileTierOptions = {},
): CompiledTierModel {
  const built = buildTierModel(model, options);
  const errors = built.issues.filter((i) => i.severity !== "warning");
  if (errors.length > 0) throw new DefinitionError(errors);
  const evaluate = built.evaluate;
  return Object.assign((record: unknown, context?: TierContext) => evaluate(record, context), {
    key: model.key,
    modelKind: model.modelKind,
    model,
  });
}
