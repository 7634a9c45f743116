import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse.ts";
import { csvColumns, csvRecord } from "./records.ts";
import { cellText, csvHeader, csvRecordLine, escapeFormula, unescapeFormula } from "./write.ts";

const schema = {
  type: "object",
  properties: {
    name: { type: "string" },
    revenue: { type: "number" },
    strategic: { type: "boolean" },
    regions: { type: "array", items: { type: "string" } },
    logo: { type: "object", properties: { name: { type: "string" } } },
  },
};
const fields = Object.keys(schema.properties);

describe("escapeFormula", () => {
  it("puts an apostrophe before text a spreadsheet would run, and only there", () => {
    for (const bad of ["=1+1", "+33", "-cmd", "@SUM(A1)", "\tx", "\r=x"])
      expect(escapeFormula(bad)).toBe(`'${bad}`);
    // After leading blanks too: an import that trims the cell would run what follows.
    for (const bad of [" =1+1", "   +33", "\u3000=cmd", "\u00a0@SUM(A1)", "\n=x", " \t-x"])
      expect(escapeFormula(bad)).toBe(`'${bad}`);
    expect(escapeFormula("'=x")).toBe("''=x");
    expect(escapeFormula("' =x")).toBe("'' =x");
    for (const fine of ["ACME", "华东重工", "a =x", "'quoted", "1-2", "   ", " x=1"])
      expect(escapeFormula(fine)).toBe(fine);
  });

  it("is undone by unescapeFormula, which leaves other apostrophes alone", () => {
    for (const text of ["=1+1", "+33", "@x", "-", "'=x", "'hello", "plain", " =x", "' =x"])
      expect(unescapeFormula(escapeFormula(text))).toBe(text);
  });
});

describe("cellText", () => {
  it("writes numbers as numbers, even negative ones, and escapes text only", () => {
    expect(cellText(-3)).toBe("-3");
    expect(cellText("-3")).toBe("'-3");
    expect(cellText(true)).toBe("true");
    expect(cellText(null)).toBe("");
    expect(cellText(["华东", "=x"])).toBe("华东;'=x");
    expect(cellText(["a;b"])).toBe('["a;b"]');
    expect(cellText({ name: "=x" })).toBe('{"name":"=x"}');
  });
});

describe("export then import", () => {
  it("gives back the same data, formulas included, with no cell starting as a formula", () => {
    const records = [
      { name: '=HYPERLINK("http://evil","click")', revenue: -1200.5, strategic: false },
      { name: '华东重工, "总部"\n二行', regions: ["华东", "@华南"], logo: { name: "a.png" } },
      { name: "+8613800000000", regions: ["x;y"] },
    ];
    const text = [csvHeader(fields), ...records.map((r) => csvRecordLine(fields, r))].join("\r\n");
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error("unparsable");
    for (const row of parsed.rows)
      for (const cell of row.cells) expect(cell).not.toMatch(/^[=+@\t\r]|^-[^\d]/);
    const [header, ...rows] = parsed.rows;
    const columns = csvColumns(header?.cells ?? [], schema);
    if (!columns.ok) throw new Error("bad header");
    expect(rows.map((row) => csvRecord(columns.columns, row.cells))).toEqual(
      records.map((data) => ({ ok: true, data })),
    );
  });
});
