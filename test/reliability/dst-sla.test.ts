/**
 * Reliability R4 (DST part) — business-hour SLA deadlines across the 2026 daylight-saving changes
 * of Europe/Berlin and America/New_York, against a reference table worked out by hand.
 *
 * The transitions (local wall clock):
 * - Europe/Berlin, spring forward Sun 29 Mar 2026: at 01:00Z, 02:00 CET (+01:00) → 03:00 CEST
 *   (+02:00); 02:00–02:59 does not exist that day.
 * - Europe/Berlin, fall back Sun 25 Oct 2026: at 01:00Z, 03:00 CEST → 02:00 CET; 02:00–02:59
 *   happens twice (00:00Z–01:00Z in CEST, then 01:00Z–02:00Z in CET).
 * - America/New_York, spring forward Sun 8 Mar 2026: at 07:00Z, 02:00 EST (−05:00) → 03:00 EDT
 *   (−04:00); 02:00–02:59 does not exist that day.
 * - America/New_York, fall back Sun 1 Nov 2026: at 06:00Z, 02:00 EDT → 01:00 EST; 01:00–01:59
 *   happens twice (05:00Z–06:00Z in EDT, then 06:00Z–07:00Z in EST).
 *
 * Every expected deadline is written by hand with its explicit offset, from those wall-clock
 * facts and the counting rules documented in engine/calendars/calendar.ts (hours count working
 * time as real elapsed time; `D` keeps the working time already done in the day; `W` is five
 * working days on a Mon–Fri calendar; a start outside working time counts from the next working
 * start) and engine/calendars/zone.ts (a working-hours boundary that a spring-forward gap skips
 * moves forward by the gap; one that fall-back repeats is its later occurrence). Nothing here
 * computes an expected value with the code under test or a time-zone library: the only
 * conversion is `Date.parse` of an ISO string with a fixed offset.
 *
 * Each case is checked three ways: the calendar (`createBusinessCalendar().add`), the
 * interpreter's calendar port (`calendarPort().add`, what `ctx.dueAt` of an SLA ladder calls),
 * and end to end through the runtime on each test database: the workspace calendar is saved, a
 * flow with a task whose SLA target and level count on the business calendar is started with
 * the clock at the case's start, and the task's `due_at` and its SLA timers' `due_at` are read
 * back. The reverse (working time between two instants) is checked on hand-worked spans and on
 * every hours-only case of the table (the working time from start to deadline is the duration).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BusinessCalendarInput,
  calendarPort,
  createBusinessCalendar,
} from "../../engine/calendars/index.ts";
import { lineFlow } from "../../engine/runtime/testing/flows.ts";
import { type KamWorld, kamWorld } from "../../engine/runtime/testing/kam-fixture.ts";
import type { Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { recordFigure } from "./figures.ts";

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];
const hours = (...spans: [string, string][]) => spans.map(([start, end]) => ({ start, end }));

/** The calendars of the table: each zone with 24 h, office, lunch-break and night-shift hours. */
const CALENDARS = {
  "berlin-24h": {
    timeZone: "Europe/Berlin",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["00:00", "24:00"]),
  },
  "berlin-office": {
    timeZone: "Europe/Berlin",
    workingWeekdays: WEEKDAYS,
    workingHours: hours(["09:00", "18:00"]),
  },
  "berlin-lunch": {
    timeZone: "Europe/Berlin",
    workingWeekdays: WEEKDAYS,
    workingHours: hours(["09:00", "12:00"], ["13:00", "18:00"]),
  },
  "berlin-night": {
    timeZone: "Europe/Berlin",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["00:00", "06:00"]),
  },
  "berlin-shift": {
    timeZone: "Europe/Berlin",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["01:00", "04:00"]),
  },
  /** Starts inside Berlin's skipped (29 Mar) and repeated (25 Oct) hour. */
  "berlin-late": {
    timeZone: "Europe/Berlin",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["02:30", "06:00"]),
  },
  "ny-24h": {
    timeZone: "America/New_York",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["00:00", "24:00"]),
  },
  "ny-office": {
    timeZone: "America/New_York",
    workingWeekdays: WEEKDAYS,
    workingHours: hours(["09:00", "18:00"]),
  },
  "ny-lunch": {
    timeZone: "America/New_York",
    workingWeekdays: WEEKDAYS,
    workingHours: hours(["09:00", "12:00"], ["13:00", "18:00"]),
  },
  "ny-night": {
    timeZone: "America/New_York",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["00:00", "06:00"]),
  },
  /** Starts at the first minute of New York's repeated hour (1 Nov). */
  "ny-shift": {
    timeZone: "America/New_York",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["01:00", "04:00"]),
  },
  /** Ends after the skipped hour (8 Mar), around the repeated hour (1 Nov). */
  "ny-early": {
    timeZone: "America/New_York",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["00:30", "03:00"]),
  },
  /** Starts inside New York's skipped hour (8 Mar). */
  "ny-late": {
    timeZone: "America/New_York",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["02:30", "06:00"]),
  },
  /** Starts inside New York's repeated hour (1 Nov). */
  "ny-half": {
    timeZone: "America/New_York",
    workingWeekdays: EVERY_DAY,
    workingHours: hours(["01:30", "06:00"]),
  },
} satisfies Record<string, BusinessCalendarInput>;

