import { describe, expect, it } from "vitest";
import {
  CARDS,
  deltaOf,
  durationParts,
  type Formatter,
  flattenTeams,
  formatDelta,
  formatValue,
  type KpiReport,
  measuresNothing,
  teamOptions,
} from "./kpi-model.ts";

const en: Formatter = {
  language: "en",
  unit: (unit, value) => `${value} ${unit}`,
};

const report = (over: Partial<KpiReport> = {}): KpiReport => ({
  period: { from: 0, to: 1, timeZone: "Asia/Shanghai" },
  team: null,
  configured: true,
  unmeasured: [],
  nps: {
    score: 20,
    responses: 5,
    promoters: 2,
    passives: 2,
    detractors: 1,
    start: { score: 0, responses: 0, promoters: 0, passives: 0, detractors: 0 },
    change: null,
  },
  churn: { highValueAtStart: 4, churned: 1, rate: 0.25 },
  revenue: { total: 2_540_000, count: 3 },
  ltv: { start: 10, end: 12, change: 2, changeRate: 0.2 },
  resolution: { count: 2, averageMs: 95 * 60_000, medianMs: 95 * 60_000 },
  sla: { met: 2, breached: 1, breachRate: 1 / 3 },
  tiers: { model: "m", distribution: [], movement: [] },
  ...over,
});

describe("KPI cards", () => {
  it("reads each card's value from the report", () => {
    expect(CARDS.map((c) => [c.figure, c.value(report())])).toEqual([
      ["nps", 20],
      ["churn", 0.25],
      ["revenue", 2_540_000],
      ["ltv", 2],
      ["resolution", 95 * 60_000],
      ["sla", 1 / 3],
    ]);
  });

  it("colours a change by whether it is good: down is good for churn, breaches, resolution", () => {
    expect(deltaOf(30, 20, "up")).toEqual({ value: 10, direction: "up", tone: "good" });
    expect(deltaOf(10, 20, "up")).toEqual({ value: -10, direction: "down", tone: "bad" });
    expect(deltaOf(0.1, 0.25, "down")).toMatchObject({ direction: "down", tone: "good" });
    expect(deltaOf(0.3, 0.25, "down")).toMatchObject({ direction: "up", tone: "bad" });
    expect(deltaOf(0.25, 0.25, "down")).toEqual({ value: 0, direction: "flat", tone: "neutral" });
    expect(deltaOf(null, 0.25, "down")).toBeNull();
    expect(deltaOf(0.25, null, "down")).toBeNull();
    const bad = CARDS.filter((c) => c.better === "down").map((c) => c.figure);
    expect(bad).toEqual(["churn", "resolution", "sla"]);
  });

  it("formats values and deltas", () => {
    expect(formatValue(null, "percent", en)).toBe("—");
    expect(formatValue(1 / 3, "percent", en)).toBe("33.3%");
    expect(formatValue(-12.4, "score", en)).toBe("-12");
    expect(formatValue(2_540_000, "amount", en)).toBe("2.54M");
    expect(formatValue(95 * 60_000, "duration", en)).toBe("95 min");
    expect(formatValue(3 * 3_600_000, "duration", en)).toBe("3 h");
    expect(formatDelta(deltaOf(0.1, 0.25, "down")!, "percent", en)).toBe("−15 pp");
    expect(formatDelta(deltaOf(25, 20, "up")!, "score", en)).toBe("+5 points");
    expect(formatDelta(deltaOf(5, 5, "up")!, "amount", en)).toBe("±0");
    expect(formatDelta(deltaOf(60_000 * 30, 60_000 * 90, "down")!, "duration", en)).toBe("−60 min");
  });

  it("picks a duration's unit", () => {
    expect(durationParts(5 * 60_000)).toEqual({ value: 5, unit: "min" });
    expect(durationParts(150 * 60_000)).toEqual({ value: 2.5, unit: "h" });
    expect(durationParts(3 * 86_400_000)).toEqual({ value: 3, unit: "d" });
  });

  it("tells a workspace that measures nothing", () => {
    expect(measuresNothing(report())).toBe(false);
    expect(
      measuresNothing(
        report({ unmeasured: ["nps", "churn", "revenue", "ltv", "resolution", "sla", "tiers"] }),
      ),
    ).toBe(true);
  });

  it("turns the teams tree into options and a flat list", () => {
    const tree = [
      { id: "a", name: "A", children: [{ id: "a1", name: "A1", children: [] }] },
      { id: "b", name: "B" },
    ];
    expect(teamOptions(tree)).toEqual([
      { value: "a", title: "A", children: [{ value: "a1", title: "A1", children: [] }] },
      { value: "b", title: "B", children: [] },
    ]);
    expect(flattenTeams(tree)).toEqual([
      { id: "a", name: "A", depth: 0 },
      { id: "a1", name: "A1", depth: 1 },
      { id: "b", name: "B", depth: 0 },
    ]);
  });
});
