/**
 * @module runtime/jobs/import-result
 * What a CSV import reports, built up chunk by chunk and committed with each chunk: how many rows
 * were imported and refused, exactly which (as ranges of the lines the rows start on), and for
 * refused rows their issues with pointers into the record. Ranges keep the report small for a
 * large file: a range holds consecutive rows of the file, so it never spans a refused row.
 */
import { MAX_ITEM_ISSUES, MAX_REPORTED_ERRORS, type StoredIssue } from "./kinds.ts";

/** Inclusive line ranges `[first, last]`. */
export type LineRanges = Array<[number, number]>;

export interface ImportResult {
  imported: number;
  failed: number;
  /** Lines of the rows imported. */
  importedLines: LineRanges;
  /** Lines of the rows refused. */
  failedLines: LineRanges;
  /** The refused rows with their issues (the first `MAX_REPORTED_ERRORS`). */
  errors: Array<{ line: number; issues: StoredIssue[] }>;
  /** True when more rows were refused than `errors` lists. */
  errorsTruncated: boolean;
}

/** An import that has done nothing yet. */
export function emptyImportResult(): ImportResult {
  return {
    imported: 0,
    failed: 0,
    importedLines: [],
    failedLines: [],
    errors: [],
    errorsTruncated: false,
  };
}

/** A copy of a stored result to add to (a fresh one when none is stored). */
export function importResultOf(stored: unknown): ImportResult {
  const base = emptyImportResult();
  if (stored === null || typeof stored !== "object") return base;
  const r = stored as Partial<ImportResult>;
  return {
    imported: r.imported ?? 0,
    failed: r.failed ?? 0,
    importedLines: (r.importedLines ?? []).map(([a, b]) => [a, b]),
    failedLines: (r.failedLines ?? []).map(([a, b]) => [a, b]),
    errors: [...(r.errors ?? [])],
    errorsTruncated: r.errorsTruncated ?? false,
  };
}

/** Adds `line` to `ranges`; it extends the last range when the row before (`previous`) ended it. */
function addLine(ranges: LineRanges, line: number, previous: number | undefined): void {
  const last = ranges[ranges.length - 1];
  if (last && previous !== undefined && last[1] === previous) last[1] = line;
  else ranges.push([line, line]);
}

/** Notes an imported row; `previous` is the line of the file's row before it. */
export function noteImported(result: ImportResult, line: number, previous?: number): void {
  result.imported++;
  addLine(result.importedLines, line, previous);
}

/** Notes a refused row with its issues. */
export function noteFailed(
  result: ImportResult,
  line: number,
  issues: readonly StoredIssue[],
  previous?: number,
): void {
  result.failed++;
  addLine(result.failedLines, line, previous);
  if (result.errors.length < MAX_REPORTED_ERRORS)
    result.errors.push({ line, issues: issues.slice(0, MAX_ITEM_ISSUES) });
  else result.errorsTruncated = true;
}
