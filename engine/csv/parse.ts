/**
 * @module csv/parse
 * An RFC 4180 CSV reader for imports from spreadsheets. No CSV library is installed and the
 * format is small, so it lives here (the calendar table reader, `calendars/table`, is a stricter
 * one-record-per-line cousin). It reads:
 *
 * - fields separated by `,`, records by CRLF, LF or a lone CR;
 * - quoted fields with `""` escapes, which may hold separators and line breaks;
 * - a leading BOM (Excel's "CSV UTF-8" export), which is dropped;
 * - records that are entirely empty (a blank line), which are skipped.
 *
 * A quote inside an unquoted field is kept as text (sloppy exports do that); text after a closing
 * quote and an unterminated quote are errors. Every record knows the line it starts on (1-based,
 * as a spreadsheet or text editor shows it), so problems can be reported by line.
 *
 * Cells are text and stay text: nothing here interprets `=`, `+`, `-` or `@` (formula injection
 * is an export problem; an import stores such cells as the strings they are).
 */
import { type Issue, issue } from "../errors/index.ts";

/** One record of the file: its first line and its cells. */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A parse result: the records, or the first problem (with the line it is on). */
export type CsvParse =
  | { readonly ok: true; readonly rows: readonly CsvRow[] }
  | { readonly ok: false; readonly issue: Issue };

const FORMAT = "CSV (RFC 4180)";

/**
 * Parses CSV text into records.
 * @example
 * parseCsv('name,note\r\n华东重工,"line one\nline two"\n')
 * // → { ok: true, rows: [{ line: 1, cells: ["name", "note"] }, { line: 2, cells: ["华东重工", "line one\nline two"] }] }
 */
export function parseCsv(text: string): CsvParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  const length = source.length;
  let line = 1;
  let i = 0;
  while (i < length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (source[i] === '"') {
        const quotedFrom = line;
        value = "";
        i++;
        for (;;) {
          const quote = source.indexOf('"', i);
          if (quote < 0) {
            return {
              ok: false,
              issue: issue("SHAPE_FORMAT_INVALID", `/lines/${quotedFrom}`, {
                format: FORMAT,
                line: quotedFrom,
              }),
            };
          }
          const chunk = source.slice(i, quote);
          line += countBreaks(chunk);
          value += chunk;
          i = quote + 1;
          if (source[i] !== '"') break;
          value += '"';
          i++;
        }
        const next = source[i];
        if (i < length && next !== "," && next !== "\n" && next !== "\r") {
          return {
            ok: false,
            issue: issue("SHAPE_FORMAT_INVALID", `/lines/${line}`, { format: FORMAT, line }),
          };
        }
      } else {
        let end = i;
        while (end < length) {
          const c = source[end];
          if (c === "," || c === "\n" || c === "\r") break;
          end++;
        }
        value = source.slice(i, end);
        i = end;
      }
      cells.push(value);
      if (source[i] === ",") {
        i++;
        continue;
      }
      // End of the record: a line break (CRLF counts once) or the end of the text.
      if (source[i] === "\r") {
        i++;
        if (source[i] === "\n") i++;
      } else if (source[i] === "\n") i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: start, cells });
  }
  return { ok: true, rows };
}

/** Line breaks in a quoted field's text (CRLF counts once). */
function countBreaks(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === "\n") count++;
    else if (c === "\r" && text[k + 1] !== "\n") count++;
  }
  return count;
}
