/**
 * @module rules/operators/fused
 * One closure for "field op constant", the most common shape in tier and decision rules
 * (`annualPurchase >= 1000000`, `usage * 0.4`): the field is read inline instead of through a
 * second closure. Results are those of the general operators (tested against json-logic-js).
 */
import type { CompiledNode, Evaluate, FieldComparison } from "../compiled-node.ts";
import { readField } from "../var-path.ts";
import { parseFloatLike as pf } from "./standard.ts";

type N = number;
type Fuser = (key: string, k: unknown) => Evaluate;

const fusers: Readonly<Record<string, Fuser>> = {
  ">": (key, k) => (d) => (readField(d, key) as N) > (k as N),
  ">=": (key, k) => (d) => (readField(d, key) as N) >= (k as N),
  "<": (key, k) => (d) => (readField(d, key) as N) < (k as N),
  "<=": (key, k) => (d) => (readField(d, key) as N) <= (k as N),
  "===": (key, k) => (d) => readField(d, key) === k,
  "!==": (key, k) => (d) => readField(d, key) !== k,
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "==" is loose equality.
  "==": (key, k) => (d) => readField(d, key) == k,
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "!=" is loose inequality.
  "!=": (key, k) => (d) => readField(d, key) != k,
  "*": (key, k) => {
    const factor = pf(k);
    return (d) => pf(readField(d, key)) * factor;
  },
  "+": (key, k) => {
    const addend = pf(k);
    return (d) => 0 + pf(readField(d, key)) + addend;
  },
  "-": (key, k) => (d) => (readField(d, key) as N) - (k as N),
  "/": (key, k) => (d) => (readField(d, key) as N) / (k as N),
};

/** A fused closure when `args` is [field, constant] and the operator has one; else undefined. */
export function fuseFieldConstant(
  operator: string,
  args: readonly CompiledNode[],
): Evaluate | undefined {
  if (args.length !== 2 || !Object.hasOwn(fusers, operator)) return undefined;
  const [left, right] = args as [CompiledNode, CompiledNode];
  // `-` with an undefined right operand negates; a constant is never undefined here.
  if (left.fieldKey === undefined || !right.constant || right.value === undefined) return undefined;
  return fusers[operator]?.(left.fieldKey, right.value);
}

const COMPARISON_CODES: Readonly<Record<string, number>> = {
  ">": 0,
  ">=": 1,
  "<": 2,
  "<=": 3,
  "===": 4,
  "!==": 5,
  "==": 6,
  "!=": 7,
};

/** The comparison a fused closure makes, when `operator` is a comparison; else undefined. */
export function fieldComparison(
  operator: string,
  args: readonly CompiledNode[],
): FieldComparison | undefined {
  if (!Object.hasOwn(COMPARISON_CODES, operator) || args.length !== 2) return undefined;
  const [left, right] = args as [CompiledNode, CompiledNode];
  if (left.fieldKey === undefined || !right.constant || right.value === undefined) return undefined;
  return { key: left.fieldKey, operator, value: right.value };
}

/**
 * One closure for an `and` of field comparisons (a decision-table row written as a rule): a
 * tight monomorphic loop instead of one closure call per condition. All-boolean operands, so
 * the result is the first false or true, exactly as `and` gives it.
 */
export function conjunction(comparisons: readonly FieldComparison[]): Evaluate {
  const n = comparisons.length;
  const keys = comparisons.map((c) => c.key);
  const codes = Int8Array.from(comparisons, (c) => COMPARISON_CODES[c.operator] as number);
  const values = comparisons.map((c) => c.value);
  return (d) => {
    for (let i = 0; i < n; i++) {
      const v = readField(d, keys[i] as string) as N;
      const k = values[i] as N;
      let ok: boolean;
      switch (codes[i]) {
        case 0:
          ok = v > k;
          break;
        case 1:
          ok = v >= k;
          break;
        case 2:
          ok = v < k;
          break;
        case 3:
          ok = v <= k;
          break;
        case 4:
          ok = v === k;
          break;
        case 5:
          ok = v !== k;
          break;
        case 6:
          // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "==" is loose equality.
          ok = v == k;
          break;
        default:
          // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "!=" is loose inequality.
          ok = v != k;
      }
      if (!ok) return false;
    }
    return true;
  };
}
