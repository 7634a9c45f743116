import { describe, expect, it } from "vitest";
import { createAjv, validatorFor } from "./ajv.ts";
import { i18nStringSchema } from "./common/i18n-string.schema.ts";
import { jsonLogicRuleSchema } from "./common/json-logic-rule.schema.ts";

describe("createAjv", () => {
  it("validates an i18n string and reports the missing locale by pointer", () => {
    const validate = validatorFor(i18nStringSchema.$id);
    expect(validate({ "zh-CN": "客户", en: "Account" })).toBe(true);
    expect(validate({ en: "Account" })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: "required",
      params: { missingProperty: "zh-CN" },
    });
  });

  it("accepts JSON Logic shapes and rejects multi-key operations", () => {
    const validate = validatorFor(jsonLogicRuleSchema.$id);
    expect(validate({ and: [{ ">": [{ var: "a" }, 1] }, true] })).toBe(true);
    expect(validate({ and: [], or: [] })).toBe(false);
  });

  it("compiles patterns with a linear-time engine so a catastrophic pattern cannot hang", () => {
    const ajv = createAjv();
    const validate = ajv.compile({ type: "string", pattern: "^(a|a)*$" });
    expect(validate(`${"a".repeat(10_000)}b`)).toBe(false);
    expect(validate("a".repeat(10_000))).toBe(true);
  });

  it("rejects patterns the linear engine cannot run (backreferences) at compile time", () => {
    const ajv = createAjv();
    expect(() => ajv.compile({ type: "string", pattern: "^(a)\\1$" })).toThrow();
  });

  it("does not resolve remote references", () => {
    const ajv = createAjv();
    expect(() => ajv.compile({ $ref: "https://example.com/evil.json" })).toThrow(/can't resolve/);
  });
});
