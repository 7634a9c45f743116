/**
 * @module calendars/table
 * Import of the yearly holiday table an admin edits in a spreadsheet: CSV with the header
 * `date,type,name` (optionally a fourth column `name_en`), one dated line each. No CSV library is
 * installed, and the format is small, so a strict parser lives here: one record per line (no line
 * breaks inside quotes), RFC 4180 quotes with `""` escapes, a leading BOM (Excel's UTF-8 export)
 * ignored, blank lines and lines starting with `#` skipped.
 */
import type { I18nString } from "../../schemas/index.ts";
import { type Issue, issue, type Validation } from "../errors/kam-error.ts";
import { dayOfDate } from "./zone.ts";

/** One dated line of the table, in the shape of the calendar document's entries. */
export interface DatedEntry {
  readonly date: string;
  readonly name?: I18nString;
}

/** The holidays and make-up working days of an imported table, ready to put in a calendar. */
export interface CalendarTable {
  readonly holidays: readonly DatedEntry[];
  readonly makeUpWorkdays: readonly DatedEntry[];
}

/** Accepted `type` values; 休 and 班 are how Chinese holiday tables mark the two kinds. */
const TYPES: Readonly<Record<string, "holiday" | "workday">> = {
  holiday: "holiday",
  workday: "workday",
  休: "holiday",
  班: "workday",
};

/**
 * Parses a holiday table. Issues point at `/lines/<line number>` (1-based, counting the header
 * and skipped lines, as a spreadsheet shows them) and carry `line` in their params.
 * @example parseCalendarTable("date,type,name\n2026-10-01,holiday,国庆节\n2026-10-10,workday,")
 */
export function parseCalendarTable(text: string): Validation<CalendarTable> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const issues: Issue[] = [];
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const withEnglish = header.length === 4 && header[3] === "name_en";
  if (header.join(",") !== "date,type,name" && !withEnglish) {
    return {
      ok: false,
      issues: [issue("CALENDAR_TABLE_HEADER", "/lines/1", { header: lines[0] ?? "" })],
    };
  }

  const holidays: DatedEntry[] = [];
  const makeUpWorkdays: DatedEntry[] = [];
  const firstLine = new Map<string, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (index === 0 || raw.trim() === "" || raw.trimStart().startsWith("#")) return;
    const at = `/lines/${line}`;
    const before = issues.length;
    const fields = splitCsvLine(raw);
    if (fields === null) {
      issues.push(issue("CALENDAR_TABLE_QUOTE", at, { line }));
      return;
    }
    if (fields.length < 2 || fields.length > header.length) {
      issues.push(issue("CALENDAR_TABLE_COLUMNS", at, { line, count: fields.length }));
      return;
    }
    const [date = "", type = "", zh = "", en = ""] = fields;
    const kind = TYPES[type.toLowerCase()];
    if (dayOfDate(date) === null) {
      issues.push(issue("CALENDAR_TABLE_DATE", `${at}/date`, { line, value: date }));
    }
    if (kind === undefined)
      issues.push(issue("CALENDAR_TABLE_TYPE", `${at}/type`, { line, value: type }));
    const first = firstLine.get(date);
    if (first !== undefined) {
      issues.push(issue("CALENDAR_TABLE_DUPLICATE", `${at}/date`, { line, date, first }));
    }
    if (issues.length > before || kind === undefined) return;
    firstLine.set(date, line);
    // A name given in one language only is shown in both rather than dropped.
    const name = zh || en ? { name: { "zh-CN": zh || en, en: en || zh } } : {};
    (kind === "holiday" ? holidays : makeUpWorkdays).push({ date, ...name });
  });
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, value: { holidays, makeUpWorkdays }, warnings: [] };
}

/** Splits one CSV line; null when a quote is unterminated or text follows a closing quote. */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return null;
        value += line.slice(i, quote);
        i = quote + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      while (line[i] === " " || line[i] === "\t") i++;
      if (i < line.length && line[i] !== ",") return null;
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      const value = line.slice(i, end).trim();
      if (value.includes('"')) return null;
      fields.push(value);
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
