/**
 * @module tiers/duration
 * ISO-8601 durations (`P90D`, `PT12H`, `P1Y2M`, `P2W`) for the validity of manual measures.
 * Years and months are calendar units applied in UTC; weeks, days and time parts are fixed
 * lengths (a day is 24 h).
 */

export interface Duration {
  readonly years: number;
  readonly months: number;
  /** Weeks, days, hours, minutes and seconds together, in milliseconds. */
  readonly fixedMs: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses an ISO-8601 duration; returns null when it is not one (or is empty, like `P` or `PT`).
 * @example parseDuration("P90D") // { years: 0, months: 0, fixedMs: 7_776_000_000 }
 */
export function parseDuration(text: string): Duration | null {
  const m = PATTERN.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const fixedMs =
    ((n(3) * 7 + n(4)) * 24 * 3600 + n(5) * 3600 + n(6) * 60) * 1000 + Math.round(n(7) * 1000);
  return { years: n(1), months: n(2), fixedMs };
}

/**
 * The instant `duration` after `epochMs`; a month past the 31st overflows (31 Jan + P1M = 3 Mar).
 * @example addDuration(Date.UTC(2026, 0, 15), parseDuration("P1M")!) // Date.UTC(2026, 1, 15)
 */
export function addDuration(epochMs: number, duration: Duration): number {
  let at = epochMs;
  if (duration.years !== 0 || duration.months !== 0) {
    const date = new Date(epochMs);
    date.setUTCFullYear(
      date.getUTCFullYear() + duration.years,
      date.getUTCMonth() + duration.months,
    );
    at = date.getTime();
  }
  return at + duration.fixedMs;
}
