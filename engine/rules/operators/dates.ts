/**
 * @module rules/operators/dates
 * Date arithmetic for the custom operators. Dates are ISO-8601 strings: a calendar date
 * (`2026-11-23`) or an instant (`2026-11-23T08:00:00Z`, any offset); numbers are epoch ms.
 * Anything else is "no date" and yields null, so a rule over an empty field never throws.
 * Calendar dates are zone-free; "today" is read in the engine's time zone (default Asia/Shanghai).
 */

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A parsed date: epoch ms at UTC midnight for calendar dates, and whether it was date-only. */
export interface ParsedDate {
  readonly ms: number;
  readonly dateOnly: boolean;
}

export function parseDate(value: unknown): ParsedDate | null {
  if (typeof value === "number")
    return Number.isFinite(value) ? { ms: value, dateOnly: false } : null;
  if (typeof value !== "string") return null;
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const check = new Date(ms);
    // Reject 2026-02-30 rather than let Date roll it into March.
    if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(m) - 1) return null;
    return { ms, dateOnly: true };
  }
  if (!DATE_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

export function formatDate(parsed: ParsedDate): string {
  const iso = new Date(parsed.ms).toISOString();
  return parsed.dateOnly ? iso.slice(0, 10) : iso;
}

/** Epoch ms of UTC midnight of the calendar date that instant `ms` falls on in `timeZone`. */
export function calendarDayIn(ms: number, formatter: Intl.DateTimeFormat): number {
  const parts = formatter.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"));
}

export function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
}

const UNIT_MS: Readonly<Record<string, number>> = {
  week: 7 * DAY_MS,
  day: DAY_MS,
  hour: 3_600_000,
  minute: 60_000,
  second: 1000,
};
const CALENDAR_UNITS = new Set(["year", "month"]);

/** Normalises "days" / "Day" to "day"; null for an unknown unit. */
export function normaliseUnit(unit: unknown): string | null {
  if (typeof unit !== "string") return null;
  const u = unit.toLowerCase().replace(/s$/, "");
  return CALENDAR_UNITS.has(u) || Object.hasOwn(UNIT_MS, u) ? u : null;
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const targetMonth = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  return Date.UTC(
    d.getUTCFullYear(),
    targetMonth,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** Adds `amount` whole units; month ends clamp (Jan 31 + 1 month = Feb 28/29). */
export function addToDate(date: ParsedDate, amount: number, unit: string): ParsedDate {
  const whole = Math.trunc(amount);
  if (unit === "year" || unit === "month") {
    return {
      ms: addMonths(date.ms, unit === "year" ? whole * 12 : whole),
      dateOnly: date.dateOnly,
    };
  }
  const step = UNIT_MS[unit] ?? DAY_MS;
  // A sub-day step turns a calendar date into an instant.
  const dateOnly = date.dateOnly && step % DAY_MS === 0;
  return { ms: date.ms + whole * step, dateOnly };
}

/** Whole units from `a` to `b`, truncated toward zero (negative when b is before a). */
export function diffDates(a: ParsedDate, b: ParsedDate, unit: string): number {
  if (unit === "year" || unit === "month") {
    const da = new Date(a.ms);
    const db = new Date(b.ms);
    let months =
      (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
    if (months > 0 && addMonths(a.ms, months) > b.ms) months--;
    if (months < 0 && addMonths(a.ms, months) < b.ms) months++;
    return unit === "year" ? Math.trunc(months / 12) : months;
  }
  const step = UNIT_MS[unit] ?? DAY_MS;
  const diff = Math.trunc((b.ms - a.ms) / step);
  return diff === 0 ? 0 : diff;
}

export { DAY_MS };
