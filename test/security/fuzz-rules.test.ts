/**
 * Security S1: fuzzing the JSON Logic compiler with hostile rules and hostile data.
 *
 * `scaled(10,000, 100,000)` rules — grammar-based ones (every operator, from
 * engine/rules/testing/arbitraries) mutated with unknown and dotted operators, `var` paths through
 * `__proto__` / `constructor` / `prototype` (literal, computed and data-supplied), deep nesting,
 * `reduce` + `merge`/`cat` doubling, own `__proto__` keys, and rules past each save-time limit — are
 * compiled and run against generated account data (some of it with own `__proto__` members).
 * It proves, case by case:
 * - nothing but a typed `RuleError` is ever thrown, on save or at run time, and each one carries an
 *   RFC 6901 pointer that resolves inside the rule (so the editor can mark the offending node);
 * - `Object.prototype`, `Array.prototype`, `Function.prototype` (and String/Number) keep exactly
 *   their own property names and descriptors: no rule or data can pollute them;
 * - no result hands out a function or a prototype object;
 * - every rule past a limit (depth > 32, nodes > 2,000, array literal > 1,000) is rejected on save,
 *   with that limit's code.
 * The slowest evaluation is recorded as a figure, not asserted: vitest's timeout is the hang bound.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePointer } from "../../engine/errors/pointer.ts";
import { createRuleEngine, RuleError } from "../../engine/rules/index.ts";
import { dataArbitrary, ruleArbitrary } from "../../engine/rules/testing/arbitraries.ts";
import { referenceClock } from "../../engine/rules/testing/reference.ts";
import { count, recordFigure, scaled } from "../reliability/figures.ts";

/** Fixed so a failure reproduces; KAMFLOW_FUZZ_SEED explores other cases. */
const SEED = Number(process.env.KAMFLOW_FUZZ_SEED ?? 20261207);
const CASES = scaled(10_000, 100_000);
const engine = createRuleEngine({ clock: referenceClock });

// ---------------------------------------------------------------------------------------------
// Prototype snapshots: own names (and symbols) with their descriptors, compared by identity.

const PROTOTYPES = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
  Number: Number.prototype,
} as const;

type Snapshot = Map<string | symbol, PropertyDescriptor>;

function snapshot(target: object): Snapshot {
  const out: Snapshot = new Map();
  for (const key of Reflect.ownKeys(target))
    out.set(key, Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor);
  return out;
}

const before = Object.fromEntries(
  Object.entries(PROTOTYPES).map(([name, proto]) => [name, snapshot(proto)]),
) as Record<keyof typeof PROTOTYPES, Snapshot>;

/** What changed on the built-in prototypes since the suite started ("" when nothing). */
function prototypeChanges(): string {
  const changes: string[] = [];
  for (const [name, proto] of Object.entries(PROTOTYPES) as [keyof typeof PROTOTYPES, object][]) {
    const now = snapshot(proto);
    const was = before[name];
    for (const key of now.keys()) if (!was.has(key)) changes.push(`${name}+${String(key)}`);
    for (const [key, d] of was) {
      const n = now.get(key);
      if (!n) changes.push(`${name}-${String(key)}`);
      else if (
        n.value !== d.value ||
        n.get !== d.get ||
        n.set !== d.set ||
        n.writable !== d.writable ||
        n.enumerable !== d.enumerable ||
        n.configurable !== d.configurable
      )
        changes.push(`${name}~${String(key)}`);
    }
  }
  if (Object.getPrototypeOf(Object.prototype) !== null)
    changes.push("Object.prototype.[[Prototype]]");
  return changes.join(", ");
}

// ---------------------------------------------------------------------------------------------
// Hostile material.

const hostileOps = [
  "Math.max",
  "a.b",
  "var.x",
  "if.then",
  ".",
  "",
  "constructor",
  "__proto__",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
  "__lookupGetter__",
  "method",
  "eval",
  "Function",
  "require",
  "process.exit",
  "apply",
  "call",
  "bind",
  "add_operation",
  "log.constructor",
] as const;

const hostilePaths = [
  "__proto__",
  "constructor",
  "prototype",
  "__proto__.polluted",
  "constructor.prototype",
  "constructor.prototype.polluted",
  "a.__proto__",
  "obj.constructor",
  "list.constructor.prototype",
  "s.constructor.name",
  "items.0.__proto__",
  "0.__proto__",
  "__proto__.__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "obj.toString",
  "list.map",
  "list.push",
  "words.constructor",
  "s.length",
  ".",
  "..",
  "a..b",
  " __proto__",
] as const;

