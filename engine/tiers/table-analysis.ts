/**
 * @module tiers/table-analysis
 * Compile-time analysis of a decision table, reported as warnings with pointers: rows no input
 * can satisfy (unreachable), rows that overlap under `unique` (or under `any` with different
 * outputs), rows earlier (first) or higher-ranked (priority) rows cover completely (shadowed),
 * and inputs no row matches (gaps). Each row is a box — one value set per input — and coverage
 * is decided exactly by box subtraction. The analysis assumes present inputs of the input's
 * type (numbers for inputs tested with comparisons or ranges); an input with mixed literal types
 * is not analysed, which is reported.
 */
import { type Issue, issue, ptr } from "../errors/index.ts";
import { rankRows } from "./decision-table.ts";
import type { Condition, DecisionTableModel, TableInput } from "./model-types.ts";
import {
  discreteOf,
  discreteOps,
  discreteSet,
  numericDomain,
  numericOps,
  numericSet,
  type Scalar,
  type SetOps,
} from "./sets.ts";

type Box = unknown[];

/** Above this many residual boxes the analysis stops rather than take unbounded time. */
const MAX_BOXES = 4096;
/** Gap examples listed in a warning. */
const MAX_GAP_EXAMPLES = 3;

class TooLarge extends Error {}

interface Dimension {
  readonly key: string;
  readonly ops: SetOps<unknown>;
  readonly full: unknown;
  readonly toSet: (condition: Condition) => unknown;
}

const ORDER_OPS = new Set(["<", "<=", ">", ">=", "range"]);

function literalsOf(condition: Condition): Scalar[] {
  switch (condition.op) {
    case "==":
    case "!=":
      return [condition.value];
    case "in":
    case "not-in":
      return [...condition.values];
    default:
      return [];
  }
}

/** Decides how an input's values are analysed; null when its literals mix types. */
function dimensionOf(input: TableInput, conditions: readonly Condition[]): Dimension | null {
  const literals = conditions.flatMap(literalsOf);
  const domainValues = input.domain?.values ?? [];
  const ordered = conditions.some((c) => ORDER_OPS.has(c.op));
  const allNumbers = [...literals, ...domainValues].every((v) => typeof v === "number");
  const hasInterval = input.domain?.min !== undefined || input.domain?.max !== undefined;
  if (ordered || (hasInterval && allNumbers && literals.length > 0)) {
    if (!allNumbers) return null;
    const line = numericDomain(input.domain);
    const full =
      domainValues.length > 0
        ? numericOps.intersect(line, numericSet({ op: "in", values: domainValues }) ?? [])
        : line;
    return {
      key: input.key,
      ops: numericOps as SetOps<unknown>,
      full,
      toSet: (c) => numericOps.intersect(full, numericSet(c) ?? []),
    };
  }
  const types = new Set([...literals, ...domainValues].map((v) => typeof v));
  if (types.size > 1) return null;
  const full =
    domainValues.length > 0
      ? discreteOf(domainValues)
      : types.has("boolean")
        ? discreteOf([true, false])
        : discreteOf([], true);
  return {
    key: input.key,
    ops: discreteOps as SetOps<unknown>,
    full,
    toSet: (c) => discreteOps.intersect(full, discreteSet(c) ?? discreteOf([])),
  };
}

function intersectBox(dims: readonly Dimension[], a: Box, b: Box): Box | null {
  const out: Box = new Array(dims.length);
  for (let i = 0; i < dims.length; i++) {
    const s = dims[i]!.ops.intersect(a[i], b[i]);
    if (dims[i]!.ops.isEmpty(s)) return null;
    out[i] = s;
  }
  return out;
}

/** `b \ a` as disjoint boxes. */
function subtractBox(dims: readonly Dimension[], b: Box, a: Box): Box[] {
  if (!intersectBox(dims, a, b)) return [b];
  const out: Box[] = [];
  const prefix = b.slice();
  for (let i = 0; i < dims.length; i++) {
    const { ops } = dims[i]!;
    const diff = ops.subtract(b[i], a[i]);
    if (!ops.isEmpty(diff)) {
      const piece = prefix.slice();
      piece[i] = diff;
      out.push(piece);
    }
    prefix[i] = ops.intersect(b[i], a[i]);
  }
  return out;
}

function subtractAll(dims: readonly Dimension[], boxes: readonly Box[], a: Box): Box[] {
  const out: Box[] = [];
  for (const b of boxes) {
    for (const piece of subtractBox(dims, b, a)) out.push(piece);
    if (out.length > MAX_BOXES) throw new TooLarge();
  }
  return out;
}

function describeBox(dims: readonly Dimension[], box: Box): string {
  const parts = dims.flatMap((d, i) => {
    const text = d.ops.describe(box[i]);
    return text === d.ops.describe(d.full) ? [] : [`${d.key} ${text}`];
  });
  return parts.length > 0 ? parts.join("; ") : "any input";
}

