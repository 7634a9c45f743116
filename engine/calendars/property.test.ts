import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "./create.ts";

const MIN = 60_000;
const year2026 = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) });

const calendars = {
  "Asia/Shanghai with Spring Festival, National Day and 调休": createBusinessCalendar({
    holidays: [
      ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => ({
        date: `2026-02-${d}`,
      })),
      ...["1", "2", "3", "4", "5", "6", "7"].map((d) => ({ date: `2026-10-0${d}` })),
    ],
    makeUpWorkdays: [{ date: "2026-02-14" }, { date: "2026-09-20" }, { date: "2026-10-10" }],
  }),
  "Europe/Berlin with uneven hours": createBusinessCalendar({
    timeZone: "Europe/Berlin",
    workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
    workingHours: [
      { start: "00:30", end: "02:30" }, // crosses the spring-forward gap
      { start: "08:00", end: "12:15" },
      { start: "13:00", end: "24:00" },
    ],
  }),
};

describe.each(Object.entries(calendars))("%s", (_, cal) => {
  it("workingMsBetween(a, add(a, d)) is exactly d, and the deadline ends working time", () => {
    fc.assert(
      fc.property(year2026, fc.integer({ min: 1, max: 20_000 }), (a, minutes) => {
        const due = cal.add(a, `PT${minutes}M`);
        expect(cal.workingMsBetween(a, due)).toBe(minutes * MIN);
        // Earliest such instant: the minute before the deadline is working time.
        expect(cal.isWorkingTime(due - 1)).toBe(true);
        expect(cal.workingMsBetween(due, a)).toBe(-minutes * MIN);
      }),
      { numRuns: 200 },
    );
  });

  it("adding in two steps equals adding at once", () => {
    fc.assert(
      fc.property(year2026, fc.nat(3000), fc.nat(3000), (a, m, n) => {
        expect(cal.add(cal.add(a, `PT${m}M`), `PT${n}M`)).toBe(cal.add(a, `PT${m + n}M`));
      }),
      { numRuns: 200 },
    );
  });

  it("nextWorkingStart is working time and skips no working time", () => {
    fc.assert(
      fc.property(year2026, (a) => {
        const start = cal.nextWorkingStart(a);
        expect(cal.isWorkingTime(start)).toBe(true);
        expect(cal.workingMsBetween(a, start)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
