/**
 * @module calendars/calendar
 * Exact business-time arithmetic over a resolved calendar.
 *
 * Semantics (what an SLA deadline on the business calendar means):
 * - Working time is the union of the working intervals of each working day, in the calendar's
 *   zone. A working day is a make-up working day (调休), or a working weekday that is not a holiday.
 *   Intervals are read on the wall clock and measured as real elapsed time between their two
 *   instants: 09:00–12:00 is three hours on any day, while an interval spanning a DST change
 *   (00:00–24:00 on a spring-forward Sunday) is an hour shorter.
 * - `H`, `M` and `S` count working time: the deadline is the earliest instant by which that much
 *   working time has passed since the start. Breaks (lunch), nights, weekends and holidays do not
 *   count; 11:30 + PT1H is 13:30, Friday 17:00 + PT2H is the next working day 10:00. The deadline
 *   can fall on the end of an interval (11:00 + PT1H is 12:00, not 13:00).
 * - `D` counts working days and keeps the position inside the working day: the deadline is the
 *   same amount of working time into the N-th next working day (so Friday 15:00 + P1D is Monday
 *   15:00 on a Mon–Fri calendar). `W` is as many working days as the calendar has working
 *   weekdays (five by default). Days are applied first, then the time part.
 * - A start outside working time starts counting at the next working start: 20:00 + PT1H is
 *   10:00 on the next working day, and Saturday 10:00 + P1D is Tuesday 09:00 (one working day
 *   after Monday 09:00). A day position that is a break lands after the break (Monday 13:00 + P1D
 *   is Tuesday 13:00, not 12:00); on a shorter target day it is clamped to the day's end.
 * - `Y` and `M` (months) have no business meaning and are rejected; zero durations return the
 *   start unchanged.
 */
import { KamError } from "../errors/kam-error.ts";
import type { ResolvedCalendar } from "./definition.ts";
import { businessDurationParts } from "./duration.ts";
import { instantOf, isoWeekday, localDay } from "./zone.ts";

/** Business-time arithmetic of one calendar. All instants are epoch milliseconds. */
export interface BusinessCalendar {
  /** The instant `durationIso` of business time after `fromMs`; throws CALENDAR_DURATION_INVALID. */
  add(fromMs: number, durationIso: string): number;
  /** True when `ms` is inside a working interval (start inclusive, end exclusive). */
  isWorkingTime(ms: number): boolean;
  /** `ms` itself when it is working time, else the start of the next working interval. */
  nextWorkingStart(ms: number): number;
  /** Working milliseconds in `[aMs, bMs)`; negative when `bMs` is before `aMs`. */
  workingMsBetween(aMs: number, bMs: number): number;
  /** The instant by which `ms` working milliseconds have passed since `fromMs`. */
  addWorkingMs(fromMs: number, ms: number): number;
}

/** A run of non-working days longer than this means the calendar has no working time at all. */
const MAX_IDLE_DAYS = 3660;

type Span = readonly [number, number];

/** Builds the arithmetic over a resolved calendar (see `createBusinessCalendar` for documents). */
export function businessCalendarOf(cal: ResolvedCalendar): BusinessCalendar {
  const zone = cal.timeZone;
  const isWorkingDay = (day: number) =>
    cal.makeUpWorkdays.has(day) || (cal.weekdays.has(isoWeekday(day)) && !cal.holidays.has(day));
  // Intl conversions dominate the cost; a day's spans never change, so they are memoised.
  const memo = new Map<number, readonly Span[]>();
  const spansOf = (day: number): readonly Span[] => {
    let spans = memo.get(day);
    if (!spans) {
      spans = isWorkingDay(day)
        ? cal.intervals.map(([s, e]) => [instantOf(day, s, zone), instantOf(day, e, zone)] as const)
        : [];
      if (memo.size >= 4096) memo.clear();
      memo.set(day, spans);
    }
    return spans;
  };

  /** The first working day at or after `day`. */
  const workingDayFrom = (day: number): number => {
    for (let d = day; d < day + MAX_IDLE_DAYS; d++) if (isWorkingDay(d)) return d;
    throw new KamError("CALENDAR_NO_WORKING_TIME", "", { days: MAX_IDLE_DAYS });
  };

  const nextWorkingStart = (ms: number): number => {
    const today = localDay(ms, zone);
    for (const [s, e] of spansOf(today)) if (ms < e) return Math.max(ms, s);
    const [first] = spansOf(workingDayFrom(today + 1));
    return first?.[0] ?? ms;
  };

  /** Earliest instant by which `amount` working ms have passed since `from`. */
  const addWorking = (from: number, amount: number): number => {
    let left = amount;
    let at = from;
    let day = localDay(from, zone);
    while (left > 0) {
      for (const [s, e] of spansOf(day)) {
        if (e <= at) continue;
        const begin = Math.max(at, s);
        if (left <= e - begin) return begin + left;
        left -= e - begin;
        at = e;
      }
      day = workingDayFrom(day + 1);
    }
    return at;
  };

  /** Moves `days` working days forward, keeping the working time already done in the day. */
  const addDays = (from: number, days: number): number => {
    const start = nextWorkingStart(from);
    let day = localDay(start, zone);
    const into = workingIn(spansOf(day), Number.NEGATIVE_INFINITY, start);
    for (let i = 0; i < days; i++) day = workingDayFrom(day + 1);
    const spans = spansOf(day);
    if (into >= workingIn(spans, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)) {
      return spans.at(-1)?.[1] ?? start;
    }
    // The working instant at that position: after a break rather than at its beginning.
    return nextWorkingStart(addWorking(spans[0]?.[0] ?? start, into));
  };

  const workingMsBetween = (a: number, b: number): number => {
    if (b < a) return -workingMsBetween(b, a);
    let total = 0;
    for (let day = localDay(a, zone); day <= localDay(b, zone); day++) {
      total += workingIn(spansOf(day), a, b);
    }
    return total;
  };

  return {
    add(fromMs, durationIso) {
      const parts = businessDurationParts(durationIso);
      if (!parts) {
        throw new KamError("CALENDAR_DURATION_INVALID", "", { value: durationIso });
      }
      const days = parts.weeks * cal.weekdays.size + parts.days;
      const afterDays = days > 0 ? addDays(fromMs, days) : fromMs;
      return addWorking(afterDays, parts.timeMs);
    },
    isWorkingTime: (ms) => spansOf(localDay(ms, zone)).some(([s, e]) => s <= ms && ms < e),
    nextWorkingStart,
    workingMsBetween,
    addWorkingMs: (fromMs, ms) => addWorking(fromMs, Math.max(0, ms)),
  };
}

/** Working ms of `spans` inside `[a, b)`. */
function workingIn(spans: readonly Span[], a: number, b: number): number {
  let sum = 0;
  for (const [s, e] of spans) sum += Math.max(0, Math.min(e, b) - Math.max(s, a));
  return sum;
}
