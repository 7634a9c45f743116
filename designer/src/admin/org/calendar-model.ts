/**
 * @module designer/admin/org/calendar-model
 * A business calendar being edited (schemas/calendar.schema.ts; engine/calendars): the document
 * with its defaults filled in, marking a date a holiday, a make-up working day (调休) or back to
 * normal, what kind a date is, a year's entries, the breaks between working intervals, and the
 * issues of a refused save or table import located at entries and table lines. Pure, so it is
 * unit-tested in node.
 */
import type { ApiProblem, ProblemIssue } from "../../api/problem.ts";

export interface WorkingInterval {
  readonly start: string;
  readonly end: string;
}

export interface LocalizedName {
  readonly "zh-CN"?: string;
  readonly en?: string;
}

export interface DatedEntry {
  readonly date: string;
  readonly name?: LocalizedName;
}

/** A calendar document as the API sends and takes it (every member optional). */
export interface CalendarDocument {
  readonly name?: LocalizedName;
  readonly timeZone?: string;
  readonly workingWeekdays?: readonly number[];
  readonly workingHours?: readonly WorkingInterval[];
  readonly holidays?: readonly DatedEntry[];
  readonly makeUpWorkdays?: readonly DatedEntry[];
}

/** The document with the schema's defaults filled in and the entries in date order. */
export interface CalendarDraft {
  readonly name: { readonly "zh-CN": string; readonly en: string };
  readonly timeZone: string;
  readonly workingWeekdays: readonly number[];
  readonly workingHours: readonly WorkingInterval[];
  readonly holidays: readonly DatedEntry[];
  readonly makeUpWorkdays: readonly DatedEntry[];
}

export const DEFAULT_HOURS: readonly WorkingInterval[] = [
  { start: "09:00", end: "12:00" },
  { start: "13:00", end: "18:00" },
];

const byDate = (a: DatedEntry, b: DatedEntry) => a.date.localeCompare(b.date);

/** The draft of a document: schema defaults (Asia/Shanghai, Mon–Fri, 9–12 and 13–18) filled in. */
export function draftOf(doc: CalendarDocument): CalendarDraft {
  return {
    name: { "zh-CN": doc.name?.["zh-CN"] ?? "", en: doc.name?.en ?? "" },
    timeZone: doc.timeZone ?? "Asia/Shanghai",
    workingWeekdays: [...(doc.workingWeekdays ?? [1, 2, 3, 4, 5])].sort((a, b) => a - b),
    workingHours: [...(doc.workingHours ?? DEFAULT_HOURS)],
    holidays: [...(doc.holidays ?? [])].sort(byDate),
    makeUpWorkdays: [...(doc.makeUpWorkdays ?? [])].sort(byDate),
  };
}

/** The document to PUT: entries in date order, the name only when given. */
export function documentOf(draft: CalendarDraft): CalendarDocument {
  const zh = draft.name["zh-CN"].trim();
  const en = draft.name.en.trim();
  return {
    ...(zh || en ? { name: { "zh-CN": zh || en, en: en || zh } } : {}),
    timeZone: draft.timeZone.trim(),
    workingWeekdays: [...draft.workingWeekdays].sort((a, b) => a - b),
    workingHours: draft.workingHours.map((h) => ({ start: h.start.trim(), end: h.end.trim() })),
    holidays: [...draft.holidays].sort(byDate),
    makeUpWorkdays: [...draft.makeUpWorkdays].sort(byDate),
  };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date. */
export function isoWeekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return day === 0 ? 7 : day;
}

export type DayKind = "holiday" | "makeUp" | "workday" | "rest";

/** What a date is in the calendar: a holiday, a make-up working day, a working day or a rest day. */
export function dayKind(draft: CalendarDraft, date: string): DayKind {
  if (draft.holidays.some((e) => e.date === date)) return "holiday";
  if (draft.makeUpWorkdays.some((e) => e.date === date)) return "makeUp";
  return draft.workingWeekdays.includes(isoWeekdayOf(date)) ? "workday" : "rest";
}

/** The entry (holiday or make-up day) of a date, if any. */
export function entryOf(draft: CalendarDraft, date: string): DatedEntry | undefined {
  return (
    draft.holidays.find((e) => e.date === date) ?? draft.makeUpWorkdays.find((e) => e.date === date)
  );
}

/** Cleans an entry name: undefined when both languages are empty; one language fills the other. */
function cleanName(name: LocalizedName | undefined): LocalizedName | undefined {
  const zh = name?.["zh-CN"]?.trim() ?? "";
  const en = name?.en?.trim() ?? "";
  return zh || en ? { "zh-CN": zh || en, en: en || zh } : undefined;
}

/**
 * Marks a date: a holiday, a make-up working day, or neither ("none"). A date is never in both
 * lists (the server refuses that: CALENDAR_DATE_CONFLICT).
 */
