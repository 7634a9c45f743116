import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse.ts";

const rows = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`unexpected failure at ${result.issue.pointer}`);
  return result.rows.map((r) => [r.line, ...r.cells]);
};

describe("parseCsv", () => {
  it("reads fields and records with LF, CRLF and lone CR line ends", () => {
    expect(rows("a,b\nc,d")).toEqual([
      [1, "a", "b"],
      [2, "c", "d"],
    ]);
    expect(rows("a,b\r\nc,d\r\n")).toEqual([
      [1, "a", "b"],
      [2, "c", "d"],
    ]);
    expect(rows("a,b\rc,d\r")).toEqual([
      [1, "a", "b"],
      [2, "c", "d"],
    ]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(rows("a,,c,\n,,,")).toEqual([
      [1, "a", "", "c", ""],
      [2, "", "", "", ""],
    ]);
  });

  it("reads quoted fields with escaped quotes, separators and line breaks", () => {
    const text = 'name,note\r\n"华东, 重工","say ""hi""\r\nline two\nline three"\r\nnext,row\r\n';
    expect(rows(text)).toEqual([
      [1, "name", "note"],
      [2, "华东, 重工", 'say "hi"\r\nline two\nline three'],
      [5, "next", "row"],
    ]);
  });

  it("drops a BOM and skips blank lines, counting them in line numbers", () => {
    expect(rows("\uFEFFa,b\n\n\r\nc,d\n")).toEqual([
      [1, "a", "b"],
      [4, "c", "d"],
    ]);
  });

  it("keeps formula-looking cells and stray quotes in unquoted fields as text", () => {
    expect(rows('=1+2,+A1,-3,@SUM(A1),a"b')).toEqual([[1, "=1+2", "+A1", "-3", "@SUM(A1)", 'a"b']]);
    expect(rows('"=HYPERLINK(""http://x"")"')).toEqual([[1, '=HYPERLINK("http://x")']]);
  });

  it("reads an empty text as no records", () => {
    expect(rows("")).toEqual([]);
    expect(rows("\n\n")).toEqual([]);
  });

  it("reports an unterminated quote at the line it opens", () => {
    const result = parseCsv('a,b\nc,"open\nstill open');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issue.code).toBe("SHAPE_FORMAT_INVALID");
      expect(result.issue.pointer).toBe("/lines/2");
    }
  });

  it("reports text after a closing quote at its line", () => {
    const result = parseCsv('a,b\n"x\ny"z,c');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.pointer).toBe("/lines/3");
  });
});
