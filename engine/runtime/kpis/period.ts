/**
 * @module runtime/kpis/period
 * The period a KPI report covers, [from, to), from the `from` and `to` of a request. Each is a
 * date (`2026-11-01`, read in the workspace's time zone: `from` starts at that day's midnight,
 * `to` includes its whole day) or an instant with an offset (`2026-11-01T08:00:00+08:00`, taken
 * as it is). Without `to` the period ends now; without `from` it starts 30 days before its end.
 */
import { dayOfDate, instantOf } from "../../calendars/zone.ts";
import { DefinitionError, type Issue, issue } from "../../errors/index.ts";

/** Length of the default period. */
export const DEFAULT_PERIOD_MS = 30 * 86_400_000;

/** A period: start inclusive, end exclusive, epoch ms. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant for `text`; a date gives its midnight, or the next day's with `endOfDay`. */
function instantOfText(text: string, zone: string, endOfDay: boolean): number | null {
  const day = dayOfDate(text);
  if (day !== null) return instantOf(day + (endOfDay ? 1 : 0), 0, zone);
  if (!INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  // Date.parse rolls 2026-02-30 over to March; the calendar date must exist.
  return Number.isFinite(ms) && dayOfDate(text.slice(0, 10)) !== null ? ms : null;
}

/**
 * The period of a request.
 * @throws DefinitionError SHAPE_FORMAT_INVALID (pointer `/from` or `/to`) for a value that is not
 *   a date or an instant with an offset, SHAPE_OUT_OF_RANGE (`/to`) when it does not end after it
 *   starts.
 * @example
 * parsePeriod({ from: "2026-11-01", to: "2026-11-30" }, Date.now(), "Asia/Shanghai");
 * // { from: 2026-10-31T16:00Z, to: 2026-11-30T16:00Z }
 */
export function parsePeriod(
  request: { readonly from?: string | null; readonly to?: string | null },
  now: number,
  zone: string,
): Period {
  const issues: Issue[] = [];
  const read = (name: "from" | "to", endOfDay: boolean): number | null => {
    const text = request[name];
    if (text === undefined || text === null || text === "") return null;
    const ms = instantOfText(text.trim(), zone, endOfDay);
    if (ms === null) issues.push(issue("SHAPE_FORMAT_INVALID", `/${name}`, { format: "date" }));
    return ms;
  };
  const from = read("from", false);
  const to = read("to", true);
  if (issues.length > 0) throw new DefinitionError(issues);
  const end = to ?? now;
  const start = from ?? end - DEFAULT_PERIOD_MS;
  if (start >= end) {
    throw new DefinitionError([
      issue("SHAPE_OUT_OF_RANGE", "/to", {
        comparison: ">",
        limit: request.from || new Date(start).toISOString(),
      }),
    ]);
  }
  return { from: start, to: end };
}
