import { describe, expect, it } from "vitest";
import { convertCell, csvColumns, csvRecord } from "./records.ts";

const schema = {
  type: "object",
  properties: {
    name: { type: "string" },
    revenue: { type: "number" },
    seats: { type: "integer" },
    strategic: { type: "boolean" },
    regions: { type: "array", items: { type: "string" } },
    scores: { type: "array", items: { type: "number" } },
    logo: {
      type: "object",
      properties: { name: { type: "string" }, url: { type: "string" } },
    },
  },
};

describe("csvColumns", () => {
  it("resolves top-level and dotted field paths and ignores trailing empty headers", () => {
    const result = csvColumns([" name ", "logo.url", "revenue", "", ""], schema);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.columns.map((c) => c?.path.join("."))).toEqual([
        "name",
        "logo.url",
        "revenue",
        undefined,
        undefined,
      ]);
    }
  });

  it("reports unknown, prototype and duplicate columns at /lines/1/<column>", () => {
    const result = csvColumns(
      ["name", "nmae", "constructor", "", "name", "logo", "logo.url"],
      schema,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => [i.code, i.pointer])).toEqual([
        ["SHAPE_PROPERTY_UNKNOWN", "/lines/1/1"],
        ["SHAPE_PROPERTY_UNKNOWN", "/lines/1/2"],
        ["SHAPE_PROPERTY_UNKNOWN", "/lines/1/3"],
        ["SHAPE_DUPLICATE_ITEMS", "/lines/1/4"],
        ["SHAPE_DUPLICATE_ITEMS", "/lines/1/6"],
      ]);
    }
  });
});

describe("convertCell", () => {
  it("converts by the field's type with a strict number syntax", () => {
    expect(convertCell("1200000", { type: "number" })).toBe(1_200_000);
    expect(convertCell(" -3.5 ", { type: "number" })).toBe(-3.5);
    expect(convertCell("1,200,000.50", { type: "number" })).toBe(1_200_000.5);
    expect(convertCell("1e3", { type: "integer" })).toBe(1000);
    expect(convertCell("=1+2", { type: "number" })).toBe("=1+2");
    expect(convertCell("12abc", { type: "number" })).toBe("12abc");
    expect(convertCell("是", { type: "boolean" })).toBe(true);
    expect(convertCell("FALSE", { type: "boolean" })).toBe(false);
    expect(convertCell("maybe", { type: "boolean" })).toBe("maybe");
    expect(convertCell("华东; 华南；", schema.properties.regions)).toEqual(["华东", "华南"]);
    expect(convertCell("1;2", schema.properties.scores)).toEqual([1, 2]);
    expect(convertCell('["a","b"]', schema.properties.regions)).toEqual(["a", "b"]);
    expect(convertCell('{"name":"a.png"}', schema.properties.logo)).toEqual({ name: "a.png" });
    expect(convertCell("   ", { type: "string" })).toBeUndefined();
  });

  it("keeps formula-looking text as the string it is", () => {
    for (const cell of ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", " =1"])
      expect(convertCell(cell, { type: "string" })).toBe(cell);
  });
});

describe("csvRecord", () => {
  const header = csvColumns(["name", "revenue", "logo.name", "logo.url", ""], schema);
  const columns = header.ok ? header.columns : [];

  it("builds the record, nesting dotted paths and leaving empty cells out", () => {
    expect(csvRecord(columns, ["ACME", "", "a.png", "https://x/a.png"])).toEqual({
      ok: true,
      data: { name: "ACME", logo: { name: "a.png", url: "https://x/a.png" } },
    });
  });

  it("refuses a row with cells beyond the named columns", () => {
    const result = csvRecord(columns, ["ACME", "1", "", "", "stray"]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ code: "SHAPE_TOO_MANY", pointer: "" });
    expect(csvRecord(columns, ["ACME", "1", "", "", "", ""]).ok).toBe(true);
  });
});
