import { describe, expect, it } from "vitest";
import { KamError } from "../errors/kam-error.ts";
import { createBusinessCalendar } from "./create.ts";

/** An instant written as Shanghai wall time. */
const sh = (wall: string) => Date.parse(`${wall}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();
const expectAt = (ms: number, wall: string) => expect(iso(ms)).toBe(iso(sh(wall)));

const H = 3_600_000;

describe("business calendar, Asia/Shanghai defaults", () => {
  const plain = createBusinessCalendar();

  it("a 2-hour SLA started Friday 17:00 before a Monday holiday is due Tuesday 10:00", () => {
    const cal = createBusinessCalendar({ holidays: [{ date: "2026-03-09" }] });
    expectAt(cal.add(sh("2026-03-06T17:00:00"), "PT2H"), "2026-03-10T10:00:00");
  });

  it("skips the lunch break and may end exactly at a break", () => {
    expectAt(plain.add(sh("2026-03-02T11:30:00"), "PT1H"), "2026-03-02T13:30:00");
    expectAt(plain.add(sh("2026-03-02T11:00:00"), "PT1H"), "2026-03-02T12:00:00");
    expectAt(plain.add(sh("2026-03-02T12:15:00"), "PT30M"), "2026-03-02T13:30:00");
    expect(plain.isWorkingTime(sh("2026-03-02T12:30:00"))).toBe(false);
    expect(plain.isWorkingTime(sh("2026-03-02T13:00:00"))).toBe(true);
    expect(plain.isWorkingTime(sh("2026-03-02T18:00:00"))).toBe(false);
  });

  it("a start at 20:00 counts from 09:00 on the next working day", () => {
    expectAt(plain.nextWorkingStart(sh("2026-03-03T20:00:00")), "2026-03-04T09:00:00");
    expectAt(plain.add(sh("2026-03-03T20:00:00"), "PT1H"), "2026-03-04T10:00:00");
    expectAt(plain.nextWorkingStart(sh("2026-03-03T10:00:00")), "2026-03-03T10:00:00");
  });

  it("counts across a weekend", () => {
    expectAt(plain.add(sh("2026-03-06T16:00:00"), "PT8H"), "2026-03-09T16:00:00");
    expectAt(plain.add(sh("2026-03-07T10:00:00"), "PT30M"), "2026-03-09T09:30:00");
    expect(plain.workingMsBetween(sh("2026-03-06T00:00:00"), sh("2026-03-10T00:00:00"))).toBe(
      16 * H,
    );
  });

  it("counts days as working days keeping the position in the day", () => {
    expectAt(plain.add(sh("2026-03-06T17:00:00"), "P1D"), "2026-03-09T17:00:00");
    expectAt(plain.add(sh("2026-03-02T13:00:00"), "P1D"), "2026-03-03T13:00:00");
    expectAt(plain.add(sh("2026-03-07T10:00:00"), "P1D"), "2026-03-10T09:00:00");
    expectAt(plain.add(sh("2026-03-02T10:00:00"), "P1W"), "2026-03-09T10:00:00");
    expectAt(plain.add(sh("2026-03-02T17:30:00"), "P1DT1H"), "2026-03-04T09:30:00");
  });

  it("rejects months and years, and returns a zero duration's start unchanged", () => {
    expect(() => plain.add(0, "P1M")).toThrow(KamError);
    expect(() => plain.add(0, "soon")).toThrowError(/not a duration/);
    expect(plain.add(sh("2026-03-07T10:00:00"), "PT0S")).toBe(sh("2026-03-07T10:00:00"));
  });

  it("reports a calendar without working time instead of looping", () => {
    const never = createBusinessCalendar({ workingWeekdays: [] });
    expect(() => never.add(0, "PT1H")).toThrow(
      expect.objectContaining({ code: "CALENDAR_NO_WORKING_TIME" }),
    );
  });
});

describe("Spring Festival and National Day with their make-up days (explicit dates)", () => {
  const run = (from: number, to: number, month: string) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      date: `2026-${month}-${String(from + i).padStart(2, "0")}`,
    }));
  const cal = createBusinessCalendar({
    holidays: [...run(15, 23, "02"), ...run(1, 7, "10")],
    makeUpWorkdays: [
      { date: "2026-02-14" },
      { date: "2026-02-28" },
      { date: "2026-09-20" },
      { date: "2026-10-10" },
    ],
  });

  it("a make-up Saturday counts as a working day", () => {
    expect(cal.isWorkingTime(sh("2026-02-14T10:00:00"))).toBe(true);
    expectAt(cal.add(sh("2026-02-13T17:00:00"), "PT2H"), "2026-02-14T10:00:00");
    expectAt(cal.add(sh("2026-02-27T17:00:00"), "PT2H"), "2026-02-28T10:00:00");
    expect(cal.isWorkingTime(sh("2026-02-21T10:00:00"))).toBe(false); // an ordinary Saturday
  });

  it("skips the Spring Festival week", () => {
    expectAt(cal.add(sh("2026-02-14T17:00:00"), "PT2H"), "2026-02-24T10:00:00");
    expectAt(cal.add(sh("2026-02-13T16:00:00"), "P2D"), "2026-02-24T16:00:00");
    expectAt(cal.add(sh("2026-02-13T09:00:00"), "PT16H"), "2026-02-14T18:00:00");
    expectAt(cal.nextWorkingStart(sh("2026-02-16T11:00:00")), "2026-02-24T09:00:00");
  });

  it("skips National Day and counts its make-up Sunday and Saturday", () => {
    expectAt(cal.add(sh("2026-09-18T17:00:00"), "PT2H"), "2026-09-20T10:00:00");
    expectAt(cal.add(sh("2026-09-30T17:00:00"), "PT2H"), "2026-10-08T10:00:00");
    expectAt(cal.add(sh("2026-10-09T17:00:00"), "PT4H"), "2026-10-10T12:00:00");
    expect(cal.workingMsBetween(sh("2026-09-30T00:00:00"), sh("2026-10-09T00:00:00"))).toBe(16 * H);
  });
});

describe("exactness in a zone with daylight saving time (Europe/Berlin)", () => {
  // 2026-03-29 is the spring-forward Sunday: 02:00 CET becomes 03:00 CEST.
  const everyDay = { timeZone: "Europe/Berlin", workingWeekdays: [1, 2, 3, 4, 5, 6, 7] };

  it("counts wall-clock working hours on both sides of the change", () => {
    const cal = createBusinessCalendar(everyDay);
    // Saturday 17:00 CET (16:00Z) + 2 h: one hour on Saturday, then Sunday 09:00–10:00 CEST.
    expect(iso(cal.add(Date.parse("2026-03-28T16:00:00Z"), "PT2H"))).toBe(
      "2026-03-29T08:00:00.000Z",
    );
    const weekdays = createBusinessCalendar({ timeZone: "Europe/Berlin" });
    expect(iso(weekdays.add(Date.parse("2026-03-27T16:00:00Z"), "PT2H"))).toBe(
      "2026-03-30T08:00:00.000Z",
    );
  });

  it("a round-the-clock working day across the change has 23 hours", () => {
    const cal = createBusinessCalendar({
      ...everyDay,
      workingHours: [{ start: "00:00", end: "24:00" }],
    });
    const midnight = Date.parse("2026-03-28T23:00:00Z"); // 29 Mar 00:00 CET
    expect(iso(cal.add(midnight, "PT23H"))).toBe("2026-03-29T22:00:00.000Z"); // 30 Mar 00:00 CEST
    expect(cal.workingMsBetween(midnight, Date.parse("2026-03-29T22:00:00Z"))).toBe(23 * H);
  });
});

describe("working hours inside a repeated or skipped hour, east and west of UTC", () => {
  // Fall back: Berlin 25 Oct 2026 03:00 CEST → 02:00 CET at 01:00Z; New York 1 Nov 2026
  // 02:00 EDT → 01:00 EST at 06:00Z; Sydney 5 Apr 2026 03:00 AEDT → 02:00 AEST at 16:00Z (4 Apr).
  // A repeated start is its later occurrence in every zone (it was the earlier one west of UTC).
  const startOf = (timeZone: string, start: string, midnight: string) =>
    iso(
      createBusinessCalendar({
        timeZone,
        workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
        workingHours: [{ start, end: "06:00" }],
      }).nextWorkingStart(Date.parse(midnight)),
    );

  it("a repeated wall time is its later occurrence", () => {
    expect(startOf("Europe/Berlin", "02:30", "2026-10-25T00:00:00+02:00")).toBe(
      "2026-10-25T01:30:00.000Z", // 02:30 CET, not 02:30 CEST (00:30Z)
    );
    expect(startOf("America/New_York", "01:30", "2026-11-01T00:00:00-04:00")).toBe(
      "2026-11-01T06:30:00.000Z", // 01:30 EST, not 01:30 EDT (05:30Z)
    );
    expect(startOf("Australia/Sydney", "02:30", "2026-04-05T00:00:00+11:00")).toBe(
      "2026-04-04T16:30:00.000Z", // 02:30 AEST, not 02:30 AEDT (15:30Z)
    );
  });

  it("a skipped wall time moves forward by the gap", () => {
    // Spring forward: Berlin 29 Mar 2026 at 01:00Z, New York 8 Mar 2026 at 07:00Z.
    expect(startOf("Europe/Berlin", "02:30", "2026-03-29T00:00:00+01:00")).toBe(
      "2026-03-29T01:30:00.000Z", // 03:30 CEST
    );
    expect(startOf("America/New_York", "02:30", "2026-03-08T00:00:00-05:00")).toBe(
      "2026-03-08T07:30:00.000Z", // 03:30 EDT
    );
  });
});

describe("calendar documents", () => {
  const codes = (definition: Parameters<typeof createBusinessCalendar>[0]) => {
    try {
      createBusinessCalendar(definition);
      return [];
    } catch (e) {
      return (e as { issues: { code: string; pointer: string }[] }).issues;
    }
  };

  it("reports located issues", () => {
    expect(codes({ timeZone: "Mars/Olympus" })).toEqual([
      expect.objectContaining({ code: "CALENDAR_TIMEZONE_UNKNOWN", pointer: "/timeZone" }),
    ]);
    expect(
      codes({
        workingHours: [
          { start: "09:00", end: "12:00" },
          { start: "11:00", end: "18:00" },
          { start: "19:00", end: "19:00" },
        ],
      }).map((i) => [i.code, i.pointer]),
    ).toEqual([
      ["CALENDAR_HOURS_OVERLAP", "/workingHours/1/start"],
      ["CALENDAR_HOURS_INVALID", "/workingHours/2"],
    ]);
    expect(
      codes({
        holidays: [{ date: "2026-02-30" }, { date: "2026-10-10" }],
        makeUpWorkdays: [{ date: "2026-10-10" }],
      }).map((i) => [i.code, i.pointer]),
    ).toEqual([
      ["CALENDAR_DATE_INVALID", "/holidays/0/date"],
      ["CALENDAR_DATE_CONFLICT", "/makeUpWorkdays/0/date"],
    ]);
    expect(codes({ workingWeekdays: [0] }).length).toBeGreaterThan(0);
  });
});