export function setDay(
  draft: CalendarDraft,
  date: string,
  kind: "holiday" | "makeUp" | "none",
  name?: LocalizedName,
): CalendarDraft {
  const holidays = draft.holidays.filter((e) => e.date !== date);
  const makeUpWorkdays = draft.makeUpWorkdays.filter((e) => e.date !== date);
  const cleaned = cleanName(name);
  const entry: DatedEntry = cleaned ? { date, name: cleaned } : { date };
  if (kind === "holiday") holidays.push(entry);
  if (kind === "makeUp") makeUpWorkdays.push(entry);
  return { ...draft, holidays: holidays.sort(byDate), makeUpWorkdays: makeUpWorkdays.sort(byDate) };
}

export interface YearEntry {
  readonly date: string;
  readonly kind: "holiday" | "makeUp";
  readonly name?: LocalizedName;
}

/** The holidays and make-up days of one year, in date order. */
export function entriesOfYear(draft: CalendarDraft, year: number): YearEntry[] {
  const prefix = `${year}-`;
  return [
    ...draft.holidays
      .filter((e) => e.date.startsWith(prefix))
      .map((e) => ({ ...e, kind: "holiday" as const })),
    ...draft.makeUpWorkdays
      .filter((e) => e.date.startsWith(prefix))
      .map((e) => ({ ...e, kind: "makeUp" as const })),
  ].sort(byDate);
}

/** The years the calendar has entries for, with `also` (e.g. this year), ascending. */
export function yearsOf(draft: CalendarDraft, also: readonly number[] = []): number[] {
  const years = new Set(also);
  for (const e of [...draft.holidays, ...draft.makeUpWorkdays]) {
    const year = Number(e.date.slice(0, 4));
    if (Number.isInteger(year)) years.add(year);
  }
  return [...years].sort((a, b) => a - b);
}

const CLOCK = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Whether a text is a wall-clock time the schema takes (HH:MM, 24:00 as an end). */
export const isClock = (text: string) => CLOCK.test(text.trim());

/** The breaks (a lunch break) between consecutive working intervals that are valid and ordered. */
export function breaksOf(hours: readonly WorkingInterval[]): WorkingInterval[] {
  const out: WorkingInterval[] = [];
  for (let i = 1; i < hours.length; i++) {
    const before = hours[i - 1];
    const after = hours[i];
    if (!before || !after || !isClock(before.end) || !isClock(after.start)) continue;
    if (before.end < after.start) out.push({ start: before.end, end: after.start });
  }
  return out;
}

/** Working minutes of a working day. */
export function workingMinutes(hours: readonly WorkingInterval[]): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return hours
    .filter((h) => isClock(h.start) && isClock(h.end))
    .reduce((sum, h) => sum + Math.max(0, minutes(h.end) - minutes(h.start)), 0);
}

/**
 * The issues of a refused save at each entry's date: a pointer `/holidays/3/date` names the
 * fourth holiday of the document that was sent.
 */
export function issuesByDate(
  problem: ApiProblem | undefined,
  sent: CalendarDocument | undefined,
): Map<string, ProblemIssue[]> {
  const out = new Map<string, ProblemIssue[]>();
  if (!problem || !sent) return out;
  for (const issue of problem.issues) {
    const match = /^\/(holidays|makeUpWorkdays)\/(\d+)(\/|$)/.exec(issue.pointer);
    if (!match) continue;
    const list = match[1] === "holidays" ? sent.holidays : sent.makeUpWorkdays;
    const date = list?.[Number(match[2])]?.date;
    if (date === undefined) continue;
    out.set(date, [...(out.get(date) ?? []), issue]);
  }
  return out;
}

/** The issues of a refused table import by line (pointers `/lines/<n>[/column]`, 1-based). */
export function issuesByLine(problem: ApiProblem | undefined): Map<number, ProblemIssue[]> {
  const out = new Map<number, ProblemIssue[]>();
  if (!problem) return out;
  for (const issue of problem.issues) {
    const match = /^\/lines\/(\d+)(\/|$)/.exec(issue.pointer);
    if (!match) continue;
    const line = Number(match[1]);
    out.set(line, [...(out.get(line) ?? []), issue]);
  }
  return out;
}

/** Counts of a table's data lines by type, to preview before importing (header, blanks, # skipped). */
export function tableSummary(csv: string): { holidays: number; makeUp: number; years: number[] } {
  const lines = csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(1);
  let holidays = 0;
  let makeUp = 0;
  const years = new Set<number>();
  for (const raw of lines) {
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    const [date = "", type = ""] = raw.split(",").map((f) => f.trim().replace(/^"|"$/g, ""));
    const kind = type.toLowerCase();
    if (kind === "holiday" || kind === "休") holidays++;
    else if (kind === "workday" || kind === "班") makeUp++;
    const year = Number(date.slice(0, 4));
    if (/^\d{4}-/.test(date)) years.add(year);
  }
  return { holidays, makeUp, years: [...years].sort((a, b) => a - b) };
}

/** A year's entries as the CSV table the import takes (header `date,type,name,name_en`). */
export function tableOf(draft: CalendarDraft, year: number): string {
  const quote = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const rows = entriesOfYear(draft, year).map((e) =>
    [
      e.date,
      e.kind === "holiday" ? "holiday" : "workday",
      quote(e.name?.["zh-CN"] ?? ""),
      quote(e.name?.en ?? ""),
    ].join(","),
  );
  return ["date,type,name,name_en", ...rows].join("\n");
}