type CalendarKey = keyof typeof CALENDARS;

/** One row of the reference table. */
interface Case {
  readonly id: string;
  readonly calendar: CalendarKey;
  /** The SLA clock's start, ISO with an explicit offset. */
  readonly start: string;
  /** The business duration of the SLA target. */
  readonly duration: string;
  /** The deadline worked out by hand, ISO with an explicit offset. */
  readonly due: string;
  /** How the deadline follows from the wall clock. */
  readonly why: string;
}

const TABLE: readonly Case[] = [
  // ── Europe/Berlin, spring forward: Sun 29 Mar 2026, 02:00 CET → 03:00 CEST at 01:00Z ──
  {
    id: "be-spring-24h-4h",
    calendar: "berlin-24h",
    start: "2026-03-29T00:30:00+01:00",
    duration: "PT4H",
    due: "2026-03-29T05:30:00+02:00",
    why: "00:30→02:00 CET is 1.5 h, the clock jumps to 03:00 CEST, 2.5 h more → 05:30 CEST (23:30Z + 4 h = 03:30Z)",
  },
  {
    id: "be-spring-night-4h",
    calendar: "berlin-night",
    start: "2026-03-29T00:30:00+01:00",
    duration: "PT4H",
    due: "2026-03-29T05:30:00+02:00",
    why: "02:00–03:00 does not exist on 29 Mar; 4 working hours from 00:30 CET end at 05:30 CEST = 03:30Z, inside 00:00–06:00",
  },
  {
    id: "be-spring-night-6h",
    calendar: "berlin-night",
    start: "2026-03-29T00:00:00+01:00",
    duration: "PT6H",
    due: "2026-03-30T01:00:00+02:00",
    why: "00:00 CET–06:00 CEST is only 5 h (23:00Z–04:00Z); the 6th hour is 30 Mar 00:00–01:00 CEST (29 Mar 22:00Z–23:00Z)",
  },
  {
    id: "be-spring-shift-2h",
    calendar: "berlin-shift",
    start: "2026-03-29T01:00:00+01:00",
    duration: "PT2H",
    due: "2026-03-29T04:00:00+02:00",
    why: "the 01:00–04:00 shift runs 01:00 CET–04:00 CEST = 00:00Z–02:00Z, 2 h: due at its end",
  },
  {
    id: "be-spring-shift-2h30",
    calendar: "berlin-shift",
    start: "2026-03-29T01:00:00+01:00",
    duration: "PT2H30M",
    due: "2026-03-30T01:30:00+02:00",
    why: "2 h in the shortened shift of 29 Mar; 30 min into 30 Mar's shift from 01:00 CEST (29 Mar 23:00Z) → 23:30Z",
  },
  {
    id: "be-spring-shift-from-sat",
    calendar: "berlin-shift",
    start: "2026-03-28T03:00:00+01:00",
    duration: "PT2H",
    due: "2026-03-29T03:00:00+02:00",
    why: "1 h on Sat (03:00–04:00 CET); Sunday's shift starts 01:00 CET = 00:00Z, +1 h = 01:00Z, when 02:00 CET becomes 03:00 CEST",
  },
  {
    id: "be-spring-late-1h",
    calendar: "berlin-late",
    start: "2026-03-29T00:00:00+01:00",
    duration: "PT1H",
    due: "2026-03-29T04:30:00+02:00",
    why: "02:30 is skipped on 29 Mar and moves forward by the gap to 03:30 CEST = 01:30Z; +1 h → 04:30 CEST = 02:30Z",
  },
  {
    id: "be-spring-24h-1d",
    calendar: "berlin-24h",
    start: "2026-03-28T12:00:00+01:00",
    duration: "P1D",
    due: "2026-03-29T13:00:00+02:00",
    why: "P1D keeps the 12 working hours done on Sat; Sun 29 Mar starts 00:00 CET = 28 Mar 23:00Z and has 23 h; 12 h in is 11:00Z = 13:00 CEST",
  },
  {
    id: "be-spring-office-2h",
    calendar: "berlin-office",
    start: "2026-03-27T17:00:00+01:00",
    duration: "PT2H",
    due: "2026-03-30T10:00:00+02:00",
    why: "1 h on Fri to 18:00 CET; Mon 30 Mar is on CEST: 09:00 CEST + 1 h → 10:00 CEST = 08:00Z",
  },
  {
    id: "be-spring-office-1d",
    calendar: "berlin-office",
    start: "2026-03-27T10:00:00+01:00",
    duration: "P1D",
    due: "2026-03-30T10:00:00+02:00",
    why: "1 h into Fri; 1 h into the next working day, Mon 30 Mar → 10:00 CEST = 08:00Z",
  },
  {
    id: "be-spring-lunch-5h",
    calendar: "berlin-lunch",
    start: "2026-03-27T16:00:00+01:00",
    duration: "PT5H",
    due: "2026-03-30T12:00:00+02:00",
    why: "2 h on Fri (16–18 CET), 3 h Mon 09:00–12:00 CEST: due at the start of lunch, 12:00 CEST = 10:00Z",
  },
  {
    id: "be-spring-lunch-7h",
    calendar: "berlin-lunch",
    start: "2026-03-27T11:30:00+01:00",
    duration: "PT7H",
    due: "2026-03-30T10:30:00+02:00",
    why: "Fri 11:30–12:00 + 13:00–18:00 CET = 5.5 h; 1.5 h from Mon 09:00 CEST → 10:30 CEST = 08:30Z",
  },
  {
    id: "be-spring-lunch-1d2h",
    calendar: "berlin-lunch",
    start: "2026-03-27T17:00:00+01:00",
    duration: "P1DT2H",
    due: "2026-03-31T10:00:00+02:00",
    why: "days first: 7 h into Fri (09–12, 13–17) → 7 h into Mon = 17:00 CEST; then 2 h: Mon 17–18, Tue 09:00–10:00 CEST = 08:00Z",
  },
  {
    id: "be-spring-office-1w",
    calendar: "berlin-office",
    start: "2026-03-25T11:00:00+01:00",
    duration: "P1W",
    due: "2026-04-01T11:00:00+02:00",
    why: "P1W = 5 working days: Thu, Fri, Mon, Tue, Wed 1 Apr; 2 h into that day → 11:00 CEST = 09:00Z",
  },
  {
    id: "be-spring-night-1d-clamped",
    calendar: "berlin-night",
    start: "2026-03-28T05:00:00+01:00",
    duration: "P1D",
    due: "2026-03-29T06:00:00+02:00",
    why: "5 h into Sat's window; Sun's window 00:00 CET–06:00 CEST is only 5 h, so the day position is its end, 06:00 CEST = 04:00Z",
  },
  // ── Europe/Berlin, fall back: Sun 25 Oct 2026, 03:00 CEST → 02:00 CET at 01:00Z ──
  {
    id: "be-fall-24h-2h",
    calendar: "berlin-24h",
    start: "2026-10-25T01:30:00+02:00",
    duration: "PT2H",
    due: "2026-10-25T02:30:00+01:00",
    why: "01:30→03:00 CEST is 1.5 h, the clock goes back to 02:00 CET, 0.5 h more → 02:30 CET (23:30Z + 2 h = 01:30Z)",
  },
  {
    id: "be-fall-night-6h",
    calendar: "berlin-night",
    start: "2026-10-25T00:00:00+02:00",
    duration: "PT6H",
    due: "2026-10-25T05:00:00+01:00",
    why: "00:00 CEST–06:00 CET is 7 h (24 Oct 22:00Z–05:00Z); 6 h in is 04:00Z = 05:00 CET",
  },
  {
    id: "be-fall-night-8h",
    calendar: "berlin-night",
    start: "2026-10-25T00:00:00+02:00",
    duration: "PT8H",
    due: "2026-10-26T01:00:00+01:00",
    why: "7 h on 25 Oct; the 8th hour is 26 Oct 00:00–01:00 CET (25 Oct 23:00Z–00:00Z)",
  },
  {
    id: "be-fall-shift-4h",
    calendar: "berlin-shift",
    start: "2026-10-25T01:00:00+02:00",
    duration: "PT4H",
    due: "2026-10-25T04:00:00+01:00",
    why: "the 01:00–04:00 shift runs 01:00 CEST–04:00 CET = 23:00Z–03:00Z, 4 h: due at its end",
  },
  {
    id: "be-fall-shift-repeated-hour",
    calendar: "berlin-shift",
    start: "2026-10-25T02:30:00+02:00",
    duration: "PT1H",
    due: "2026-10-25T02:30:00+01:00",
    why: "from the first 02:30 (CEST, 00:30Z), one working hour later the clock shows 02:30 again (CET, 01:30Z)",
  },
  {
    id: "be-fall-late-1h",
    calendar: "berlin-late",
    start: "2026-10-25T00:00:00+02:00",
    duration: "PT1H",
    due: "2026-10-25T03:30:00+01:00",
    why: "02:30 happens twice on 25 Oct; the documented rule takes the later, 02:30 CET = 01:30Z; +1 h → 03:30 CET = 02:30Z",
  },
  {
    id: "be-fall-24h-1d",
    calendar: "berlin-24h",
    start: "2026-10-24T12:00:00+02:00",
    duration: "P1D",
    due: "2026-10-25T11:00:00+01:00",
    why: "12 h into Sat; Sun 25 Oct starts 00:00 CEST = 24 Oct 22:00Z and has 25 h; 12 h in is 10:00Z = 11:00 CET",
  },
  {
    id: "be-fall-office-2h",
    calendar: "berlin-office",
    start: "2026-10-23T17:00:00+02:00",
    duration: "PT2H",
    due: "2026-10-26T10:00:00+01:00",
    why: "1 h on Fri to 18:00 CEST; Mon 26 Oct is on CET: 09:00 CET + 1 h → 10:00 CET = 09:00Z",
  },
  {
    id: "be-fall-lunch-1d",
    calendar: "berlin-lunch",
    start: "2026-10-23T15:00:00+02:00",
    duration: "P1D",
    due: "2026-10-26T15:00:00+01:00",
    why: "5 h into Fri (09–12, 13–15 CEST) → 5 h into Mon = 15:00 CET = 14:00Z",
  },
  {
    id: "be-fall-lunch-1d-from-sat",
    calendar: "berlin-lunch",
    start: "2026-10-24T10:00:00+02:00",
    duration: "P1D",
    due: "2026-10-27T09:00:00+01:00",
    why: "Sat is not worked: counting starts Mon 26 Oct 09:00 CET; one working day later is Tue 09:00 CET = 08:00Z",
  },
  // ── America/New_York, spring forward: Sun 8 Mar 2026, 02:00 EST → 03:00 EDT at 07:00Z ──
  {
    id: "ny-spring-24h-4h",
    calendar: "ny-24h",
    start: "2026-03-08T00:30:00-05:00",
    duration: "PT4H",
    due: "2026-03-08T05:30:00-04:00",
    why: "00:30→02:00 EST is 1.5 h, the clock jumps to 03:00 EDT, 2.5 h more → 05:30 EDT (05:30Z + 4 h = 09:30Z)",
  },
  {
    id: "ny-spring-night-6h",
    calendar: "ny-night",
    start: "2026-03-08T00:00:00-05:00",
    duration: "PT6H",
    due: "2026-03-09T01:00:00-04:00",
    why: "00:00 EST–06:00 EDT is only 5 h (05:00Z–10:00Z); the 6th hour is 9 Mar 00:00–01:00 EDT (04:00Z–05:00Z)",
  },
  {
    id: "ny-spring-shift-2h",
    calendar: "ny-shift",
    start: "2026-03-08T01:00:00-05:00",
    duration: "PT2H",
    due: "2026-03-08T04:00:00-04:00",
    why: "the 01:00–04:00 shift runs 01:00 EST–04:00 EDT = 06:00Z–08:00Z, 2 h: due at its end",
  },
  {
    id: "ny-spring-shift-from-sat",
    calendar: "ny-shift",
    start: "2026-03-07T03:00:00-05:00",
    duration: "PT2H",
    due: "2026-03-08T03:00:00-04:00",
    why: "1 h on Sat (03:00–04:00 EST); Sunday's shift starts 01:00 EST = 06:00Z, +1 h = 07:00Z, when 02:00 EST becomes 03:00 EDT",
  },
  {
    id: "ny-spring-early-2h",
    calendar: "ny-early",
    start: "2026-03-08T00:30:00-05:00",
    duration: "PT2H",
    due: "2026-03-09T01:00:00-04:00",
    why: "00:30 EST–03:00 EDT is 1.5 h (05:30Z–07:00Z); the last 0.5 h from 9 Mar 00:30 EDT = 04:30Z → 05:00Z",
  },
  {
    id: "ny-spring-late-1h",
    calendar: "ny-late",
    start: "2026-03-08T00:00:00-05:00",
    duration: "PT1H",
    due: "2026-03-08T04:30:00-04:00",
    why: "02:30 is skipped on 8 Mar and moves forward by the gap to 03:30 EDT = 07:30Z; +1 h → 04:30 EDT = 08:30Z",
  },
  {
    id: "ny-spring-24h-1d",
    calendar: "ny-24h",
    start: "2026-03-07T12:00:00-05:00",
    duration: "P1D",
    due: "2026-03-08T13:00:00-04:00",
    why: "12 h into Sat; Sun 8 Mar starts 00:00 EST = 05:00Z and has 23 h; 12 h in is 17:00Z = 13:00 EDT",
  },
  {
    id: "ny-spring-office-2h",
    calendar: "ny-office",
    start: "2026-03-06T17:00:00-05:00",
    duration: "PT2H",
    due: "2026-03-09T10:00:00-04:00",
    why: "1 h on Fri to 18:00 EST; Mon 9 Mar is on EDT: 09:00 EDT + 1 h → 10:00 EDT = 14:00Z",
  },
  {
    id: "ny-spring-lunch-7h",
    calendar: "ny-lunch",
    start: "2026-03-06T11:30:00-05:00",
    duration: "PT7H",
    due: "2026-03-09T10:30:00-04:00",
    why: "Fri 11:30–12:00 + 13:00–18:00 EST = 5.5 h; 1.5 h from Mon 09:00 EDT → 10:30 EDT = 14:30Z",
  },
  {
    id: "ny-spring-lunch-1d",
    calendar: "ny-lunch",
    start: "2026-03-06T10:00:00-05:00",
    duration: "P1D",
    due: "2026-03-09T10:00:00-04:00",
    why: "1 h into Fri; 1 h into Mon 9 Mar → 10:00 EDT = 14:00Z",
  },
  {
    id: "ny-spring-night-1d-clamped",
    calendar: "ny-night",
    start: "2026-03-07T05:00:00-05:00",
    duration: "P1D",
    due: "2026-03-08T06:00:00-04:00",
    why: "5 h into Sat's window; Sun's window 00:00 EST–06:00 EDT is only 5 h, so the day position is its end, 06:00 EDT = 10:00Z",
  },
  // ── America/New_York, fall back: Sun 1 Nov 2026, 02:00 EDT → 01:00 EST at 06:00Z ──
  {
    id: "ny-fall-24h-2h",
    calendar: "ny-24h",
    start: "2026-11-01T00:30:00-04:00",
    duration: "PT2H",
    due: "2026-11-01T01:30:00-05:00",
    why: "00:30→02:00 EDT is 1.5 h, the clock goes back to 01:00 EST, 0.5 h more → 01:30 EST (04:30Z + 2 h = 06:30Z)",
  },
  {
    id: "ny-fall-night-6h",
    calendar: "ny-night",
    start: "2026-11-01T00:00:00-04:00",
    duration: "PT6H",
    due: "2026-11-01T05:00:00-05:00",
    why: "00:00 EDT–06:00 EST is 7 h (04:00Z–11:00Z); 6 h in is 10:00Z = 05:00 EST",
  },
  {
    id: "ny-fall-night-8h",
    calendar: "ny-night",
    start: "2026-11-01T00:00:00-04:00",
    duration: "PT8H",
    due: "2026-11-02T01:00:00-05:00",
    why: "7 h on 1 Nov; the 8th hour is 2 Nov 00:00–01:00 EST (05:00Z–06:00Z)",
  },
  {
    id: "ny-fall-early-3h",
    calendar: "ny-early",
    start: "2026-11-01T00:30:00-04:00",
    duration: "PT3H",
    due: "2026-11-01T02:30:00-05:00",
    why: "00:30→02:00 EDT is 1.5 h, back to 01:00 EST, 1.5 h more → 02:30 EST = 07:30Z, inside 00:30 EDT–03:00 EST (3.5 h)",
  },
  {
    id: "ny-fall-shift-1h",
    calendar: "ny-shift",
    start: "2026-11-01T00:00:00-04:00",
    duration: "PT1H",
    due: "2026-11-01T02:00:00-05:00",
    why: "01:00 happens twice on 1 Nov; the documented rule takes the later, 01:00 EST = 06:00Z; +1 h → 02:00 EST = 07:00Z",
  },
  {
    id: "ny-fall-half-1h",
    calendar: "ny-half",
    start: "2026-11-01T00:00:00-04:00",
    duration: "PT1H",
    due: "2026-11-01T02:30:00-05:00",
    why: "01:30 happens twice on 1 Nov; the documented rule takes the later, 01:30 EST = 06:30Z; +1 h → 02:30 EST = 07:30Z",
  },
  {
    id: "ny-fall-24h-1d",
    calendar: "ny-24h",
    start: "2026-10-31T12:00:00-04:00",
    duration: "P1D",
    due: "2026-11-01T11:00:00-05:00",
    why: "12 h into Sat; Sun 1 Nov starts 00:00 EDT = 04:00Z and has 25 h; 12 h in is 16:00Z = 11:00 EST",
  },
  {
    id: "ny-fall-office-2h",
    calendar: "ny-office",
    start: "2026-10-30T17:00:00-04:00",
    duration: "PT2H",
    due: "2026-11-02T10:00:00-05:00",
    why: "1 h on Fri to 18:00 EDT; Mon 2 Nov is on EST: 09:00 EST + 1 h → 10:00 EST = 15:00Z",
  },
  {
    id: "ny-fall-lunch-1d",
    calendar: "ny-lunch",
    start: "2026-10-30T15:00:00-04:00",
    duration: "P1D",
    due: "2026-11-02T15:00:00-05:00",
    why: "5 h into Fri (09–12, 13–15 EDT) → 5 h into Mon = 15:00 EST = 20:00Z",
  },
  {
    id: "ny-fall-lunch-5h",
    calendar: "ny-lunch",
    start: "2026-10-30T16:00:00-04:00",
    duration: "PT5H",
    due: "2026-11-02T12:00:00-05:00",
    why: "2 h on Fri (16–18 EDT), 3 h Mon 09:00–12:00 EST: due at the start of lunch, 12:00 EST = 17:00Z",
  },
  {
    id: "ny-fall-office-1w",
    calendar: "ny-office",
    start: "2026-10-28T11:00:00-04:00",
    duration: "P1W",
    due: "2026-11-04T11:00:00-05:00",
    why: "P1W = 5 working days: Thu, Fri, Mon, Tue, Wed 4 Nov; 2 h into that day → 11:00 EST = 16:00Z",
  },
];