/** A `var` reaching for prototypes: a literal path, a computed one, or one the data supplies. */
const hostileVar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostilePaths).map((p) => ({ var: p })),
  fc.constantFrom(...hostilePaths).map((p) => ({ var: [p, "fallback"] })),
  fc.constantFrom(...hostilePaths).map((p) => ({ var: [p] })),
  fc.constantFrom(...hostilePaths).map((p) => ({ var: { cat: [p.slice(0, 3), p.slice(3)] } })),
  fc.constant({ var: { var: "p" } }),
  fc.constant({ var: [{ var: "p" }, "fallback"] }),
  fc.constant({ var: { cat: [{ var: "p" }, ".polluted"] } }),
  fc.constant({ missing: [{ var: "p" }, "__proto__"] }),
  fc.constant({ missing_some: [1, [{ var: "p" }, "constructor"]] }),
  fc.constant({ lookup: [{ var: "obj" }, { var: "p" }, "none"] }),
  fc.constant({ in: [{ var: "p" }, { var: "obj" }] }),
  fc.constant({ merge: [{ var: "" }, { var: "proto" }] }),
  fc.constant({ map: [{ var: "proto" }, { var: "" }] }),
  fc.constant({ reduce: [{ var: "list" }, { var: "accumulator.constructor" }, { var: "proto" }] }),
);

/** Rules that double their value on every `reduce` step (json-logic-js: 1.35 GB from 26 items). */
const doubling: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom("merge", "cat", "pair"), fc.boolean())
  .map(([kind, wrapped]) => {
    const acc = { var: "accumulator" };
    const body = kind === "pair" ? [acc, acc] : { [kind]: [acc, acc] };
    const rule = { reduce: [{ var: "xs" }, body, kind === "cat" ? "x" : [1]] };
    return wrapped ? { cat: rule } : rule;
  });

/** A JSON object with an own `__proto__` member, as JSON.parse makes one. */
function withOwnProto(value: unknown, extra: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, "__proto__", {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  out.x = extra;
  return out;
}

/** Account data: the generator's records plus hostile members the rules above read. */
const hostileData = fc
  .tuple(
    dataArbitrary,
    fc.constantFrom(...hostilePaths, "obj", "n", "x"),
    fc.integer({ min: 0, max: 40 }),
    fc.boolean(),
  )
  .map(([data, p, xsLength, ownProto]) => {
    const record: Record<string, unknown> = {
      ...data,
      p,
      xs: Array.from({ length: xsLength }, (_, i) => i),
      proto: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}'),
    };
    return ownProto ? Object.assign(withOwnProto({ polluted: true }, 1), record) : record;
  });

type Mutation =
  | { readonly kind: "renameOp"; readonly op: string }
  | { readonly kind: "replace"; readonly with: unknown }
  | { readonly kind: "protoKey"; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...hostileOps).map((op) => ({ kind: "renameOp", op }) as const),
  hostileVar.map((v) => ({ kind: "replace", with: v }) as const),
  doubling.map((v) => ({ kind: "replace", with: v }) as const),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: "replace", with: v }) as const),
  fc.jsonValue({ maxDepth: 2 }).map((v) => ({ kind: "protoKey", value: v }) as const),
);

/** Every operation object in `rule` (depth-first), so a mutation can pick one. */
function operations(rule: unknown, out: Array<Record<string, unknown>> = []) {
  if (Array.isArray(rule)) for (const item of rule) operations(item, out);
  else if (rule !== null && typeof rule === "object") {
    out.push(rule as Record<string, unknown>);
    for (const value of Object.values(rule)) operations(value, out);
  }
  return out;
}

