/**
 * @module rules/testing/arbitraries
 * fast-check generators of JSON Logic rules and KAM-like data for property tests. Test-only.
 */
import fc from "fast-check";

const words = fc.constantFrom(
  "",
  "0",
  "1",
  "10",
  "2.5",
  "a",
  "b",
  "key",
  "华东",
  "abc",
  "-3",
  "true",
  " ",
);
const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 10, 0.1, 0.2, 1.5, -2.5, 100, 1_000_000),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const scalars = fc.oneof(numbers, words, fc.boolean(), fc.constant(null));

/** Field names the generated data uses and the generated `var` paths read. */
export const FIELDS = ["n", "s", "b", "z", "list", "words", "obj", "items"] as const;

/** A record with a fixed set of fields of mixed types (each may be absent). */
export const dataArbitrary = fc.record(
  {
    n: numbers,
    s: words,
    b: fc.boolean(),
    z: scalars,
    list: fc.array(numbers, { maxLength: 5 }),
    words: fc.array(words, { maxLength: 4 }),
    obj: fc.record({ x: scalars, y: numbers }, { requiredKeys: [] }),
    items: fc.array(fc.record({ x: scalars, y: numbers }), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

const paths = fc.constantFrom(
  "n",
  "s",
  "b",
  "z",
  "list",
  "words",
  "obj",
  "items",
  "obj.x",
  "obj.y",
  "list.0",
  "list.3",
  "items.0.x",
  "items.1.y",
  "words.length",
  "s.length",
  "absent",
  "obj.absent.deeper",
  "",
);
const scopedPaths = fc.constantFrom(
  "",
  "x",
  "y",
  "current",
  "accumulator",
  "current.x",
  "current.y",
  "absent",
);

const eagerOps = [
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
  "%",
  "in",
  "cat",
  "substr",
  "+",
  "*",
  "-",
  "/",
  "min",
  "max",
  "merge",
] as const;
/** Custom operators with their arity ranges: only rules of valid arity are generated. */
const customOps = [
  ["round", 1, 2],
  ["coalesce", 1, 3],
  ["between", 3, 4],
  ["lookup", 2, 3],
  ["date_add", 3, 3],
  ["date_diff", 3, 3],
  ["days_since", 1, 1],
] as const;
const controlOps = ["if", "?:", "and", "or"] as const;
const scopedOps = ["map", "filter", "reduce", "all", "some", "none"] as const;

const dates = fc.constantFrom(
  "2026-01-31",
  "2026-11-01",
  "2025-02-28",
  "2026-11-23T02:00:00Z",
  "nope",
  null,
);
const units = fc.constantFrom("days", "day", "months", "years", "hours", "weeks", "parsecs");

/** Rules up to a few levels deep over every standard and custom operator. */
export const ruleArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ rule: unknown; scoped: unknown }>(
  (tie) => ({
    rule: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalars,
      paths.map((p) => ({ var: p })),
      fc.tuple(paths, scalars).map(([p, d]) => ({ var: [p, d] })),
      fc
        .tuple(fc.constantFrom(...eagerOps), fc.array(tie("rule"), { maxLength: 3 }))
        .map(([op, args]) => ({ [op]: args })),
      fc.tuple(fc.constantFrom(...eagerOps), tie("rule")).map(([op, arg]) => ({ [op]: arg })),
      fc
        .tuple(fc.constantFrom(...controlOps), fc.array(tie("rule"), { maxLength: 5 }))
        .map(([op, args]) => ({ [op]: args })),
      fc
        .tuple(fc.constantFrom(...scopedOps), tie("rule"), tie("scoped"), tie("rule"))
        .map(([op, c, body, init]) =>
          op === "reduce" ? { [op]: [c, body, init] } : { [op]: [c, body] },
        ),
      fc
        .constantFrom(...customOps)
        .chain(([op, min, max]) =>
          fc.array(tie("rule"), { minLength: min, maxLength: max }).map((args) => ({ [op]: args })),
        ),
      fc.array(paths, { maxLength: 3 }).map((keys) => ({ missing: keys })),
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.array(paths, { maxLength: 3 }))
        .map(([n, keys]) => ({ missing_some: [n, keys] })),
      fc
        .tuple(dates, fc.integer({ min: -40, max: 40 }), units)
        .map(([d, n, u]) => ({ date_add: [d, n, u] })),
      fc.tuple(dates, dates, units).map(([a, b, u]) => ({ date_diff: [a, b, u] })),
      dates.map((d) => ({ days_since: d })),
      fc.array(tie("rule"), { maxLength: 3 }),
    ),
    scoped: fc.oneof(
      scalars,
      scopedPaths.map((p) => ({ var: p })),
      fc
        .tuple(fc.constantFrom(...eagerOps), fc.array(tie("scoped"), { maxLength: 3 }))
        .map(([op, args]) => ({ [op]: args })),
      fc
        .tuple(fc.constantFrom(...controlOps), fc.array(tie("scoped"), { maxLength: 3 }))
        .map(([op, args]) => ({ [op]: args })),
    ),
  }),
).rule;
