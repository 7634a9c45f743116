/**
 * @module flows/support/dates
 * Instants a wait node waits until: what an `until` rule returns, read as epoch ms. A calendar
 * date (`2026-12-01`) means its midnight in the workspace's time zone (default Asia/Shanghai),
 * because that is what a business user means by "on 1 December".
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * Epoch ms of a rule's date result: an ISO instant, a calendar date (midnight in `timeZone`) or
 * epoch ms; null for anything else (including impossible dates such as 2026-02-30).
 * @example toInstant("2026-12-01", "Asia/Shanghai") // Date.UTC(2026, 10, 30, 16)
 */
export function toInstant(value: unknown, timeZone: string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]) - 1, Number(date[3])];
    const utcMidnight = Date.UTC(y, m, d);
    const check = new Date(utcMidnight);
    if (check.getUTCMonth() !== m || check.getUTCDate() !== d) return null;
    // Two passes settle a midnight that falls next to a daylight-saving change.
    let at = utcMidnight - offsetAt(utcMidnight, timeZone);
    at = utcMidnight - offsetAt(at, timeZone);
    return at;
  }
  if (!DATE_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
