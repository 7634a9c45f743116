/**
 * @module csv/write
 * Records of a form as CSV, in the shape `csv/records` reads back: a header of field paths, one
 * row per record, numbers as numbers, booleans as true/false, lists of scalars joined by `;`,
 * objects and lists of objects as JSON.
 *
 * **Formula injection** (CWE-1236): a spreadsheet runs a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula — also after leading spaces, which an import that
 * trims cells (LibreOffice's "Trim spaces", a full-width `\u3000` typed in a Chinese IME)
 * removes. Every *text* cell starting so is written with a
 * leading apostrophe (`'=HYPERLINK(…)`), which Excel, WPS and LibreOffice show as text; numbers
 * (`-3`) are left alone, they are not text. The import removes that apostrophe again
 * (`unescapeFormula`), so an export imports back to the same data.
 */

/**
 * Text a spreadsheet would run, or text that already looks escaped (`'=x`, which must keep its
 * apostrophe through a round trip): both get one more apostrophe.
 */
const FORMULA_START = /^'*(?:[\t\r]|\s*[=+\-@])/;

/** A text cell made inert for spreadsheets. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `escapeFormula` on an imported text cell. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Quotes a cell when it holds a separator, a quote or a line break (RFC 4180). */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

/** One value as the text of its cell (before quoting). */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return escapeFormula(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every(isScalar)) {
    // A text item with a `;` would split on import: such lists go as JSON.
    if (value.some((v) => typeof v === "string" && /[;；]/.test(v)))
      return escapeFormula(JSON.stringify(value));
    return value.map((v) => cellText(v)).join(";");
  }
  return escapeFormula(JSON.stringify(value));
}

/** One CSV line (no line break). */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map((cell) => quote(cellText(cell))).join(",");
}

/**
 * The header line of `fields`; field names are not user text, but are escaped all the same.
 * @example csvHeader(["name", "annualPurchase"]) // "name,annualPurchase"
 */
export function csvHeader(fields: readonly string[]): string {
  return fields.map((f) => quote(escapeFormula(f))).join(",");
}

/**
 * The line of one record: its value of each field, in order.
 * @example csvRecordLine(["name", "tags"], { name: "=cmd", tags: ["a", "b"] }) // "'=cmd,a;b"
 */
export function csvRecordLine(fields: readonly string[], data: Record<string, unknown>): string {
  return csvLine(fields.map((f) => (Object.hasOwn(data, f) ? data[f] : undefined)));
}
