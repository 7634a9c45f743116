/**
 * @module rules/forms/control
 * `if` / `?:`, `and`, `or`: arguments are evaluated lazily, left to right, as in json-logic-js.
 */
import type { CompiledNode, Evaluate, FieldComparison } from "../compiled-node.ts";
import { conjunction } from "../operators/fused.ts";
import { truthy } from "../truthy.ts";
import type { FormContext } from "./form-context.ts";

function sumCost(nodes: readonly CompiledNode[]): number {
  return nodes.reduce((total, n) => total + n.cost, 1);
}

/** `if`: pairs of condition and consequent, an optional else; no else and no match gives null. */
export function compileIf(c: FormContext): CompiledNode {
  const args = c.values.map((_, i) => c.compileArg(i));
  const cost = sumCost(args);
  const fns = args.map((a) => a.fn);
  const n = fns.length;
  let fn: Evaluate;
  if (n === 0) fn = () => null;
  else if (n === 1) fn = fns[0] as Evaluate;
  else if (n === 2) {
    const [test, then] = fns as [Evaluate, Evaluate];
    fn = (d) => (truthy(test(d)) ? then(d) : null);
  } else if (n === 3) {
    const [test, then, otherwise] = fns as [Evaluate, Evaluate, Evaluate];
    fn = args[0]?.boolean
      ? (d) => (test(d) ? then(d) : otherwise(d))
      : (d) => (truthy(test(d)) ? then(d) : otherwise(d));
  } else if (n === 5 && args[0]?.boolean && args[2]?.boolean) {
    // The banding shape of tier rules: if a then x else if b then y else z.
    const [t1, v1, t2, v2, otherwise] = fns as [Evaluate, Evaluate, Evaluate, Evaluate, Evaluate];
    fn = (d) => (t1(d) ? v1(d) : t2(d) ? v2(d) : otherwise(d));
  } else {
    const booleanTests = args.map((a) => a.boolean === true);
    fn = (d) => {
      let i = 0;
      for (; i < n - 1; i += 2) {
        const test = (fns[i] as Evaluate)(d);
        if (booleanTests[i] ? test : truthy(test)) return (fns[i + 1] as Evaluate)(d);
      }
      return i === n - 1 ? (fns[i] as Evaluate)(d) : null;
    };
  }
  return { fn, constant: false, cost };
}

/** All-boolean arguments: JavaScript's `&&` / `||` then give exactly JSON Logic's result. */
function booleanChain(list: readonly Evaluate[], isAnd: boolean): Evaluate | undefined {
  const [a, b, c, e] = list as [Evaluate, Evaluate, Evaluate, Evaluate];
  switch (list.length) {
    case 1:
      return a;
    case 2:
      return isAnd ? (d) => a(d) && b(d) : (d) => a(d) || b(d);
    case 3:
      return isAnd ? (d) => a(d) && b(d) && c(d) : (d) => a(d) || b(d) || c(d);
    case 4:
      return isAnd ? (d) => a(d) && b(d) && c(d) && e(d) : (d) => a(d) || b(d) || c(d) || e(d);
    default:
      return undefined;
  }
}

/**
 * `and` returns the first falsy value or the last; `or` the first truthy value or the last.
 * With no arguments both give undefined, as json-logic-js does.
 */
function compileChain(c: FormContext, isAnd: boolean): CompiledNode {
  const args = c.values.map((_, i) => c.compileArg(i));
  const cost = sumCost(args);
  const list = args.map((a) => a.fn);
  const n = list.length;
  const allBoolean = n > 0 && args.every((a) => a.boolean === true);
  const comparisons = args.map((a) => a.comparison);
  if (isAnd && n > 1 && comparisons.every((x) => x !== undefined)) {
    return {
      fn: conjunction(comparisons as FieldComparison[]),
      constant: false,
      cost,
      boolean: true,
    };
  }
  const fast = allBoolean ? booleanChain(list, isAnd) : undefined;
  if (fast) return { fn: fast, constant: false, cost, boolean: true };
  return {
    fn: (d) => {
      let current: unknown;
      for (let i = 0; i < n; i++) {
        current = (list[i] as Evaluate)(d);
        if (truthy(current) !== isAnd) return current;
      }
      return current;
    },
    constant: false,
    cost,
    boolean: allBoolean,
  };
}

export const compileAnd = (c: FormContext): CompiledNode => compileChain(c, true);
export const compileOr = (c: FormContext): CompiledNode => compileChain(c, false);
