/**
 * @module rules/operators/fast-paths
 * Arity-specialised closures for the hot standard operators. They compute exactly what the
 * general implementations in `standard.ts` compute (tested against json-logic-js), without the
 * argument arrays that rest parameters allocate on every call.
 */
import type { CompiledNode, Evaluate } from "../compiled-node.ts";
import { truthy } from "../truthy.ts";
import { parseFloatLike as pf } from "./standard.ts";

type N = number;
/** Builds a closure for these arguments, or undefined to fall back to the general call. */
export type FastPath = (args: readonly CompiledNode[]) => Evaluate | undefined;

const fns = (args: readonly CompiledNode[]) => args.map((a) => a.fn);
const isConst = (node: CompiledNode | undefined): node is CompiledNode => node?.constant === true;

/** x === 0 ? 0 : x — what parseFloat(String(x)) does to a number (it turns -0 into 0). */
const nz = (x: number) => (x === 0 ? 0 : x);

const plus: FastPath = (args) => {
  const [a, b, c] = fns(args) as [Evaluate, Evaluate, Evaluate];
  // json-logic-js: reduce((acc, x) => parseFloat(acc) + parseFloat(x), 0)
  if (args.length === 1) return (d) => 0 + pf(a(d));
  if (args.length === 2) {
    const right = args[1];
    if (isConst(right)) {
      const k = pf(right.value);
      return (d) => 0 + pf(a(d)) + k;
    }
    return (d) => 0 + pf(a(d)) + pf(b(d));
  }
  if (args.length === 3) return (d) => 0 + pf(a(d)) + pf(b(d)) + pf(c(d));
  if (args.length === 4) {
    const e = (args[3] as CompiledNode).fn;
    return (d) => 0 + pf(a(d)) + pf(b(d)) + pf(c(d)) + pf(e(d));
  }
  return undefined;
};

const times: FastPath = (args) => {
  const [a, b, c] = fns(args) as [Evaluate, Evaluate, Evaluate];
  // json-logic-js: reduce((acc, x) => parseFloat(acc) * parseFloat(x)) with no initial value,
  // so one argument comes back unchanged.
  if (args.length === 1) return a;
  if (args.length === 2) {
    const right = args[1];
    if (isConst(right)) {
      const k = pf(right.value);
      return (d) => pf(a(d)) * k;
    }
    return (d) => pf(a(d)) * pf(b(d));
  }
  if (args.length === 3) return (d) => nz(pf(a(d)) * pf(b(d))) * pf(c(d));
  return undefined;
};

const minus: FastPath = (args) => {
  const [a, b] = fns(args) as [Evaluate, Evaluate];
  if (args.length === 1) return (d) => -(a(d) as N);
  if (args.length !== 2) return undefined;
  const left = args[0];
  if (isConst(left)) {
    const k = left.value as N;
    return (d) => {
      const y = b(d);
      return y === undefined ? -k : k - (y as N);
    };
  }
  return (d) => {
    const x = a(d);
    const y = b(d);
    return y === undefined ? -(x as N) : (x as N) - (y as N);
  };
};

const divide: FastPath = (args) => {
  const [a, b] = fns(args) as [Evaluate, Evaluate];
  if (args.length !== 2) return undefined;
  const right = args[1];
  if (isConst(right)) {
    const k = right.value as N;
    return (d) => (a(d) as N) / k;
  }
  return (d) => (a(d) as N) / (b(d) as N);
};

// min and max are written out separately: one closure shape per builtin keeps the call inlinable.
const min: FastPath = (args) => {
  if (args.length !== 2) return undefined;
  const [a, b] = fns(args) as [Evaluate, Evaluate];
  const right = args[1];
  if (isConst(right)) {
    const k = right.value as N;
    return (d) => Math.min(a(d) as N, k);
  }
  return (d) => Math.min(a(d) as N, b(d) as N);
};

const max: FastPath = (args) => {
  if (args.length !== 2) return undefined;
  const [a, b] = fns(args) as [Evaluate, Evaluate];
  const right = args[1];
  if (isConst(right)) {
    const k = right.value as N;
    return (d) => Math.max(a(d) as N, k);
  }
  return (d) => Math.max(a(d) as N, b(d) as N);
};

const not: FastPath = (args) => {
  if (args.length !== 1) return undefined;
  const a = (args[0] as CompiledNode).fn;
  return (d) => !truthy(a(d));
};

/** Fast paths by standard operator name; absent operators use the general call. */
export const fastPaths: Readonly<Record<string, FastPath>> = Object.freeze({
  "+": plus,
  "*": times,
  "-": minus,
  "/": divide,
  min,
  max,
  "!": not,
});

/** Operators that always return a boolean, so a condition on them needs no truthiness check. */
export const booleanOperators: ReadonlySet<string> = new Set([
  "==",
  "===",
  "!=",
  "!==",
  ">",
  ">=",
  "<",
  "<=",
  "!",
  "!!",
  "in",
  "all",
  "some",
  "none",
  "between",
]);

/**
 * Operators whose result is always a primitive, computed from their arguments alone: a repeated
 * subtree built from them can be evaluated once per evaluation and shared (no identity to lose).
 */
export const primitiveOperators: ReadonlySet<string> = new Set([
  ...booleanOperators,
  "+",
  "-",
  "*",
  "/",
  "%",
  "min",
  "max",
  "cat",
  "substr",
  "round",
  "date_diff",
  "date_add",
  "days_since",
]);
