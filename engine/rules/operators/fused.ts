/**
 * @module rules/operators/fused
 * One closure for "field op constant", the most common shape in tier and decision rules
 * (`annualPurchase >= 1000000`, `usage * 0.4`): the field is read inline instead of through a
 * second closure. Results are those of the general operators (tested against json-logic-js).
 */
import type { CompiledNode, Evaluate } from "../compiled-node.ts";
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