/** Working time between two instants, worked out by hand. */
interface Span {
  readonly id: string;
  readonly calendar: CalendarKey;
  readonly from: string;
  readonly to: string;
  readonly hours: number;
  readonly why: string;
}

const SPANS: readonly Span[] = [
  {
    id: "be-spring-24h-day",
    calendar: "berlin-24h",
    from: "2026-03-29T00:00:00+01:00",
    to: "2026-03-30T00:00:00+02:00",
    hours: 23,
    why: "29 Mar runs 28 Mar 23:00Z–29 Mar 22:00Z",
  },
  {
    id: "be-fall-24h-day",
    calendar: "berlin-24h",
    from: "2026-10-25T00:00:00+02:00",
    to: "2026-10-26T00:00:00+01:00",
    hours: 25,
    why: "25 Oct runs 24 Oct 22:00Z–25 Oct 23:00Z",
  },
  {
    id: "be-spring-night-weekend",
    calendar: "berlin-night",
    from: "2026-03-28T00:00:00+01:00",
    to: "2026-03-30T00:00:00+02:00",
    hours: 11,
    why: "Sat 00:00–06:00 CET is 6 h; Sun 00:00 CET–06:00 CEST is 5 h",
  },
  {
    id: "be-fall-shift-day",
    calendar: "berlin-shift",
    from: "2026-10-25T00:00:00+02:00",
    to: "2026-10-26T00:00:00+01:00",
    hours: 4,
    why: "01:00 CEST–04:00 CET = 23:00Z–03:00Z",
  },
  {
    id: "be-fall-late-day",
    calendar: "berlin-late",
    from: "2026-10-25T00:00:00+02:00",
    to: "2026-10-26T00:00:00+01:00",
    hours: 3.5,
    why: "the later 02:30 (CET, 01:30Z) to 06:00 CET (05:00Z)",
  },
  {
    id: "be-spring-office-weekend",
    calendar: "berlin-office",
    from: "2026-03-27T17:00:00+01:00",
    to: "2026-03-30T10:00:00+02:00",
    hours: 2,
    why: "Fri 17–18 CET and Mon 09–10 CEST; the weekend and its lost hour count nothing",
  },
  {
    id: "ny-spring-24h-day",
    calendar: "ny-24h",
    from: "2026-03-08T00:00:00-05:00",
    to: "2026-03-09T00:00:00-04:00",
    hours: 23,
    why: "8 Mar runs 05:00Z–9 Mar 04:00Z",
  },
  {
    id: "ny-fall-24h-day",
    calendar: "ny-24h",
    from: "2026-11-01T00:00:00-04:00",
    to: "2026-11-02T00:00:00-05:00",
    hours: 25,
    why: "1 Nov runs 04:00Z–2 Nov 05:00Z",
  },
  {
    id: "ny-fall-night-day",
    calendar: "ny-night",
    from: "2026-11-01T00:00:00-04:00",
    to: "2026-11-02T00:00:00-05:00",
    hours: 7,
    why: "00:00 EDT–06:00 EST = 04:00Z–11:00Z",
  },
  {
    id: "ny-spring-early-day",
    calendar: "ny-early",
    from: "2026-03-08T00:00:00-05:00",
    to: "2026-03-09T00:00:00-04:00",
    hours: 1.5,
    why: "00:30 EST–03:00 EDT = 05:30Z–07:00Z",
  },
  {
    id: "ny-fall-shift-day",
    calendar: "ny-shift",
    from: "2026-11-01T00:00:00-04:00",
    to: "2026-11-02T00:00:00-05:00",
    hours: 3,
    why: "the later 01:00 (EST, 06:00Z) to 04:00 EST (09:00Z)",
  },
  {
    id: "ny-fall-lunch-weekend",
    calendar: "ny-lunch",
    from: "2026-10-30T16:00:00-04:00",
    to: "2026-11-02T12:00:00-05:00",
    hours: 5,
    why: "Fri 16–18 EDT and Mon 09–12 EST",
  },
];

