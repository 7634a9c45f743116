import { describe, expect, it } from "vitest";
import { countdown, durationParts, urgencyOf } from "./inbox-time.ts";

const MIN = 60_000;
const units = { d: "d", h: "h", min: "min" };

describe("durationParts", () => {
  it("keeps the two largest units", () => {
    expect(durationParts(2 * 1440 * MIN + 3 * 60 * MIN + 7 * MIN)).toEqual([
      { unit: "d", value: 2 },
      { unit: "h", value: 3 },
    ]);
    expect(durationParts(65 * MIN)).toEqual([
      { unit: "h", value: 1 },
      { unit: "min", value: 5 },
    ]);
    expect(durationParts(30_000)).toEqual([{ unit: "min", value: 1 }]);
    expect(durationParts(-90 * MIN)).toEqual([
      { unit: "h", value: 1 },
      { unit: "min", value: 30 },
    ]);
  });
});

describe("countdown and urgency", () => {
  const now = Date.UTC(2026, 11, 7, 9);
  it("says how long is left, or how long it is overdue", () => {
    expect(countdown(now + 65 * MIN, now, units, "{{time}} left", "overdue {{time}}")).toBe(
      "1 h 5 min left",
    );
    expect(countdown(now - 3 * 1440 * MIN, now, units, "{{time}} left", "overdue {{time}}")).toBe(
      "overdue 3 d",
    );
  });
  it("is overdue at the deadline, soon within the hour", () => {
    expect(urgencyOf(now, now)).toBe("overdue");
    expect(urgencyOf(now + 60 * MIN, now)).toBe("soon");
    expect(urgencyOf(now + 61 * MIN, now)).toBe("later");
    expect(urgencyOf(null, now)).toBe("none");
  });
});
