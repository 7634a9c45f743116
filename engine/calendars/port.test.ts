import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "./create.ts";
import { calendarPort } from "./port.ts";

describe("calendarPort", () => {
  const port = calendarPort(createBusinessCalendar());
  const friday17 = Date.parse("2026-03-06T17:00:00+08:00");

  it("counts business durations in working time and natural ones as elapsed time", () => {
    expect(port.add(friday17, "PT2H", "business")).toBe(Date.parse("2026-03-09T10:00:00+08:00"));
    expect(port.add(friday17, "PT2H", "natural")).toBe(friday17 + 2 * 3_600_000);
    expect(port.add(friday17, "P1M", "natural")).toBe(Date.parse("2026-04-06T17:00:00+08:00"));
  });

  it("answers null for durations the calendar cannot count", () => {
    expect(port.add(friday17, "P1M", "business")).toBeNull();
    expect(port.add(friday17, "tomorrow", "business")).toBeNull();
    expect(port.add(friday17, "PT", "natural")).toBeNull();
  });
});