const HOUR = 3_600_000;

/** Working milliseconds of an hours-and-minutes duration (`PT2H30M`); null for day forms. */
function timeOnlyMs(duration: string): number | null {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  return m ? (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60_000 : null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A mismatch as a line: the case, what came back (UTC), what the table says. */
const mismatch = (id: string, got: number | null | undefined, want: string) =>
  `${id}: got ${typeof got === "number" ? iso(got) : String(got)}, expected ${want} (${iso(Date.parse(want))})`;

const calendarOf = (key: CalendarKey) => createBusinessCalendar(CALENDARS[key]);

describe("R4: business-hour SLA deadlines across DST (Europe/Berlin, America/New_York)", () => {
  it("the table is well formed: ≥ 30 cases, about half per zone, explicit offsets", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TABLE.map((c) => c.id)).size).toBe(TABLE.length);
    const berlin = TABLE.filter((c) => c.calendar.startsWith("berlin")).length;
    expect(berlin).toBeGreaterThanOrEqual(15);
    expect(TABLE.length - berlin).toBeGreaterThanOrEqual(15);
    const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
    for (const c of TABLE) {
      expect(c.start, c.id).toMatch(withOffset);
      expect(c.due, c.id).toMatch(withOffset);
    }
  });

  it("calendar, calendar port and reverse all match the hand-worked table", () => {
    const wrong: string[] = [];
    let calendarOk = 0;
    let portOk = 0;
    for (const c of TABLE) {
      const start = Date.parse(c.start);
      const due = Date.parse(c.due);
      const cal = calendarOf(c.calendar);
      const got = cal.add(start, c.duration);
      if (got === due) calendarOk++;
      else wrong.push(`calendar ${mismatch(c.id, got, c.due)} — ${c.why}`);
      const viaPort = calendarPort(cal).add(start, c.duration, "business");
      if (viaPort === due) portOk++;
      else wrong.push(`port ${mismatch(c.id, viaPort, c.due)} — ${c.why}`);
    }

    // The reverse: working time between two instants.
    let reverseOk = 0;
    let reverseCount = 0;
    for (const s of SPANS) {
      reverseCount += 2;
      const cal = calendarOf(s.calendar);
      const [from, to] = [Date.parse(s.from), Date.parse(s.to)];
      const want = s.hours * HOUR;
      const got = cal.workingMsBetween(from, to);
      const viaPort = calendarPort(cal).between?.(from, to, "business");
      if (got === want && cal.workingMsBetween(to, from) === -want) reverseOk++;
      else wrong.push(`between ${s.id}: got ${got / HOUR} h, expected ${s.hours} h — ${s.why}`);
      if (viaPort === want) reverseOk++;
      else wrong.push(`port between ${s.id}: got ${(viaPort ?? Number.NaN) / HOUR} h`);
    }
    // Every hours-only row read backwards: from start to deadline is exactly the duration, and
    // adding that many working milliseconds (how a resumed SLA clock reschedules) gives the deadline.
    for (const c of TABLE) {
      const ms = timeOnlyMs(c.duration);
      if (ms === null) continue;
      reverseCount += 2;
      const cal = calendarOf(c.calendar);
      const [start, due] = [Date.parse(c.start), Date.parse(c.due)];
      const between = cal.workingMsBetween(start, due);
      if (between === ms) reverseOk++;
      else wrong.push(`between ${c.id}: got ${between / HOUR} h, expected ${ms / HOUR} h`);
      const resumed = calendarPort(cal).addMs?.(start, ms, "business");
      if (resumed === due) reverseOk++;
      else wrong.push(`port addMs ${mismatch(c.id, resumed, c.due)}`);
    }

    recordFigure({
      id: "R4",
      test: "DST: business-hour SLA deadlines vs a hand-worked reference table (Berlin, New York)",
      backend: "engine",
      size: `${TABLE.length} deadline cases, ${reverseCount} reverse checks`,
      figures: {
        "calendar matched": `${calendarOk}/${TABLE.length}`,
        "port matched": `${portOk}/${TABLE.length}`,
        "reverse matched": `${reverseOk}/${reverseCount}`,
      },
    });
    expect(wrong).toEqual([]);
  });
});

