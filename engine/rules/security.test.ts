/**
 * Security: no rule reads or writes prototypes, calls methods, widens the operator table, or
 * escapes its budget; hostile shapes are rejected on save with a pointer.
 */
import { describe, expect, it } from "vitest";
import { createRuleEngine, RuleError } from "./index.ts";
import { referenceLogic } from "./testing/reference.ts";

const engine = createRuleEngine();

function saveError(rule: unknown): RuleError {
  try {
    engine.compile(rule);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(rule).slice(0, 80)} to be rejected`);
}

function runError(run: () => unknown): RuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error("expected a RuleError");
}

describe("prototype paths", () => {
  it.each([
    "__proto__",
    "constructor",
    "a.__proto__",
    "a.constructor.prototype",
    "list.0.constructor",
    "prototype",
  ])("rejects var path %s when the rule is saved", (path) => {
    const error = saveError({ "==": [1, { var: path }] });
    expect(error.code).toBe("RULE_FORBIDDEN_PATH");
    expect(error.pointer).toBe("/==/1/var");
  });

  it("rejects forbidden keys in missing", () => {
    expect(saveError({ missing: ["a", "__proto__"] }).pointer).toBe("/missing/1");
  });

  it("gives null where json-logic-js hands out prototype members through dynamic paths", () => {
    // The path comes from the data, so no save-time check can see it.
    const rule = { var: { var: "field" } };
    const reference = referenceLogic();
    const data = (field: string) => ({ field, list: [1] });
    expect(typeof reference.apply(rule as never, data("constructor") as never)).toBe("function");
    expect(engine.compile(rule)(data("constructor"))).toBeNull();
    expect(engine.compile(rule)(data("__proto__"))).toBeNull();
    expect(engine.compile(rule)(data("list.map"))).toBeNull();
    expect(engine.compile(rule)(data("field.constructor.prototype"))).toBeNull();
    expect(engine.compile({ var: [{ var: "field" }, "fallback"] })(data("toString"))).toBe(
      "fallback",
    );
    // A path that folds to a constant is checked on save like a literal one.
    expect(saveError({ var: { cat: ["con", "structor"] } }).code).toBe("RULE_FORBIDDEN_PATH");
  });

  it("does not read inherited members of data objects", () => {
    const data = Object.create({ inherited: "secret" }) as Record<string, unknown>;
    data.own = "visible";
    // Data is JSON: only functions and __proto__ can come from a prototype, and those are refused.
    expect(engine.compile({ var: "hasOwnProperty" })(data)).toBeNull();
    expect(engine.compile({ var: "own" })(data)).toBe("visible");
  });

  it("lookup reads own members only", () => {
    const run = engine.compile({ lookup: [{ var: "table" }, { var: "key" }, "none"] });
    expect(run({ table: { a: 1 }, key: "a" })).toBe(1);
    expect(run({ table: { a: 1 }, key: "toString" })).toBe("none");
    expect(run({ table: { a: 1 }, key: "__proto__" })).toBe("none");
  });

  it("cannot pollute Object.prototype through data the rules handle", () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "a": {"b": 1}}');
    const rules = [
      { merge: [{ var: "a" }, { var: "" }] },
      { map: [[{ var: "" }], { var: "" }] },
      { missing: [{ var: "a" }] },
      { reduce: [[1, 2], { var: "accumulator" }, { var: "" }] },
    ];
    for (const rule of rules) {
      try {
        engine.compile(rule)(data);
      } catch {
        // a failing rule is fine; a polluted prototype is not
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("has no method-call operator (json-logic-js removed `method` after an RCE advisory)", () => {
    expect(saveError({ method: ["abc", "toUpperCase"] }).code).toBe("RULE_UNKNOWN_OPERATOR");
    const dotted = saveError({ "Math.max": [1, 2] });
    expect(dotted.code).toBe("RULE_UNKNOWN_OPERATOR");
    expect(dotted.pointer).toBe("/Math.max");
    expect(saveError(JSON.parse('{"__proto__": []}')).code).toBe("RULE_UNKNOWN_OPERATOR");
    expect(saveError(JSON.parse('{"constructor": ["x"]}')).code).toBe("RULE_UNKNOWN_OPERATOR");
  });
});

describe("operator table", () => {
  it("belongs to one engine and is not widened by json-logic-js's global add_operation", () => {
    const reference = referenceLogic();
    reference.add_operation("kamflow_test_injected", () => "owned");
    expect(reference.apply({ kamflow_test_injected: [] } as never)).toBe("owned");
    expect(saveError({ kamflow_test_injected: [] }).code).toBe("RULE_UNKNOWN_OPERATOR");
    reference.rm_operation("kamflow_test_injected");
  });

  it("is frozen from outside: the engine object and its operator list cannot be changed", () => {
    expect(Object.isFrozen(engine)).toBe(true);
    const list = engine.operators() as string[];
    expect(() => list.push("evil")).toThrow();
    expect(engine.operators()).not.toContain("evil");
    expect(engine.operators()).toContain("reduce");
  });
});

describe("evaluation budget", () => {
  const doubling = (op: "merge" | "cat") => ({
    reduce: [
      { var: "xs" },
      { [op]: [{ var: "accumulator" }, { var: "accumulator" }] },
      op === "merge" ? [1] : "x",
    ],
  });
  const xs = Array.from({ length: 26 }, (_, i) => i);

  it("stops reduce + merge doubling (json-logic-js builds 67M elements, 1.35 GB)", () => {
    const error = runError(() => engine.compile(doubling("merge"))({ xs }));
    expect(error.code).toBe("RULE_BUDGET_EXCEEDED");
    expect(error.params.what).toBe("array length");
  });

  it("stops reduce + cat doubling", () => {
    const error = runError(() => engine.compile(doubling("cat"))({ xs }));
    expect(error.code).toBe("RULE_BUDGET_EXCEEDED");
    expect(error.pointer).toBe("/reduce/1/cat");
  });

  it("stops an accumulator that shares itself ([acc, acc]) before anything prints it", () => {
    const rule = { reduce: [{ var: "xs" }, [{ var: "accumulator" }, { var: "accumulator" }], 1] };
    const error = runError(() => engine.compile(rule)({ xs: Array.from({ length: 40 }, () => 0) }));
    expect(error.code).toBe("RULE_BUDGET_EXCEEDED");
  });

  it("stops cat over a self-sharing structure before joining it", () => {
    const rule = {
      cat: { reduce: [{ var: "xs" }, [{ var: "accumulator" }, { var: "accumulator" }], "x"] },
    };
    const error = runError(() =>
      createRuleEngine({ limits: { maxArrayLength: 10_000_000, maxStringLength: 1000 } }).compile(
        rule,
      )({
        xs: Array.from({ length: 16 }, () => 0),
      }),
    );
    expect(error.code).toBe("RULE_BUDGET_EXCEEDED");
  });

  it("stops too many steps with a pointer to the loop", () => {
    const small = createRuleEngine({ limits: { maxSteps: 1000 } });
    const rule = { and: [true, { map: [{ var: "xs" }, { "+": [{ var: "" }, 1] }] }] };
    const error = runError(() =>
      small.compile(rule)({ xs: Array.from({ length: 2000 }, (_, i) => i) }),
    );
    expect(error.code).toBe("RULE_BUDGET_EXCEEDED");
    expect(error.pointer).toBe("/and/1/map");
    // The budget is per evaluation: a small input still runs after a failed one.
    expect(small.compile(rule)({ xs: [1, 2] })).toEqual([2, 3]);
  });

  it("charges rules found in data (missing keys) to the same budget, not a fresh one each", () => {
    // Each item's key is a doubling rule; a fresh budget per key ran 200 × 130k steps (4 s).
    const heavy = { reduce: [{ var: "xs" }, doubling("merge").reduce[1], [1]] };
    const xs = Array.from({ length: 16 }, (_, i) => i);
    const items = Array.from({ length: 200 }, () => ({ k: heavy, xs }));
    const rule = { map: [{ var: "items" }, { missing: [{ var: "k" }] }] };
    const error = runError(() => engine.compile(rule)({ items }));
    expect(error.code).toBe("RULE_BUDGET_EXCEEDED");
    expect(error.params.what).toBe("steps");
    expect(error.pointer).toBe("/map/1/missing");
  });

  it("locates a failing rule found in data at the node that ran it, not inside the data", () => {
    const rule = { missing: ["n", { var: "key" }] };
    const error = runError(() => engine.compile(rule)({ key: { y: 1 } }));
    expect(error.code).toBe("RULE_UNKNOWN_OPERATOR");
    expect(error.pointer).toBe("/missing");
    const some = { missing_some: [1, [{ var: "key" }]] };
    expect(runError(() => engine.compile(some)({ key: { nope: [] } })).pointer).toBe(
      "/missing_some",
    );
  });

  it("wraps run-time failures in RuleError with the cause kept", () => {
    const error = runError(() => engine.compile({ "*": [] })({}));
    expect(error.code).toBe("RULE_EVAL_FAILED");
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});

describe("shape limits on save", () => {
  it("rejects depth over 32 with the pointer of the first too-deep node", () => {
    let rule: unknown = 1;
    for (let i = 0; i < 33; i++) rule = { "!": [rule] };
    const error = saveError(rule);
    expect(error.code).toBe("RULE_TOO_DEEP");
    expect(error.pointer).toBe(`${"/!/0".repeat(32)}`);
    let ok: unknown = 1;
    for (let i = 0; i < 32; i++) ok = { "!": [ok] };
    expect(() => engine.compile(ok)).not.toThrow();
  });

  it("rejects a rule nested 50,000 levels deep without overflowing the stack", () => {
    let rule: unknown = 1;
    for (let i = 0; i < 50_000; i++) rule = { if: [rule] };
    expect(saveError(rule).code).toBe("RULE_TOO_DEEP");
  });

  it("rejects more than 2,000 nodes", () => {
    const rule = { and: Array.from({ length: 700 }, (_, i) => ({ "==": [i, i] })) };
    expect(saveError(rule).code).toBe("RULE_TOO_MANY_NODES");
  });

  it("rejects array literals over 1,000 elements and oversized rules", () => {
    const literal = saveError({ in: [1, Array.from({ length: 1001 }, (_, i) => i)] });
    expect(literal.code).toBe("RULE_TOO_LARGE");
    expect(literal.pointer).toBe("/in/1");
    expect(saveError({ cat: ["x".repeat(200_000)] }).code).toBe("RULE_TOO_LARGE");
  });
});
