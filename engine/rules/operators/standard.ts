/**
 * @module rules/operators/standard
 * The eagerly evaluated standard operators with exactly json-logic-js 2.0.5's semantics,
 * coercions included (`==`, `parseFloat` in `+` and `*`, PHP-style negative `substr`).
 * Values are typed `unknown`; the casts to `number` only silence the type checker, JavaScript's
 * own coercion rules apply at run time, as they do in json-logic-js.
 */
import { truthy } from "../truthy.ts";

type N = number;
export type EagerOperator = (...args: unknown[]) => unknown;

/** `parseFloat` as json-logic-js applies it, with a fast path for numbers (String(-0) is "0"). */
export function parseFloatLike(value: unknown): number {
  if (typeof value === "number") return value === 0 ? 0 : value;
  return Number.parseFloat(value as string);
}

/** `value.length` as JavaScript reads it, without reaching prototype members of plain objects. */
export function lengthOf(value: unknown): unknown {
  if (value === null || value === undefined) {
    throw new TypeError(`Cannot read properties of ${value} (reading 'length')`);
  }
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (typeof value === "object" && Object.hasOwn(value, "length")) {
    return (value as { length: unknown }).length;
  }
  return undefined;
}

function inOperator(a: unknown, b: unknown): boolean {
  if (!b) return false;
  if (typeof b === "string") return b.indexOf(a as string) !== -1;
  if (Array.isArray(b)) return b.indexOf(a) !== -1;
  // A plain object only has `indexOf` if the data put it there; JSON cannot make it callable.
  if (typeof b === "object" && Object.hasOwn(b, "indexOf")) {
    const own = (b as { indexOf: unknown }).indexOf;
    if (own !== undefined) throw new TypeError("b.indexOf is not a function");
  }
  return false;
}

function substr(source: unknown, start: unknown, end: unknown): string {
  if ((end as N) < 0) {
    // JavaScript has no negative length; json-logic-js emulates PHP here.
    const temp = String(source).substr(start as N);
    return temp.substr(0, temp.length + (end as N));
  }
  return String(source).substr(start as N, end as N);
}

function plus(...args: unknown[]): number {
  let acc: unknown = 0;
  for (const arg of args) acc = parseFloatLike(acc) + parseFloatLike(arg);
  return acc as number;
}

function times(...args: unknown[]): unknown {
  if (args.length === 0) throw new TypeError("Reduce of empty array with no initial value");
  let acc = args[0];
  for (let i = 1; i < args.length; i++) acc = parseFloatLike(acc) * parseFloatLike(args[i]);
  return acc;
}

function merge(...args: unknown[]): unknown[] {
  let acc: unknown[] = [];
  for (const arg of args) acc = acc.concat(arg);
  return acc;
}

/**
 * Standard operators whose arguments are all evaluated first. `var`, `missing`, `missing_some`
 * and the control operators are compiled specially (they need the data or lazy arguments).
 */
export const standardEagerOperators: Readonly<Record<string, EagerOperator>> = Object.freeze({
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "==" is JavaScript's loose equality.
  "==": (a, b) => a == b,
  "===": (a, b) => a === b,
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's "!=" is JavaScript's loose inequality.
  "!=": (a, b) => a != b,
  "!==": (a, b) => a !== b,
  ">": (a, b) => (a as N) > (b as N),
  ">=": (a, b) => (a as N) >= (b as N),
  "<": (a, b, c) =>
    c === undefined ? (a as N) < (b as N) : (a as N) < (b as N) && (b as N) < (c as N),
  "<=": (a, b, c) =>
    c === undefined ? (a as N) <= (b as N) : (a as N) <= (b as N) && (b as N) <= (c as N),
  "!!": (a) => truthy(a),
  "!": (a) => !truthy(a),
  "%": (a, b) => (a as N) % (b as N),
  in: inOperator,
  cat: (...args) => args.join(""),
  substr,
  "+": plus,
  "*": times,
  "-": (a, b) => (b === undefined ? -(a as N) : (a as N) - (b as N)),
  "/": (a, b) => (a as N) / (b as N),
  min: (...args) => Math.min(...(args as N[])),
  max: (...args) => Math.max(...(args as N[])),
  merge,
});
