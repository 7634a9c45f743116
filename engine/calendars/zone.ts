/**
 * @module calendars/zone
 * Exact wall-clock ↔ instant conversion in an IANA time zone with `Intl` only, so the module stays
 * pure and dependency-free. Days are handled as "day numbers": the UTC epoch day of the local date
 * (`Date.UTC(y, m - 1, d) / 86_400_000`), which makes weekday and date arithmetic plain integers.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // h23 avoids the "24" hour some ICU versions print for midnight with hour12: false.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The local wall clock of `ms` in `zone`, as if it were a UTC instant (seconds precision). */
function wallOf(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** Offset of `zone` from UTC at instant `ms`, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallOf(whole, zone) - whole;
}

/** The local day number (UTC epoch day of the local date) that contains instant `ms`. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + offsetAt(ms, zone)) / DAY_MS);
}

/**
 * The instant at local `minuteOfDay` (0…1440) of local day `day`. A wall time skipped by a DST
 * gap maps forward by the gap (02:30 on a spring-forward night is 03:30); a repeated wall time
 * (fall-back) maps to its later occurrence, in zones east and west of UTC alike. Working hours
 * rarely sit in either.
 */
export function instantOf(day: number, minuteOfDay: number, zone: string): number {
  const wall = day * DAY_MS + minuteOfDay * 60_000;
  // The offsets in force before and after any change near that wall time (a day either side is
  // beyond the ±14 h between a wall time and its instant). Each gives a candidate instant; it is
  // valid when that offset is really in force then: two are valid in a repeated hour (take the
  // later), none in a gap (the larger candidate is the wall time moved forward by the gap).
  const candidates = [offsetAt(wall - DAY_MS, zone), offsetAt(wall + DAY_MS, zone)].map(
    (offset) => wall - offset,
  );
  const valid = candidates.filter((t) => offsetAt(t, zone) === wall - t);
  return Math.max(...(valid.length > 0 ? valid : candidates));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
export function isoWeekday(day: number): number {
  // Day 0 (1970-01-01) was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Day number of a `YYYY-MM-DD` date; null when the date does not exist (2026-02-30). */
export function dayOfDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