/** Applies `mutations` to a deep copy of `rule`, each at the operation `at` picks. */
function mutate(rule: unknown, mutations: ReadonlyArray<readonly [Mutation, number]>): unknown {
  const root = { r: structuredClone(rule) };
  for (const [m, at] of mutations) {
    const ops = operations(root.r);
    const target = ops.length === 0 ? undefined : ops[at % ops.length];
    // fc.constant hands out one shared instance: copy before editing or linking it in.
    const replacement = m.kind === "replace" ? structuredClone(m.with) : undefined;
    if (m.kind === "replace" && (target === undefined || at % 3 === 0)) {
      root.r = replacement;
      continue;
    }
    if (!target) continue;
    const [key] = Object.keys(target);
    if (key === undefined) continue;
    const args = target[key];
    if (m.kind === "renameOp") {
      delete target[key];
      Object.defineProperty(target, m.op, {
        value: args,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (m.kind === "replace") {
      target[key] = Array.isArray(args) ? [...args.slice(0, at % 3), replacement] : replacement;
    } else {
      Object.defineProperty(target, "__proto__", {
        value: structuredClone(m.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root.r;
}

/** The limit a generated rule breaks on purpose; `undefined` for the others. */
type Expect = "RULE_TOO_DEEP" | "RULE_TOO_MANY_NODES" | "RULE_TOO_LARGE" | undefined;

const wrappers = ["!", "!!", "if", "and", "or", "merge", "cat", "array"] as const;

/** `inner` wrapped `levels` times in single-argument operations or array literals. */
function nest(inner: unknown, levels: number, pick: number): unknown {
  let rule = inner;
  for (let i = 0; i < levels; i++) {
    const op = wrappers[(pick + i) % wrappers.length] as (typeof wrappers)[number];
    rule = op === "array" ? [rule] : { [op]: [rule] };
  }
  return rule;
}

const overLimit: fc.Arbitrary<{ rule: unknown; expect: Expect }> = fc.oneof(
  fc
    .tuple(ruleArbitrary, fc.integer({ min: 33, max: 200 }), fc.nat())
    .map(([inner, levels, pick]) => ({
      rule: nest(inner, levels, pick),
      expect: "RULE_TOO_DEEP" as const,
    })),
  // The 50,000-level rule of the plan: rejected without a recursive walk overflowing the stack.
  fc.nat().map((pick) => ({ rule: nest(1, 50_000, pick), expect: "RULE_TOO_DEEP" as const })),
  fc.integer({ min: 500, max: 900 }).map((n) => ({
    rule: { and: Array.from({ length: n }, (_, i) => ({ "==": [{ var: "n" }, i] })) },
    expect: "RULE_TOO_MANY_NODES" as const,
  })),
  fc.integer({ min: 1001, max: 1900 }).map((n) => ({
    rule: { in: [{ var: "n" }, Array.from({ length: n }, (_, i) => i)] },
    expect: "RULE_TOO_LARGE" as const,
  })),
);

/** One fuzz case: a rule, the limit it breaks (if it was made to), and the data it runs on. */
const fuzzCase = fc.record({
  made: fc.oneof(
    { weight: 3, arbitrary: ruleArbitrary.map((rule) => ({ rule, expect: undefined as Expect })) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          ruleArbitrary,
          fc.array(fc.tuple(mutation, fc.nat()), { minLength: 1, maxLength: 3 }),
        )
        .map(([rule, ms]) => ({ rule: mutate(rule, ms), expect: undefined as Expect })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(ruleArbitrary, hostileVar, doubling), fc.integer({ min: 1, max: 32 }))
        .map(([inner, levels]) => ({
          rule: nest(inner, levels, levels),
          expect: undefined as Expect,
        })),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((rule) => ({ rule, expect: undefined as Expect })) },
    { weight: 1, arbitrary: overLimit },
  ),
  data: fc.array(hostileData, { minLength: 1, maxLength: 3 }),
});

// ---------------------------------------------------------------------------------------------
// Checks.

const POINTER = /^(\/([^~/]|~[01])*)*$/;

/** Whether `pointer` names a place that exists in `document` (RFC 6901, own members only). */
function resolves(document: unknown, pointer: string): boolean {
  let current = document;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, token))
      return false;
    current = (current as Record<string, unknown>)[token];
  }
  return true;
}

/** A typed rule error located in the rule, or a description of what is wrong with `error`. */
function checkError(error: unknown, rule: unknown): string | undefined {
  if (!(error instanceof RuleError))
    return `untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  for (const found of [error, ...error.issues]) {
    if (typeof found.pointer !== "string" || !POINTER.test(found.pointer))
      return `${found.code}: bad pointer ${JSON.stringify(found.pointer)}`;
    if (!resolves(rule, found.pointer))
      return `${found.code}: pointer ${found.pointer} is not in the rule`;
  }
  return undefined;
}

/** A value a rule may hand out: JSON data, no functions, no prototype objects (cycles allowed). */
function leak(value: unknown): string | undefined {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  const protos = new Set<unknown>(Object.values(PROTOTYPES));
  while (stack.length > 0 && seen.size < 50_000) {
    const v = stack.pop();
    if (typeof v === "function") return `a function (${v.name})`;
    if (protos.has(v)) return "a built-in prototype";
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    for (const item of Object.values(v)) stack.push(item);
  }
  return undefined;
}

const cleanup = () => {
  // If a case did pollute, remove it so the failure report is about that case alone.
  for (const key of ["polluted", "x"]) delete (Object.prototype as Record<string, unknown>)[key];
};

describe("S1: JSON Logic fuzz", () => {
  // About 15 s at CI size on an idle 2-core machine; the bound leaves room for a busy one.
  const timeout = scaled(180_000, 1_800_000);
  it(`compiles and runs ${count(CASES)} hostile rules: typed errors only, prototypes intact`, {
    timeout,
  }, () => {
    const tally = {
      rules: 0,
      compiled: 0,
      rejectedOnSave: 0,
      evaluations: 0,
      returned: 0,
      rejectedAtRun: 0,
      overLimit: 0,
      overLimitRejected: 0,
      budgetStops: 0,
      maxEvalMs: 0,
      maxEvalCpuMs: 0,
    };
    fc.assert(
      fc.property(fuzzCase, ({ made, data }) => {
        tally.rules++;
        const { rule, expect: limit } = made;
        let run: ((d: unknown) => unknown) | undefined;
        try {
          run = engine.compile(rule);
        } catch (error) {
          const problem = checkError(error, rule);
          if (problem) throw new Error(`on save: ${problem}`);
          tally.rejectedOnSave++;
          if (limit) {
            tally.overLimit++;
            expect((error as RuleError).code, "the limit's own code").toBe(limit);
            tally.overLimitRejected++;
          }
        }
        if (limit && run) {
          tally.overLimit++;
          throw new Error(`a rule over ${limit} was accepted on save`);
        }
        if (run) {
          tally.compiled++;
          for (const record of data) {
            tally.evaluations++;
            // Wall time suffers from other processes on the machine; CPU time is the plan's measure.
            const started = performance.now();
            const cpu = process.cpuUsage();
            try {
              const value = run(record);
              tally.returned++;
              const leaked = leak(value);
              if (leaked) throw new Error(`the rule handed out ${leaked}`);
            } catch (error) {
              if (error instanceof Error && error.message.startsWith("the rule handed out"))
                throw error;
              const problem = checkError(error, rule);
              if (problem) throw new Error(`at run time: ${problem}`);
              tally.rejectedAtRun++;
              if ((error as RuleError).code === "RULE_BUDGET_EXCEEDED") tally.budgetStops++;
            } finally {
              tally.maxEvalMs = Math.max(tally.maxEvalMs, performance.now() - started);
              const used = process.cpuUsage(cpu);
              tally.maxEvalCpuMs = Math.max(tally.maxEvalCpuMs, (used.user + used.system) / 1000);
            }
          }
        }
        const changes = prototypeChanges();
        if (changes) {
          cleanup();
          throw new Error(`built-in prototypes changed: ${changes}`);
        }
        // The cheap canaries too: a polluted prototype shows on every fresh object.
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: CASES, seed: SEED, endOnFailure: true },
    );

    expect(tally.rules).toBe(CASES);
    // Every over-limit rule was rejected on save with its limit's code (N/N).
    expect(tally.overLimitRejected).toBe(tally.overLimit);
    expect(tally.overLimit).toBeGreaterThan(0);
    // The mix exercised every outcome: valid rules ran, hostile ones were refused both ways.
    expect(tally.compiled).toBeGreaterThan(CASES / 4);
    expect(tally.rejectedOnSave).toBeGreaterThan(CASES / 10);
    expect(tally.rejectedAtRun).toBeGreaterThan(0);
    expect(tally.budgetStops).toBeGreaterThan(0);
    expect(prototypeChanges()).toBe("");

    recordFigure({
      id: "S1",
      test: "JSON Logic fuzz: hostile rules and data",
      backend: "engine",
      size: `${count(CASES)} rules, ${count(tally.evaluations)} evaluations`,
      figures: {
        crashes: 0,
        "prototype changes": 0,
        "compiled / rejected on save": `${count(tally.compiled)} / ${count(tally.rejectedOnSave)}`,
        "returned / typed error at run": `${count(tally.returned)} / ${count(tally.rejectedAtRun)}`,
        "budget stops": count(tally.budgetStops),
        "over-limit rejected on save": `${count(tally.overLimitRejected)}/${count(tally.overLimit)}`,
        "max evaluation ms (wall)": Number(tally.maxEvalMs.toFixed(1)),
        "max evaluation ms (CPU)": Number(tally.maxEvalCpuMs.toFixed(1)),
      },
    });
  });
});
