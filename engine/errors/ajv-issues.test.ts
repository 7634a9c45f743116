import { describe, expect, it } from "vitest";
import { createAjv } from "../../schemas/index.ts";
import { ajvErrorsToIssues } from "./ajv-issues.ts";

const ajv = createAjv();

function issuesFor(schema: object, data: unknown, options = {}) {
  const validate = ajv.compile(schema);
  expect(validate(data)).toBe(false);
  return ajvErrorsToIssues(validate.errors, options).map(({ code, pointer, params }) => ({
    code,
    pointer,
    params,
  }));
}

const durationOrRule = {
  type: "object",
  properties: {
    after: {
      anyOf: [
        { type: "string", format: "duration" },
        {
          type: "object",
          additionalProperties: false,
          required: ["rule"],
          properties: { rule: { type: "string" } },
        },
      ],
    },
  },
};

describe("ajvErrorsToIssues", () => {
  it("keeps the errors of the union branch whose type matched", () => {
    expect(issuesFor(durationOrRule, { after: "15 min" })).toEqual([
      { code: "SHAPE_FORMAT_INVALID", pointer: "/after", params: { format: "duration" } },
    ]);
    expect(issuesFor(durationOrRule, { after: { rul: "x" } })).toEqual([
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/after/rule", params: { property: "rule" } },
      { code: "SHAPE_PROPERTY_UNKNOWN", pointer: "/after/rul", params: { property: "rul" } },
    ]);
  });

  it("lists the accepted types once when no branch matched", () => {
    expect(issuesFor(durationOrRule, { after: 15 })).toEqual([
      {
        code: "SHAPE_TYPE_MISMATCH",
        pointer: "/after",
        params: { expected: ["object", "string"] },
      },
    ]);
  });

  it("drops the other-type branch's keyword errors too", () => {
    const schema = {
      anyOf: [
        { type: "string", enum: ["all", "any"] },
        { type: "integer", minimum: 1 },
      ],
    };
    expect(issuesFor(schema, 0)).toEqual([
      { code: "SHAPE_OUT_OF_RANGE", pointer: "", params: { comparison: ">=", limit: 1 } },
    ]);
  });

  it("drops if/then summaries and keeps the then-branch error", () => {
    const schema = {
      type: "object",
      properties: { mode: { type: "string" }, percent: { type: "number" } },
      if: { properties: { mode: { const: "vote" } }, required: ["mode"] },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword here.
      then: { properties: { percent: { type: "number" } }, required: ["percent"] },
    };
    expect(issuesFor(schema, { mode: "vote" })).toEqual([
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/percent", params: { property: "percent" } },
    ]);
  });

  it("reports unknown discriminator values and missing tags at the tag", () => {
    const schema = {
      type: "array",
      items: {
        type: "object",
        discriminator: { propertyName: "kind" },
        oneOf: [
          { type: "object", required: ["kind"], properties: { kind: { const: "a" } } },
          { type: "object", required: ["kind"], properties: { kind: { const: "b" } } },
        ],
      },
    };
    expect(issuesFor(schema, [{ kind: "c" }, {}, { kind: 1 }])).toEqual([
      {
        code: "SHAPE_VARIANT_UNKNOWN",
        pointer: "/0/kind",
        params: { property: "kind", value: "c" },
      },
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/1/kind", params: { property: "kind" } },
      { code: "SHAPE_TYPE_MISMATCH", pointer: "/2/kind", params: { expected: "string" } },
    ]);
  });

  it("summarises invalid property names by the name", () => {
    const schema = {
      type: "object",
      propertyNames: { pattern: "^[a-z]+$" },
      additionalProperties: { type: "string" },
    };
    expect(issuesFor(schema, { ok: "x", "Bad/Name": "y" })).toEqual([
      {
        code: "SHAPE_PROPERTY_NAME_INVALID",
        pointer: "/Bad~1Name",
        params: { property: "Bad/Name" },
      },
    ]);
  });

  it("prefers the caller's code and drops the generic pattern error at the same place", () => {
    const schema = { type: "string", format: "uri", pattern: "^https?://" };
    const classify = (e: { keyword: string }) =>
      e.keyword === "pattern" ? { code: "SHAPE_URL_INVALID" as const } : undefined;
    expect(issuesFor(schema, "javascript:alert(1)", { classify })).toEqual([
      { code: "SHAPE_URL_INVALID", pointer: "", params: {} },
    ]);
  });

  it("prefixes the base pointer, adds location fields and caps the count", () => {
    const validate = ajv.compile({ type: "array", items: { type: "integer" } });
    validate(["a", "b", "c"]);
    const issues = ajvErrorsToIssues(validate.errors, {
      basePointer: "/rows",
      locate: (pointer) => ({ nodeId: pointer.split("/").pop() }),
      maxIssues: 2,
    });
    expect(issues.map((i) => [i.pointer, i.nodeId])).toEqual([
      ["/rows/0", "0"],
      ["/rows/1", "1"],
    ]);
  });

  it("returns no issues for no errors", () => {
    expect(ajvErrorsToIssues(null)).toEqual([]);
  });
});
