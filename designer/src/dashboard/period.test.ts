import { describe, expect, it } from "vitest";
import {
  addMonths,
  isDate,
  periodFromParams,
  presetRange,
  previousRange,
  rangeOf,
  todayIn,
} from "./period.ts";

describe("dashboard periods", () => {
  it("knows real dates and moves by months, clamping the day", () => {
    expect(isDate("2026-02-28")).toBe(true);
    expect(isDate("2026-02-30")).toBe(false);
    expect(isDate("2026-2-3")).toBe(false);
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2028-03-31", -1)).toBe("2028-02-29");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(addMonths("2026-11-30", -12)).toBe("2025-11-30");
  });

  it("reads today in the workspace's zone", () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai.
    const now = Date.UTC(2026, 10, 30, 17, 0);
    expect(todayIn("Asia/Shanghai", now)).toBe("2026-12-01");
    expect(todayIn("UTC", now)).toBe("2026-11-30");
  });

  it("gives the month, quarter and year so far and the last 30 days", () => {
    expect(presetRange("month", "2026-11-15")).toEqual({ from: "2026-11-01", to: "2026-11-15" });
    expect(presetRange("quarter", "2026-11-15")).toEqual({
      from: "2026-10-01",
      to: "2026-11-15",
    });
    expect(presetRange("quarter", "2026-03-31")).toEqual({
      from: "2026-01-01",
      to: "2026-03-31",
    });
    expect(presetRange("year", "2026-11-15")).toEqual({ from: "2026-01-01", to: "2026-11-15" });
    expect(presetRange("last30", "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
  });

  it("compares a calendar period with the same stretch one period back", () => {
    expect(previousRange("month", { from: "2026-11-01", to: "2026-11-15" })).toEqual({
      from: "2026-10-01",
      to: "2026-10-15",
    });
    expect(previousRange("month", { from: "2026-03-01", to: "2026-03-31" })).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(previousRange("month", { from: "2026-01-01", to: "2026-01-20" })).toEqual({
      from: "2025-12-01",
      to: "2025-12-20",
    });
    expect(previousRange("quarter", { from: "2026-10-01", to: "2026-12-31" })).toEqual({
      from: "2026-07-01",
      to: "2026-09-30",
    });
    expect(previousRange("year", { from: "2028-01-01", to: "2028-02-29" })).toEqual({
      from: "2027-01-01",
      to: "2027-02-28",
    });
  });

  it("compares the last 30 days and a custom range with as many days just before", () => {
    expect(previousRange("last30", { from: "2026-11-01", to: "2026-11-30" })).toEqual({
      from: "2026-10-02",
      to: "2026-10-31",
    });
    expect(previousRange("custom", { from: "2026-03-01", to: "2026-03-01" })).toEqual({
      from: "2026-02-28",
      to: "2026-02-28",
    });
  });

  it("reads the period from the URL, falling back to this month", () => {
    const read = (q: string) => periodFromParams(new URLSearchParams(q));
    expect(read("")).toEqual({ preset: "month" });
    expect(read("period=quarter")).toEqual({ preset: "quarter" });
    expect(read("period=decade")).toEqual({ preset: "month" });
    expect(read("period=custom&from=2026-01-05&to=2026-02-01")).toEqual({
      preset: "custom",
      range: { from: "2026-01-05", to: "2026-02-01" },
    });
    expect(read("period=custom&from=2026-02-05&to=2026-02-01")).toEqual({ preset: "month" });
    expect(read("period=custom&from=2026-02-30&to=2026-03-01")).toEqual({ preset: "month" });
    expect(rangeOf({ preset: "year" }, "2026-06-01")).toEqual({
      from: "2026-01-01",
      to: "2026-06-01",
    });
  });
});
