/**
 * @module tiers/decision-table
 * DMN-style decision tables with the full hit-policy set. `unique` and `any` violations are not
 * thrown: as in DMN the table then gives no result (tier and score null), and the breakdown
 * carries the violation with the rows involved, so one bad record never aborts a batch of
 * 200,000 and the server can list the flagged accounts.
 */
import { issue, ptr, ptrAt } from "../errors/index.ts";
import { roundDecimal } from "../rules/index.ts";
import { type Bander, checkIntervals, compileBands } from "./bands.ts";
import {
  type BuildContext,
  checkTierRef,
  checkUniqueKeys,
  compileOperand,
  type Evaluate,
  type OperandFn,
} from "./build-context.ts";
import { compileCondition, type Predicate } from "./conditions.ts";
import { DEFAULT_PRECISION, type DecisionTableModel } from "./model-types.ts";
import type {
  DecisionTableBreakdown,
  TableOutput,
  TableViolation,
  TierContext,
  TierResult,
  UnassignedReason,
} from "./result.ts";

interface CompiledRow {
  /** Input indices and predicates of the row's non-"any" conditions. */
  readonly inputs: readonly number[];
  readonly tests: readonly Predicate[];
  readonly output: TableOutput;
}

/** Row order for `priority` and `output-order`: priority desc, tier order, row order. */
export function rankRows(model: DecisionTableModel): number[] {
  const tierRank = new Map(model.tiers.map((t, i) => [t.key, i]));
  const rankOfTier = (tier: string | undefined) =>
    tier === undefined ? Number.MAX_SAFE_INTEGER : (tierRank.get(tier) ?? Number.MAX_SAFE_INTEGER);
  return model.rows
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = model.rows[a]!;
      const rb = model.rows[b]!;
      return (
        (rb.priority ?? 0) - (ra.priority ?? 0) ||
        rankOfTier(ra.tier) - rankOfTier(rb.tier) ||
        a - b
      );
    });
}

/** Checks the table's own parts and compiles its evaluator. */
export function buildDecisionTable(ctx: BuildContext, model: DecisionTableModel): Evaluate {
  const { issues } = ctx;
  const policy = model.hitPolicy;
  const aggregation = model.aggregation;
  const aggregating = policy === "collect" && aggregation !== undefined;
  const precision = model.precision ?? DEFAULT_PRECISION;

  checkUniqueKeys(ctx, model.inputs, "/inputs");
  const inputIndex = new Map(model.inputs.map((input, i) => [input.key, i]));
  const inputKeys = model.inputs.map((input) => input.key);
  const operands: OperandFn[] = model.inputs.map((input, i) =>
    compileOperand(ctx, input, ptr("inputs", i)),
  );

  if (aggregation !== undefined && policy !== "collect") {
    issues.push(issue("TIER_AGGREGATION_WITHOUT_COLLECT", "/aggregation", { hitPolicy: policy }));
  }
  if (aggregating && !model.bands) issues.push(issue("TIER_BANDS_REQUIRED", "/aggregation"));
  if (model.bands) {
    if (!aggregating)
      issues.push(issue("TIER_BANDS_UNUSED", "/bands", {}, { severity: "warning" }));
    for (const [i, b] of model.bands.entries()) checkTierRef(ctx, b.tier, ptr("bands", i, "tier"));
    checkIntervals(model.bands, "/bands", issues, "error");
  }
  if (model.otherwise) checkTierRef(ctx, model.otherwise.tier, "/otherwise/tier");

  const seenIds = new Set<string>();
  const rows: CompiledRow[] = model.rows.map((row, r) => {
    const base = ptr("rows", r);
    if (row.id !== undefined) {
      if (seenIds.has(row.id)) {
        issues.push(issue("TIER_DUPLICATE_KEY", ptrAt(base, "id"), { key: row.id }));
      }
      seenIds.add(row.id);
    }
    if (row.tier === undefined && !aggregating) {
      issues.push(issue("TIER_ROW_TIER_REQUIRED", base, { hitPolicy: policy }));
    }
    checkTierRef(ctx, row.tier, ptrAt(base, "tier"));
    if (aggregating && aggregation !== "count" && row.score === undefined) {
      issues.push(issue("TIER_ROW_SCORE_REQUIRED", base, { aggregation }));
    }
    const inputs: number[] = [];
    const tests: Predicate[] = [];
    for (const [inputKey, condition] of Object.entries(row.when)) {
      const index = inputIndex.get(inputKey);
      if (index === undefined) {
        issues.push(
          issue("TIER_INPUT_UNKNOWN", ptrAt(base, "when", inputKey), { input: inputKey }),
        );
        continue;
      }
      const test = compileCondition(condition);
      if (test !== null) {
        inputs.push(index);
        tests.push(test);
      }
    }
    const output: TableOutput = {
      row: r,
      id: row.id ?? null,
      tier: row.tier ?? null,
      score: row.score === undefined ? null : roundDecimal(row.score, precision),
    };
    return { inputs, tests, output };
  });

  const ranked = rankRows(model).map((r) => rows[r]!);
  const rankOrder = new Map(ranked.map((row, k) => [row.output.row, k]));
  const bander: Bander | null =
    aggregating && model.bands ? compileBands(model.bands, model.hysteresis) : null;
  const otherwise: TableOutput | null = model.otherwise
    ? {
        row: -1,
        id: null,
        tier: model.otherwise.tier,
        score:
          model.otherwise.score === undefined
            ? null
            : roundDecimal(model.otherwise.score, precision),
      }
    : null;
  const key = model.key;
  const inputCount = operands.length;
  const stopAtFirst = policy === "first" || policy === "priority";
  const rowList = policy === "priority" ? ranked : rows;

  return (record, context) => {
    const values: unknown[] = new Array(inputCount);
    const inputValues: Record<string, unknown> = {};
    for (let i = 0; i < inputCount; i++) {
      const v = operands[i]!(record, context);
      values[i] = v === undefined ? null : v;
      inputValues[inputKeys[i]!] = values[i];
    }
    const matched: TableOutput[] = [];
    for (let r = 0; r < rowList.length; r++) {
      const row = rowList[r]!;
      if (matches(row, values)) {
        matched.push(row.output);
        // first: the first match in row order; priority: rows are tried in rank order.
        if (stopAtFirst) break;
      }
    }
    const matchedRows = matched.map((o) => o.row);
    const out = new Outcome(key, inputValues, matchedRows);

    if (matched.length === 0) {
      if (otherwise) return out.done(otherwise.score, otherwise.tier, null, NONE, true);
      if (aggregation === "count" && bander) return out.banded(0, NONE, bander, precision, context);
      return out.done(null, null, "no-match", NONE, false);
    }
    const first = matched[0]!;
    switch (policy) {
      case "unique":
        if (matched.length > 1) return out.violated("TIER_HIT_UNIQUE_VIOLATED");
        break;
      case "any":
        if (matched.some((o) => o.tier !== first.tier || o.score !== first.score)) {
          return out.violated("TIER_HIT_ANY_VIOLATED");
        }
        return out.done(first.score, first.tier, null, [first], false);
      case "output-order": {
        matched.sort((a, b) => rankOrder.get(a.row)! - rankOrder.get(b.row)!);
        const best = matched[0]!;
        return out.done(best.score, best.tier, null, matched, false);
      }
      case "collect":
        if (bander)
          return out.banded(aggregate(aggregation, matched), matched, bander, precision, context);
        break;
    }
    // unique (one match), first, priority (already the best ranked), rule-order and plain
    // collect: the first output gives the tier; every selected output is listed.
    return out.done(first.score, first.tier, null, matched, false);
  };
}

