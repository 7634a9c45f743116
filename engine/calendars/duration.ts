/**
 * @module calendars/duration
 * ISO-8601 durations split into the parts business time counts differently: working days
 * (`W`, `D`) and working time (`H`, `M`, `S`). `engine/tiers/duration` folds days into a fixed
 * length, which is right for natural time but loses the distinction business time needs.
 */

export interface DurationParts {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  /** Hours, minutes and seconds together, in milliseconds. */
  readonly timeMs: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO-8601 duration; null when it is not one (or is empty, like `P` or `PT`). */
export function parseDurationParts(text: string): DurationParts | null {
  const m = PATTERN.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const timeMs = (n(5) * 3600 + n(6) * 60) * 1000 + Math.round(n(7) * 1000);
  const parts = { years: n(1), months: n(2), weeks: n(3), days: n(4), timeMs };
  return Object.values(parts).every(Number.isSafeInteger) ? parts : null;
}

/** The parts of a duration business time can count; null for invalid ones and for Y or M. */
export function businessDurationParts(text: string): DurationParts | null {
  const parts = parseDurationParts(text);
  return parts && parts.years === 0 && parts.months === 0 ? parts : null;
}