/** The SLA flow of a duration: one task whose target and reminder count on business time. */
const slaFlow = (key: string, duration: string) =>
  lineFlow(key, { type: "manual" }, [
    {
      id: "work",
      type: "task",
      config: {
        assignees: [{ kind: "role", role: "kam" }],
        sla: {
          target: duration,
          calendar: "business",
          levels: [{ action: "remind", after: duration }],
        },
      },
    },
  ]);

const flowKey = (duration: string) => `dst-${duration.toLowerCase()}`;

for (const database of testDatabases()) {
  describe(`R4: SLA due times across DST through the runtime on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeAll(async () => {
      store = await database.open();
      world = await kamWorld(store);
      for (const duration of new Set(TABLE.map((c) => c.duration))) {
        await world.engine.definitions.publish(world.ws, slaFlow(flowKey(duration), duration));
      }
    });
    afterAll(() => store?.close());

    it("every task's due time and SLA timers match the table", async () => {
      const { engine, ws, kam, clock } = world;
      const wrong: string[] = [];
      let matched = 0;
      let saved: CalendarKey | undefined;
      for (const c of TABLE) {
        if (saved !== c.calendar) {
          await engine.calendars.save(ws, CALENDARS[c.calendar]);
          saved = c.calendar;
        }
        clock.set(Date.parse(c.start));
        const instance = await engine.flows.start(ws, flowKey(c.duration), { actor: kam });
        const due = Date.parse(c.due);
        const task = await store.db
          .selectFrom("tasks")
          .select("due_at")
          .where("instance_id", "=", instance.id)
          .executeTakeFirst();
        const timers = await store.db
          .selectFrom("timers")
          .select("due_at")
          .where("instance_id", "=", instance.id)
          .where("kind", "=", "sla")
          .execute();
        const ok =
          Number(task?.due_at) === due &&
          timers.length === 2 &&
          timers.every((t) => Number(t.due_at) === due);
        if (ok) matched++;
        else {
          const timerTimes = timers.map((t) => iso(Number(t.due_at))).join(", ");
          wrong.push(`${mismatch(c.id, Number(task?.due_at), c.due)}; timers [${timerTimes}]`);
        }
      }
      recordFigure({
        id: "R4",
        test: "DST: SLA due times through the runtime (task due_at, SLA timers) vs the reference table",
        backend: database.name,
        size: `${TABLE.length} cases, ${Object.keys(CALENDARS).length} calendars`,
        figures: { "cases matched": `${matched}/${TABLE.length}` },
      });
      expect(wrong).toEqual([]);
    });
  });
}
