/**
 * @module designer/dashboard/period
 * The dashboard's periods as calendar dates (`YYYY-MM-DD`, both ends included, read by the
 * server in the workspace's time zone): this month, quarter or year so far, the last 30 days, or
 * a custom range; and the period each one is compared with. Pure, so it is unit-tested in node.
 *
 * The previous period of a calendar period is the same stretch one period back (1–15 Nov is
 * compared with 1–15 Oct; 31 Mar with 28 Feb), so a month-to-date is not compared with a whole
 * month; the previous period of the last 30 days or of a custom range is as many days just
 * before it.
 */

/** The period choices. */
export const PERIOD_PRESETS = ["month", "quarter", "year", "last30", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** A range of calendar dates, both included. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `text` is a real calendar date (`2026-02-30` is not). */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

const toUtc = (date: string): Date => {
  if (!isDate(date)) throw new RangeError(`not a date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
};
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

/** `date` plus `days` (negative: before). */
export function addDays(date: string, days: number): string {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / DAY_MS);
}

/** `date` moved by `months`, its day kept or clamped to the month's last (31 Mar − 1 → 28 Feb). */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), last))));
}

/** Today's date in `zone` at `now`. */
export function todayIn(zone: string, now: number): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** How many months a calendar preset spans (0: not a calendar preset). */
const MONTHS: Readonly<Record<PeriodPreset, number>> = {
  month: 1,
  quarter: 3,
  year: 12,
  last30: 0,
  custom: 0,
};

/**
 * The range of a preset ending `today` (the current month, quarter or year so far; the 30 days
 * up to today). A custom range has no preset range: the caller keeps it.
 * @example presetRange("quarter", "2026-11-15") // { from: "2026-10-01", to: "2026-11-15" }
 */
export function presetRange(preset: Exclude<PeriodPreset, "custom">, today: string): DateRange {
  const [year, month] = today.split("-").map(Number) as [number, number];
  switch (preset) {
    case "month":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "quarter": {
      const first = month - ((month - 1) % 3);
      return { from: `${year}-${String(first).padStart(2, "0")}-01`, to: today };
    }
    case "year":
      return { from: `${year}-01-01`, to: today };
    case "last30":
      return { from: addDays(today, -29), to: today };
  }
}

/**
 * The range a period is compared with: for a calendar preset the same stretch one period back
 * (not after the previous period's end), otherwise as many days just before.
 * @example previousRange("month", { from: "2026-03-01", to: "2026-03-31" })
 * // { from: "2026-02-01", to: "2026-02-28" }
 */
export function previousRange(preset: PeriodPreset, range: DateRange): DateRange {
  const months = MONTHS[preset];
  if (months > 0) {
    const from = addMonths(range.from, -months);
    const to = addMonths(range.to, -months);
    const lastDay = addDays(range.from, -1);
    return { from, to: to > lastDay ? lastDay : to };
  }
  const length = daysBetween(range.from, range.to) + 1;
  const to = addDays(range.from, -1);
  return { from: addDays(to, -(length - 1)), to };
}

/** A period as the dashboard's URL keeps it. */
export interface PeriodChoice {
  readonly preset: PeriodPreset;
  /** The custom range (only with preset custom). */
  readonly range?: DateRange;
}

/**
 * The period chosen in the URL's `period`, `from` and `to` (a custom range needs valid dates in
 * order; anything else falls back to this month).
 */
export function periodFromParams(params: URLSearchParams): PeriodChoice {
  const preset = params.get("period");
  if (preset === "custom") {
    const from = params.get("from") ?? "";
    const to = params.get("to") ?? "";
    if (isDate(from) && isDate(to) && from <= to) return { preset, range: { from, to } };
    return { preset: "month" };
  }
  return (PERIOD_PRESETS as readonly string[]).includes(preset ?? "")
    ? { preset: preset as PeriodPreset }
    : { preset: "month" };
}

/** The range a choice covers on `today`. */
export function rangeOf(choice: PeriodChoice, today: string): DateRange {
  if (choice.preset === "custom" && choice.range) return choice.range;
  return presetRange(choice.preset === "custom" ? "month" : choice.preset, today);
}
