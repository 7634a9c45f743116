/**
 * kamflow's custom operators: their semantics, and agreement with json-logic-js when the same
 * implementations are registered there.
 */
import { describe, expect, it } from "vitest";
import { manualClock } from "../ports.ts";
import { createRuleEngine, RuleError } from "./index.ts";
import { REFERENCE_NOW, referenceClock, referenceLogic } from "./testing/reference.ts";

const engine = createRuleEngine({ clock: referenceClock });
const run = (rule: unknown, data: unknown = {}) => engine.compile(rule)(data);

describe("custom operators", () => {
  it("now reads the injected clock", () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const e = createRuleEngine({ clock });
    const now = e.compile({ now: [] });
    expect(now({})).toBe("2026-01-01T00:00:00.000Z");
    clock.advance(86_400_000);
    expect(now({})).toBe("2026-01-02T00:00:00.000Z");
  });

  it("fails with RULE_EVAL_FAILED when a rule needs the time and there is no clock", () => {
    const e = createRuleEngine();
    expect(() => e.compile({ now: [] })({})).toThrow(RuleError);
  });

  it("days_since counts calendar days in the engine's zone, whole days for instants", () => {
    // REFERENCE_NOW is 2026-11-23T04:00Z = 12:00 in Shanghai.
    expect(run({ days_since: "2026-11-23" })).toBe(0);
    expect(run({ days_since: "2026-10-24" })).toBe(30);
    expect(run({ days_since: "2026-11-22T04:00:01Z" })).toBe(0);
    expect(run({ days_since: "2026-11-22T04:00:00Z" })).toBe(1);
    expect(run({ days_since: "2026-11-24" })).toBe(-1);
    expect(run({ days_since: null })).toBeNull();
    expect(run({ days_since: "not a date" })).toBeNull();
    expect(run({ days_since: "2026-02-30" })).toBeNull();
    // At 23:30 UTC on the 22nd it is already the 23rd in Shanghai.
    const late = createRuleEngine({ clock: manualClock(Date.UTC(2026, 10, 22, 23, 30)) });
    expect(late.compile({ days_since: "2026-11-22" })({})).toBe(1);
    const utc = createRuleEngine({
      clock: manualClock(Date.UTC(2026, 10, 22, 23, 30)),
      timeZone: "UTC",
    });
    expect(utc.compile({ days_since: "2026-11-22" })({})).toBe(0);
  });

  it("date_add keeps the input's form and clamps month ends", () => {
    expect(run({ date_add: ["2026-01-31", 1, "months"] })).toBe("2026-02-28");
    expect(run({ date_add: ["2028-01-31", 1, "month"] })).toBe("2028-02-29");
    expect(run({ date_add: ["2026-11-23", 72, "hours"] })).toBe("2026-11-26T00:00:00.000Z");
    expect(run({ date_add: ["2026-11-23", -3, "months"] })).toBe("2026-08-23");
    expect(run({ date_add: ["2026-11-23T08:00:00+08:00", 2, "hours"] })).toBe(
      "2026-11-23T02:00:00.000Z",
    );
    expect(run({ date_add: ["2026-11-23", 1, "fortnights"] })).toBeNull();
  });

  it("date_diff truncates toward zero in calendar units", () => {
    // Consistent with date_add: Jan 31 + 1 month is Feb 28, so that is one month later.
    expect(run({ date_diff: ["2026-01-31", "2026-02-28", "months"] })).toBe(1);
    expect(run({ date_diff: ["2026-01-31", "2026-02-27", "months"] })).toBe(0);
    expect(run({ date_diff: ["2026-01-31", "2026-03-31", "months"] })).toBe(2);
    expect(run({ date_diff: ["2026-11-23", "2026-08-23", "months"] })).toBe(-3);
    expect(run({ date_diff: ["2024-02-29", "2026-02-28", "years"] })).toBe(2);
    expect(run({ date_diff: ["2024-02-29", "2026-02-27", "years"] })).toBe(1);
    expect(run({ date_diff: ["2026-11-01", "2026-11-23", "days"] })).toBe(22);
    expect(run({ date_diff: ["2026-11-23T00:00:00Z", "2026-11-23T02:30:00Z", "hours"] })).toBe(2);
  });

  it("round is decimal-correct, half away from zero", () => {
    expect(run({ round: [1.005, 2] })).toBe(1.01);
    expect(run({ round: [2.5] })).toBe(3);
    expect(run({ round: [-2.5] })).toBe(-3);
    expect(run({ round: [59.995, 2] })).toBe(60);
    expect(run({ round: [1234.5678, -2] })).toBe(1200);
    expect(run({ round: [1e-7, 2] })).toBe(0);
    expect(run({ round: [null] })).toBeNull();
  });

  it("coalesce, between, lookup", () => {
    expect(run({ coalesce: [null, { var: "a" }, 0, 5] })).toBe(0);
    expect(run({ coalesce: [null] })).toBeNull();
    expect(run({ between: [80, 60, 80] })).toBe(true);
    expect(run({ between: [80, 60, 80, "[)"] })).toBe(false);
    expect(run({ between: [60, 60, 80, "(]"] })).toBe(false);
    expect(run({ between: [null, 0, 1] })).toBe(false);
    expect(run({ lookup: [{ var: "t" }, "key", 0] }, { t: { key: 3, growth: 2 } })).toBe(3);
    expect(run({ lookup: [{ var: "t" }, "other", 0] }, { t: { key: 3 } })).toBe(0);
    expect(run({ lookup: [["a", "b"], 1] })).toBe("b");
  });

  it("give the same results on json-logic-js with the same implementations registered", () => {
    const reference = referenceLogic();
    const rules = [
      { days_since: "2026-10-24" },
      { date_add: ["2026-01-31", 1, "months"] },
      { date_diff: ["2026-01-31", "2026-03-31", "months"] },
      { round: [{ "*": [{ var: "x" }, 100] }, 1] },
      { coalesce: [{ var: "missing" }, { var: "x" }] },
      { between: [{ var: "x" }, 0, 1] },
      { lookup: [{ var: "t" }, { var: "k" }, "none"] },
      { now: [] },
    ];
    const data = { x: 0.3333, t: { a: 1 }, k: "a" };
    for (const rule of rules) {
      expect(run(rule, data)).toEqual(reference.apply(rule as never, data as never));
    }
    expect(run({ now: [] })).toBe(new Date(REFERENCE_NOW).toISOString());
  });
});
