/**
 * Save-time validation: unknown operators, custom-operator arity, and `var` paths checked
 * against the data schema of the form the rule reads, each with a code and a JSON pointer.
 */
import { describe, expect, it } from "vitest";
import { compileRule, RuleError, validateRule } from "./index.ts";

const accountSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    annualPurchase: { type: "number" },
    margin: { type: "number" },
    signedOn: { type: "string", format: "date" },
    tags: { type: "array", items: { type: "string" } },
    contacts: {
      type: "array",
      items: {
        type: "object",
        properties: { name: { type: "string" }, score: { type: "integer" } },
      },
    },
    address: { $ref: "#/$defs/address" },
    extra: { type: "object", additionalProperties: { type: "number" } },
    free: {},
  },
  $defs: { address: { type: "object", properties: { city: { type: "string" } } } },
} as const;

function issuesOf(rule: unknown, pointer = "/rules/0/when") {
  return validateRule(rule, { dataSchema: accountSchema, pointer }).map((i) => ({
    code: i.code,
    pointer: i.pointer,
  }));
}

describe("validateRule", () => {
  it("accepts a rule over defined fields, nested, indexed, referenced and open paths", () => {
    expect(
      issuesOf({
        and: [
          { ">": [{ var: "annualPurchase" }, 1_000_000] },
          { "==": [{ var: "address.city" }, "上海"] },
          { ">": [{ var: "contacts.0.score" }, 5] },
          { some: [{ var: "contacts" }, { ">=": [{ var: "score" }, 8] }] },
          {
            reduce: [
              { var: "contacts" },
              { "+": [{ var: "current.score" }, { var: "accumulator" }] },
              0,
            ],
          },
          { "<": [{ var: "extra.anything" }, 3] },
          { var: "free.whatever.below" },
          { "==": [{ var: "tags.length" }, 2] },
          { "<": [{ days_since: { var: "signedOn" } }, 30] },
        ],
      }),
    ).toEqual([]);
  });

  it("reports every unknown field with the pointer of its path, below the rule's own pointer", () => {
    expect(
      issuesOf({ and: [{ ">": [{ var: "annualPurchse" }, 1] }, { var: "address.zip" }] }),
    ).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/rules/0/when/and/0/>/0/var" },
      { code: "RULE_UNKNOWN_FIELD", pointer: "/rules/0/when/and/1/var" },
    ]);
  });

  it("checks paths inside map/filter/all against the items schema", () => {
    expect(issuesOf({ all: [{ var: "contacts" }, { ">": [{ var: "scroe" }, 1] }] }, "")).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/all/1/>/0/var" },
    ]);
  });

  it("checks the keys of missing", () => {
    expect(issuesOf({ missing: ["name", "nmae"] }, "")).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/missing/1" },
    ]);
  });

  it("rejects fields of an incompatible type for the operator", () => {
    expect(issuesOf({ "+": [{ var: "name" }, 1] }, "")).toEqual([
      { code: "RULE_FIELD_TYPE", pointer: "/+/0" },
    ]);
    expect(issuesOf({ map: [{ var: "margin" }, 1] }, "")).toEqual([
      { code: "RULE_FIELD_TYPE", pointer: "/map/0" },
    ]);
    expect(issuesOf({ days_since: { var: "annualPurchase" } }, "")).toEqual([
      { code: "RULE_FIELD_TYPE", pointer: "/days_since" },
    ]);
    expect(issuesOf({ in: ["x", { var: "margin" }] }, "")).toEqual([
      { code: "RULE_FIELD_TYPE", pointer: "/in/1" },
    ]);
    // Comparisons coerce on purpose, so they accept any field.
    expect(issuesOf({ "<": [{ var: "name" }, "m"] }, "")).toEqual([]);
  });

  it("rejects unknown operators and wrong arity of custom operators", () => {
    expect(
      issuesOf({ and: [{ sum: [1, 2] }, { round: [] }, { date_add: ["2026-01-01", 1] }] }, ""),
    ).toEqual([
      { code: "RULE_UNKNOWN_OPERATOR", pointer: "/and/0/sum" },
      { code: "RULE_ARITY", pointer: "/and/1/round" },
      { code: "RULE_ARITY", pointer: "/and/2/date_add" },
    ]);
  });

  it("compileRule throws a RuleError that carries every issue", () => {
    try {
      compileRule({ and: [{ nope: 1 }, { var: "missingField" }] }, { dataSchema: accountSchema });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleError);
      const ruleError = error as RuleError;
      expect(ruleError.code).toBe("RULE_UNKNOWN_OPERATOR");
      expect(ruleError.issues.map((i) => i.code)).toEqual([
        "RULE_UNKNOWN_OPERATOR",
        "RULE_UNKNOWN_FIELD",
      ]);
    }
  });

  it("does not check paths when no data schema is given", () => {
    expect(validateRule({ var: "anything.at.all" })).toEqual([]);
  });
});