const NONE: readonly TableOutput[] = Object.freeze([]);

/** Builds the result of one evaluation (a class, so no closures are allocated per call). */
class Outcome {
  constructor(
    private readonly model: string,
    private readonly inputs: Record<string, unknown>,
    private readonly matched: readonly number[],
  ) {}

  done(
    score: number | null,
    tier: string | null,
    unassigned: UnassignedReason | null,
    outputs: readonly TableOutput[],
    usedDefault: boolean,
    violation: TableViolation | null = null,
  ): TierResult {
    const breakdown: DecisionTableBreakdown = {
      kind: "decision-table",
      inputs: this.inputs,
      matched: this.matched,
      outputs,
      usedDefault,
      violation,
      banded: tier,
      held: false,
    };
    return { model: this.model, score, tier, unassigned, breakdown };
  }

  /** DMN: a violated unique/any table gives no result; the violation names the rows. */
  violated(code: TableViolation["code"]): TierResult {
    return this.done(null, null, "hit-policy-violation", NONE, false, { code, rows: this.matched });
  }

  /** Bands an aggregated score (collect with an aggregation), with hysteresis. */
  banded(
    raw: number | null,
    outputs: readonly TableOutput[],
    bander: Bander,
    precision: number,
    context: TierContext | undefined,
  ): TierResult {
    if (raw === null) return this.done(null, null, "no-score", outputs, false);
    const score = roundDecimal(raw, precision);
    const b = bander(score, context?.previousTier);
    const breakdown: DecisionTableBreakdown = {
      kind: "decision-table",
      inputs: this.inputs,
      matched: this.matched,
      outputs,
      usedDefault: false,
      violation: null,
      banded: b.banded,
      held: b.held,
    };
    return {
      model: this.model,
      score,
      tier: b.tier,
      unassigned: b.tier === null ? "no-band" : null,
      breakdown,
    };
  }
}

function matches(row: CompiledRow, values: readonly unknown[]): boolean {
  const { inputs, tests } = row;
  for (let t = 0; t < tests.length; t++) if (!tests[t]!(values[inputs[t]!])) return false;
  return true;
}

/** DMN collect aggregation of the matching rows' scores; null when nothing to aggregate. */
function aggregate(
  aggregation: DecisionTableModel["aggregation"],
  outputs: readonly TableOutput[],
): number | null {
  if (aggregation === "count") return outputs.length;
  let acc: number | null = null;
  for (const o of outputs) {
    if (o.score === null) continue;
    if (acc === null) acc = o.score;
    else if (aggregation === "sum") acc += o.score;
    else if (aggregation === "min") acc = Math.min(acc, o.score);
    else acc = Math.max(acc, o.score);
  }
  return acc;
}
