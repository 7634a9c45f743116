/**
 * @module rules/specialise
 * Builds the closure of an eager operation, specialised by arity (no argument array allocated
 * for up to three arguments), with inline comparisons for the hot binary operators, and with the
 * output budget of operators that build arrays or strings.
 */
import { type Budget, budgetExceeded, charge, expandedSize } from "./budget.ts";
import type { CompiledNode, Evaluate } from "./compiled-node.ts";
import { fastPaths } from "./operators/fast-paths.ts";
import { fuseFieldConstant } from "./operators/fused.ts";
import type { EagerOperator } from "./operators/standard.ts";
import type { EagerSpec } from "./operators/table.ts";

type N = number;

function call(fn: EagerOperator, args: readonly CompiledNode[]): Evaluate {
  const fns = args.map((a) => a.fn);
  const n = fns.length;
  if (n === 0) return () => fn();
  const [a, b, c] = fns as [Evaluate, Evaluate, Evaluate];
  if (n === 1) return (d) => fn(a(d));
  if (n === 2) {
    const right = args[1] as CompiledNode;
    if (right.constant) {
      const k = right.value;
      return (d) => fn(a(d), k);
    }
    return (d) => fn(a(d), b(d));
  }
  if (n === 3) return (d) => fn(a(d), b(d), c(d));
  return (d) => {
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) values[i] = (fns[i] as Evaluate)(d);
    return fn(...values);
  };
}

/** Inline closures for binary comparisons against a constant (the shape of most tier rules). */
const constantRight: Readonly<Record<string, (a: Evaluate, k: unknown) => Evaluate>> = {
  ">": (a, k) => (d) => (a(d) as N) > (k as N),
  ">=": (a, k) => (d) => (a(d) as N) >= (k as N),
  "<": (a, k) => (d) => (a(d) as N) < (k as N),
  "<=": (a, k) => (d) => (a(d) as N) <= (k as N),
  "===": (a, k) => (d) => a(d) === k,
  "!==": (a, k) => (d) => a(d) !== k,
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "==" is loose equality.
  "==": (a, k) => (d) => a(d) == k,
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "!=" is loose inequality.
  "!=": (a, k) => (d) => a(d) != k,
};

function withOutputBudget(
  spec: EagerSpec,
  inner: Evaluate,
  args: readonly CompiledNode[],
  budget: Budget,
  pointer: string,
): Evaluate {
  const { maxArrayLength, maxStringLength } = budget.limits;
  if (spec.output === "array") {
    return (d) => {
      const out = inner(d) as unknown[];
      if (out.length > maxArrayLength)
        throw budgetExceeded("array length", maxArrayLength, pointer);
      charge(budget, out.length, pointer);
      return out;
    };
  }
  // cat: bound what the arguments expand to before joining them, since joining an array
  // that shares itself would build the whole string first.
  const fns = args.map((a) => a.fn);
  return (d) => {
    const values = fns.map((f) => f(d));
    let size = 0;
    for (const v of values) {
      size += typeof v === "string" ? v.length : expandedSize(v, maxStringLength);
      if (size > maxStringLength) throw budgetExceeded("string length", maxStringLength, pointer);
    }
    charge(budget, size, pointer);
    return spec.fn(...values);
  };
}

/** The closure of eager `operator` over its compiled arguments. */
export function specialiseCall(
  operator: string,
  fn: EagerOperator,
  args: readonly CompiledNode[],
  budget: Budget,
  pointer: string,
  spec?: EagerSpec,
): Evaluate {
  if (spec?.output) return withOutputBudget(spec, call(fn, args), args, budget, pointer);
  const fused = fuseFieldConstant(operator, args);
  if (fused) return fused;
  const fast = Object.hasOwn(fastPaths, operator) ? fastPaths[operator]?.(args) : undefined;
  if (fast) return fast;
  const inline = constantRight[operator];
  if (inline && args.length === 2 && (args[1] as CompiledNode).constant) {
    return inline((args[0] as CompiledNode).fn, (args[1] as CompiledNode).value);
  }
  return call(fn, args);
}
