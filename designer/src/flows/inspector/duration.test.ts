import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, singleUnit } from "./duration.ts";

describe("ISO-8601 durations", () => {
  it("parse into parts and format back", () => {
    for (const text of ["PT15M", "PT4H", "P3D", "P1W", "P1DT2H", "P1Y2M", "PT30S"])
      expect(formatDuration(parseDuration(text) ?? {})).toBe(text);
    expect(parseDuration("P1DT2H")).toEqual({ days: 1, hours: 2 });
    expect(parseDuration("4 hours")).toBeUndefined();
    expect(parseDuration("P")).toBeUndefined();
    expect(parseDuration("PT")).toBeUndefined();
  });
  it("give an amount and unit when they have one unit", () => {
    expect(singleUnit("PT15M")).toEqual({ amount: 15, unit: "minutes" });
    expect(singleUnit("P2W")).toEqual({ amount: 2, unit: "weeks" });
    expect(singleUnit("P1DT2H")).toBeUndefined();
    expect(formatDuration({ hours: 0 })).toBe("PT0S");
  });
});