/** Warnings about the rows of a (valid) decision table. */
export function analyseTable(model: DecisionTableModel): Issue[] {
  const issues: Issue[] = [];
  const dims: Dimension[] = [];
  for (const [i, input] of model.inputs.entries()) {
    const conditions = model.rows.flatMap((row) =>
      Object.hasOwn(row.when, input.key) ? [row.when[input.key]!] : [],
    );
    const dim = dimensionOf(input, conditions);
    if (!dim) {
      const reason = `input "${input.key}" is compared with values of different types.`;
      return [warning("TIER_TABLE_ANALYSIS_SKIPPED", ptr("inputs", i), { reason })];
    }
    dims.push(dim);
  }
  const full: Box = dims.map((d) => d.full);
  const boxes: (Box | null)[] = model.rows.map((row, r) => {
    const box: Box = dims.map((d) => {
      const condition = Object.hasOwn(row.when, d.key) ? row.when[d.key] : undefined;
      return condition ? d.toSet(condition) : d.full;
    });
    const empty = dims.findIndex((d, i) => d.ops.isEmpty(box[i]));
    if (empty < 0) return box;
    const key = dims[empty]!.key;
    issues.push(
      warning("TIER_TABLE_ROW_UNREACHABLE", ptr("rows", r, "when", key), {
        row: r + 1,
        input: key,
      }),
    );
    return null;
  });

  try {
    checkOverlaps(model, dims, boxes, issues);
    checkShadowing(model, dims, boxes, issues);
    checkGaps(model, dims, full, boxes, issues);
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    const reason = `the rows split the input space into more than ${MAX_BOXES} regions.`;
    issues.push(warning("TIER_TABLE_ANALYSIS_SKIPPED", "/rows", { reason }));
  }
  return issues;
}

function warning(code: Issue["code"], pointer: string, params: Record<string, unknown>): Issue {
  return issue(code, pointer, params, { severity: "warning" });
}

/** unique: any two rows that can match together; any: only when their outputs differ. */
function checkOverlaps(
  model: DecisionTableModel,
  dims: readonly Dimension[],
  boxes: readonly (Box | null)[],
  issues: Issue[],
): void {
  const policy = model.hitPolicy;
  if (policy !== "unique" && policy !== "any") return;
  for (let j = 0; j < boxes.length; j++) {
    const bj = boxes[j];
    if (!bj) continue;
    for (let i = 0; i < j; i++) {
      const bi = boxes[i];
      if (!bi || !intersectBox(dims, bi, bj)) continue;
      const ri = model.rows[i]!;
      const rj = model.rows[j]!;
      if (policy === "any" && ri.tier === rj.tier && ri.score === rj.score) continue;
      issues.push(
        warning("TIER_TABLE_OVERLAP", ptr("rows", j), { row: j + 1, other: i + 1, policy }),
      );
    }
  }
}

/** first (row order) and priority (rank order): a row covered by the rows before it never wins. */
function checkShadowing(
  model: DecisionTableModel,
  dims: readonly Dimension[],
  boxes: readonly (Box | null)[],
  issues: Issue[],
): void {
  const policy = model.hitPolicy;
  if (policy !== "first" && policy !== "priority") return;
  const order = policy === "first" ? model.rows.map((_, i) => i) : rankRows(model);
  for (let k = 1; k < order.length; k++) {
    const r = order[k]!;
    const box = boxes[r];
    if (!box) continue;
    let residual: Box[] = [box];
    const by: number[] = [];
    for (let e = 0; e < k && residual.length > 0; e++) {
      const earlier = boxes[order[e]!];
      if (!earlier || !intersectBox(dims, earlier, box)) continue;
      by.push(order[e]! + 1);
      residual = subtractAll(dims, residual, earlier);
    }
    if (residual.length === 0) {
      issues.push(warning("TIER_TABLE_ROW_SHADOWED", ptr("rows", r), { row: r + 1, by }));
    }
  }
}

/** Inputs no row matches, unless a default output covers them (or collect counts zero). */
function checkGaps(
  model: DecisionTableModel,
  dims: readonly Dimension[],
  full: Box,
  boxes: readonly (Box | null)[],
  issues: Issue[],
): void {
  if (model.otherwise) return;
  if (model.hitPolicy === "collect" && model.aggregation === "count") return;
  let residual: Box[] = [full];
  for (const box of boxes) if (box) residual = subtractAll(dims, residual, box);
  if (residual.length === 0) return;
  const gaps = residual.slice(0, MAX_GAP_EXAMPLES).map((b) => describeBox(dims, b));
  issues.push(warning("TIER_TABLE_GAP", "/rows", { gaps }));
}
