/**
 * @module rules/forms/control
 * `if` / `?:`, `and`, `or`: arguments are evaluated lazily, left to right, as in json-logic-js.
 */
import type { CompiledNode, Evaluate } from "../compiled-node.ts";
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
    fn = (d) => (truthy(test(d)) ? then(d) : otherwise(d));
  } else {
    fn = (d) => {
      let i = 0;
      for (; i < n - 1; i += 2) {
        if (truthy((fns[i] as Evaluate)(d))) return (fns[i + 1] as Evaluate)(d);
      }
      return i === n - 1 ? (fns[i] as Evaluate)(d) : null;
    };
  }
  return { fn, constant: false, cost };
}

/** `and`: the first falsy value, or the last; no arguments gives undefined (as json-logic-js). */
export function compileAnd(c: FormContext): CompiledNode {
  const fns = c.values.map((_, i) => c.compileArg(i));
  const cost = sumCost(fns);
  const list = fns.map((a) => a.fn);
  const n = list.length;
  if (n === 2) {
    const [a, b] = list as [Evaluate, Evaluate];
    return {
      fn: (d) => {
        const first = a(d);
        return truthy(first) ? b(d) : first;
      },
      constant: false,
      cost,
    };
  }
  return {
    fn: (d) => {
      let current: unknown;
      for (let i = 0; i < n; i++) {
        current = (list[i] as Evaluate)(d);
        if (!truthy(current)) return current;
      }
      return current;
    },
    constant: false,
    cost,
  };
}

/** `or`: the first truthy value, or the last; no arguments gives undefined (as json-logic-js). */
export function compileOr(c: FormContext): CompiledNode {
  const fns = c.values.map((_, i) => c.compileArg(i));
  const cost = sumCost(fns);
  const list = fns.map((a) => a.fn);
  const n = list.length;
  if (n === 2) {
    const [a, b] = list as [Evaluate, Evaluate];
    return {
      fn: (d) => {
        const first = a(d);
        return truthy(first) ? first : b(d);
      },
      constant: false,
      cost,
    };
  }
  return {
    fn: (d) => {
      let current: unknown;
      for (let i = 0; i < n; i++) {
        current = (list[i] as Evaluate)(d);
        if (truthy(current)) return current;
      }
      return current;
    },
    constant: false,
    cost,
  };
}
