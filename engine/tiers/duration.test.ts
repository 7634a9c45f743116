import { describe, expect, it } from "vitest";
import { addDuration, parseDuration } from "./duration.ts";

describe("ISO-8601 durations", () => {
  const day = 86_400_000;

  it("parses days, weeks, times and calendar units", () => {
    expect(parseDuration("P90D")).toEqual({ years: 0, months: 0, fixedMs: 90 * day });
    expect(parseDuration("P2W")).toEqual({ years: 0, months: 0, fixedMs: 14 * day });
    expect(parseDuration("PT12H30M")).toEqual({ years: 0, months: 0, fixedMs: 12.5 * 3_600_000 });
    expect(parseDuration("P1Y2M3DT1.5S")).toEqual({ years: 1, months: 2, fixedMs: 3 * day + 1500 });
  });

  it("rejects what is not a duration", () => {
    for (const text of ["", "P", "PT", "90D", "P1H", "P-1D", "p1d"])
      expect(parseDuration(text)).toBeNull();
  });

  it("adds calendar months in UTC and fixed lengths exactly", () => {
    const start = Date.UTC(2026, 0, 15);
    expect(addDuration(start, parseDuration("P1M")!)).toBe(Date.UTC(2026, 1, 15));
    expect(addDuration(start, parseDuration("P1Y")!)).toBe(Date.UTC(2027, 0, 15));
    expect(addDuration(start, parseDuration("P30D")!)).toBe(start + 30 * day);
  });
});
