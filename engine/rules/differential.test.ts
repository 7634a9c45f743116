/**
 * Differential tests: for every standard operator, kamflow's compiled rule gives exactly what
 * json-logic-js gives (a value, or an exception), including its coercion edge cases.
 */
import { describe, expect, it } from "vitest";
import { createRuleEngine } from "./index.ts";
import { outcome, referenceClock, referenceLogic } from "./testing/reference.ts";

const engine = createRuleEngine({ clock: referenceClock });
const reference = referenceLogic();

type Case = readonly [rule: unknown, data?: unknown];

function agree(cases: readonly Case[]) {
  for (const [rule, data = null] of cases) {
    const ours = outcome(() => engine.compile(rule)(data));
    const theirs = outcome(() => reference.apply(rule as never, data as never));
    expect(ours, JSON.stringify({ rule, data })).toEqual(theirs);
  }
}

const account = {
  name: "华东制造",
  annualPurchase: 1_250_000,
  margin: 0.23,
  tags: ["key", "manufacturing"],
  contacts: [
    { name: "王总", role: "decision-maker", score: 9 },
    { name: "Li", role: "opponent", score: 2 },
  ],
  empty: "",
  zero: 0,
  nothing: null,
  nested: { deep: { value: 42 } },
};

describe("differential against json-logic-js", () => {
  it("var: dotted paths, array indices, defaults, whole data", () => {
    agree([
      [{ var: "name" }, account],
      [{ var: "nested.deep.value" }, account],
      [{ var: "contacts.1.name" }, account],
      [{ var: "contacts.5.name" }, account],
      [{ var: ["missing", "default"] }, account],
      [{ var: ["nothing", "default"] }, account],
      [{ var: ["empty", "default"] }, account],
      [{ var: ["zero", 7] }, account],
      [{ var: "" }, account],
      [{ var: [] }, account],
      [{ var: null }, account],
      [{ var: ["", 5] }, null],
      [{ var: 1 }, ["a", "b"]],
      [{ var: "1" }, ["a", "b"]],
      [{ var: "tags.length" }, account],
      [{ var: "name.length" }, account],
      [{ var: "a" }, null],
      [{ var: "a" }, 5],
      [{ var: "0" }, "text"],
      [{ var: { cat: ["nested", ".deep"] } }, account],
      [{ var: ["nested.deep.none", { var: "zero" }] }, account],
      [{ var: "a..b" }, { a: { "": { b: 1 } } }],
      [{ var: 1.5 }, { 1: { 5: "x" } }],
      [{ var: true }, { true: "yes" }],
    ]);
  });

  it("missing and missing_some", () => {
    agree([
      [{ missing: ["name", "nothing", "empty", "absent", "zero"] }, account],
      [{ missing: [["name", "absent"]] }, account],
      [{ missing: [["name"], "absent"] }, account],
      [{ missing: "absent" }, account],
      [{ missing: [] }, account],
      [{ missing: { merge: ["absent", ["name", "zero"]] } }, account],
      [{ missing: ["a.b"] }, { a: { b: "" } }],
      [{ missing: ["a"] }, null],
      [{ missing_some: [1, ["name", "absent"]] }, account],
      [{ missing_some: [2, ["name", "absent", "nothing"]] }, account],
      [{ missing_some: [0, []] }, account],
      [{ missing_some: [1, "absent"] }, account],
      [{ missing_some: [1, null] }, account],
      [{ missing_some: [1, { var: "tags" }] }, account],
    ]);
  });

  it("if and ?: with every argument count", () => {
    agree([
      [{ if: [] }],
      [{ if: [true] }],
      [{ if: true }],
      [{ if: [false, "a"] }],
      [{ if: [true, "a"] }],
      [{ if: [{ var: "zero" }, "yes", "no"] }, account],
      [{ if: [false, 1, false, 2, 3] }],
      [{ if: [false, 1, true, 2, 3] }],
      [{ if: [false, 1, false, 2] }],
      [{ if: [[], "empty array is falsy", "else"] }],
      [{ if: ["0", "string zero is truthy", "else"] }],
      [{ if: [{}, "object", "else"] }],
      [{ "?:": [{ ">": [{ var: "annualPurchase" }, 1_000_000] }, "key", "regular"] }, account],
    ]);
  });

  it("equality with its coercions", () => {
    const values = [0, 1, "1", "", "0", null, true, false, [], [1], "a", 1.5, {}];
    const cases: Case[] = [];
    for (const op of ["==", "===", "!=", "!=="]) {
      for (const a of values) for (const b of values) cases.push([{ [op]: [a, b] }]);
      cases.push([{ [op]: [1] }], [{ [op]: [] }], [{ [op]: [1, 1, 2] }]);
    }
    agree(cases);
  });

  it("negation and double negation (truthiness)", () => {
    agree([
      [{ "!": [[]] }],
      [{ "!": [] }],
      [{ "!": [[0]] }],
      [{ "!": ["0"] }],
      [{ "!": [""] }],
      [{ "!": [null] }],
      [{ "!": 0 }],
      [{ "!!": [[]] }],
      [{ "!!": ["0"] }],
      [{ "!!": [{ var: "tags" }] }, account],
      [{ "!!": [{ var: "nothing" }] }, account],
    ]);
  });

  it("and / or return values, not booleans", () => {
    agree([
      [{ and: [] }],
      [{ or: [] }],
      [{ and: [1, "a", [1]] }],
      [{ and: [1, 0, "never"] }],
      [{ and: [true, []] }],
      [{ or: [0, "", [], "found"] }],
      [{ or: [0, null] }],
      [{ or: true }],
      [{ and: [{ var: "tags" }, { var: "name" }] }, account],
    ]);
  });

  it("comparisons, including three-argument between forms", () => {
    const cases: Case[] = [];
    const values = [0, 1, 2, "1", "b", "a", null, true, [2], "10", "9"];
    for (const op of [">", ">=", "<", "<="]) {
      for (const a of values) for (const b of values) cases.push([{ [op]: [a, b] }]);
    }
    for (const op of ["<", "<="]) {
      cases.push(
        [{ [op]: [1, 2, 3] }],
        [{ [op]: [1, 1, 3] }],
        [{ [op]: [1, 4, 3] }],
        [{ [op]: [3, 2, 1] }],
      );
      cases.push([{ [op]: [0, { var: "annualPurchase" }, 2_000_000] }, account]);
      cases.push([{ [op]: [1, 2, { and: [] }] }]);
    }
    cases.push([{ ">": [2, 1, 0] }], [{ ">": [1] }], [{ "<": [] }]);
    agree(cases);
  });

  it("max and min", () => {
    agree([
      [{ max: [1, 3, 2] }],
      [{ min: [1, 3, 2] }],
      [{ max: [] }],
      [{ min: [] }],
      [{ max: ["3", 2] }],
      [{ max: [1, "a"] }],
      [{ min: [null, 1] }],
      [{ max: [[5], 1] }],
      [{ max: [{ var: "annualPurchase" }, 2_000_000] }, account],
    ]);
  });

  it("arithmetic with parseFloat coercion", () => {
    agree([
      [{ "+": [] }],
      [{ "+": [1] }],
      [{ "+": ["1"] }],
      [{ "+": [1, "2", "3.5abc"] }],
      [{ "+": ["abc"] }],
      [{ "+": [null, 1] }],
      [{ "+": [true, 1] }],
      [{ "+": [[1, 2], 1] }],
      [{ "+": [-0] }],
      [{ "+": [0.1, 0.2] }],
      [{ "*": [] }],
      [{ "*": ["3"] }],
      [{ "*": [2, "3"] }],
      [{ "*": [2, 3, 4] }],
      [{ "*": [null, 3] }],
      [{ "*": [-0, 1] }],
      [{ "-": [5] }],
      [{ "-": ["5"] }],
      [{ "-": [5, 2] }],
      [{ "-": [5, null] }],
      [{ "-": [] }],
      [{ "-": [5, "a"] }],
      [{ "/": [1, 0] }],
      [{ "/": [-1, 0] }],
      [{ "/": [0, 0] }],
      [{ "/": ["6", "3"] }],
      [{ "/": [1] }],
      [{ "%": [7, 3] }],
      [{ "%": [-7, 3] }],
      [{ "%": [7, 0] }],
      [{ "%": ["7", "2"] }],
      [{ "+": [{ "*": [{ var: "margin" }, 100] }, 1] }, account],
    ]);
  });

  it("in, cat, substr", () => {
    agree([
      [{ in: ["flow", "kamflow"] }],
      [{ in: ["x", "kamflow"] }],
      [{ in: [1, [1, 2]] }],
      [{ in: ["1", [1, 2]] }],
      [{ in: [1, "123"] }],
      [{ in: ["a", null] }],
      [{ in: ["a", 5] }],
      [{ in: ["a", {}] }],
      [{ in: ["a", true] }],
      [{ in: ["a"] }],
      [{ in: ["key", { var: "tags" }] }, account],
      [{ in: ["a", { indexOf: 1 }] }],
      [{ cat: [] }],
      [{ cat: ["a", 1, null, true, [1, 2], [[3]], { a: 1 }, 1.5] }],
      [{ cat: "single" }],
      [{ cat: ["Dear ", { var: "name" }] }, account],
      [{ substr: ["kamflow", 3] }],
      [{ substr: ["kamflow", -4] }],
      [{ substr: ["kamflow", 1, 3] }],
      [{ substr: ["kamflow", 1, -1] }],
      [{ substr: ["kamflow", -4, -2] }],
      [{ substr: ["kamflow", 0, -10] }],
      [{ substr: ["kamflow", 10] }],
      [{ substr: [12345, 1, 2] }],
      [{ substr: [null, 1] }],
      [{ substr: ["kamflow"] }],
      [{ substr: ["kamflow", "2", "3"] }],
    ]);
  });

  it("merge", () => {
    agree([
      [{ merge: [] }],
      [{ merge: [1, 2] }],
      [{ merge: [[1], [2, [3]]] }],
      [{ merge: [null, "a"] }],
      [{ merge: [{ var: "tags" }, "extra"] }, account],
      [{ merge: [{ a: 1, b: 2 }] }],
    ]);
  });

  it("map, filter, reduce", () => {
    agree([
      [{ map: [{ var: "contacts" }, { var: "name" }] }, account],
      [{ map: [[1, 2, 3], { "*": [{ var: "" }, 2] }] }],
      [{ map: [{ var: "nothing" }, { var: "" }] }, account],
      [{ map: ["abc", { var: "" }] }],
      [{ map: [[1, 2]] }],
      [{ map: [] }],
      [{ filter: [{ var: "contacts" }, { ">": [{ var: "score" }, 5] }] }, account],
      [{ filter: [[0, 1, "", "a", [], [0]], { var: "" }] }],
      [{ filter: [5, true] }],
      [{ filter: [[1, 2]] }],
      [{ reduce: [[1, 2, 3], { "+": [{ var: "current" }, { var: "accumulator" }] }, 0] }],
      [{ reduce: [[1, 2, 3], { "+": [{ var: "current" }, { var: "accumulator" }] }] }],
      [{ reduce: [[], { "+": [{ var: "current" }, { var: "accumulator" }] }, 10] }],
      [{ reduce: ["x", { var: "current" }, 10] }],
      [{ reduce: [[1, 2], { var: "current" }] }],
      [{ reduce: [[1, 2]] }],
      [
        {
          reduce: [[2, 3], { "*": [{ var: "current" }, { var: "accumulator" }] }, { var: "zero" }],
        },
        account,
      ],
      [
        {
          reduce: [
            { var: "contacts" },
            { "+": [{ var: "accumulator" }, { var: "current.score" }] },
            0,
          ],
        },
        account,
      ],
      [{ reduce: [[1, 2], { cat: [{ var: "accumulator" }, { var: "current" }] }, ""] }],
    ]);
  });

  it("all, some, none (empty and non-array inputs)", () => {
    const cases: Case[] = [];
    for (const op of ["all", "some", "none"]) {
      cases.push(
        [{ [op]: [[], true] }],
        [{ [op]: [[1, 2], { ">": [{ var: "" }, 1] }] }],
        [{ [op]: [[1, 2], { ">": [{ var: "" }, 0] }] }],
        [{ [op]: [[1, 2], { ">": [{ var: "" }, 5] }] }],
        [{ [op]: [null, true] }],
        [{ [op]: ["abc", true] }],
        [{ [op]: [[0, []], { var: "" }] }],
        [{ [op]: [{ var: "contacts" }, { "==": [{ var: "role" }, "opponent"] }] }, account],
        [{ [op]: [[1]] }],
      );
    }
    agree(cases);
  });

  it("literals: arrays of rules, objects with several keys, nested operations", () => {
    agree([
      [[1, { var: "zero" }, [{ var: "name" }]], account],
      [{ a: 1, b: { var: "x" } }],
      [{}],
      ["text"],
      [null],
      [42],
      [{ if: [true, { a: 1, b: 2 }, null] }],
      [{ var: { if: [true, "name", "zero"] } }, account],
    ]);
  });

  it("fused shapes: field-vs-constant operations, comparison conjunctions, repeated subtrees", () => {
    const records = [
      account,
      { annualPurchase: "1250000", margin: "0.3", name: null },
      { annualPurchase: null, margin: [0.5] },
      {},
      null,
      { annualPurchase: 0, margin: -0, name: "0" },
    ];
    const rules = [
      {
        and: [{ ">=": [{ var: "annualPurchase" }, 1_000_000] }, { ">": [{ var: "margin" }, 0.2] }],
      },
      {
        and: [
          { "<": [{ var: "annualPurchase" }, 2_000_000] },
          { "<=": [{ var: "margin" }, 0.3] },
          { "==": [{ var: "name" }, "0"] },
          { "!=": [{ var: "absent" }, null] },
        ],
      },
      { and: [{ "===": [{ var: "annualPurchase" }, 0] }, { "!==": [{ var: "margin" }, 0] }] },
      { "*": [{ var: "margin" }, 100] },
      { "+": [{ var: "annualPurchase" }, 1] },
      { "-": [{ var: "annualPurchase" }, 1] },
      { "/": [{ var: "annualPurchase" }, 1000] },
      { "*": [{ var: "absent" }, "2"] },
      {
        if: [
          { ">=": [{ "+": [{ var: "margin" }, { var: "annualPurchase" }] }, 1_000_000] },
          "big",
          { ">=": [{ "+": [{ var: "margin" }, { var: "annualPurchase" }] }, 1] },
          "some",
          "none",
        ],
      },
      { cat: [{ "+": [{ var: "margin" }, 1] }, "/", { "+": [{ var: "margin" }, 1] }] },
    ];
    const cases: Case[] = [];
    for (const rule of rules) for (const data of records) cases.push([rule, data]);
    agree(cases);
  });

  it("log returns its argument", () => {
    agree([[{ log: "hello" }], [{ log: [{ var: "zero" }] }, account], [{ log: [] }]]);
  });
});
