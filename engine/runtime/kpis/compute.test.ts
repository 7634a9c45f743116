import { describe, expect, it } from "vitest";
import type {
  CompletedInstanceRow,
  KpiRecordRow,
  RecordVersionRow,
  TierChangeRow,
} from "../../store/index.ts";
import {
  churnOf,
  computeKpis,
  dateValueOf,
  highValueTest,
  ltvChange,
  npsChange,
  npsOf,
  resolutionOf,
  revenueOf,
  slaOf,
  tiersOf,
} from "./compute.ts";
import { DEFAULT_KPI_CONFIG, type KpiConfig } from "./config.ts";
import { dataTimeline, tierTimeline } from "./timeline.ts";

const DAY = 86_400_000;
/** The period: days 10 to 20 (UTC), as epoch ms. */
const period = { from: 10 * DAY, to: 20 * DAY };
const ZONE = "UTC";

const account = (id: string, createdAt: number, data: Record<string, unknown>): KpiRecordRow => ({
  recordId: id,
  ownerId: "kam",
  teamId: null,
  createdAt,
  data,
});
const version = (
  recordId: string,
  at: number,
  data: Record<string, unknown>,
): RecordVersionRow => ({
  recordId,
  at,
  data,
});
const change = (recordId: string, from: string | null, to: string, at: number): TierChangeRow => ({
  recordId,
  from,
  to,
  at,
  ownerId: "kam",
  teamId: null,
});
const instance = (
  id: string,
  startedAt: number,
  completedAt: number,
  extra: Partial<CompletedInstanceRow> = {},
): CompletedInstanceRow => ({
  instanceId: id,
  flowKey: "ticket",
  outcome: "resolved",
  startedAt,
  completedAt,
  recordId: null,
  ownerId: null,
  teamId: null,
  ...extra,
});

describe("NPS", () => {
  it("is % promoters − % detractors over 0–10 scores, ignoring what is no score", () => {
    expect(npsOf([10, 9, 8, 7, 6, 0, "9", null, 11, -1, Number.NaN])).toEqual({
      score: ((2 - 2) / 6) * 100,
      responses: 6,
      promoters: 2,
      passives: 2,
      detractors: 2,
    });
    expect(npsOf([9, 9, 9, 5])).toMatchObject({ score: 50, responses: 4 });
    expect(npsOf([]).score).toBeNull();
  });

  it("reads the scores in force at the start and at the end of the period", () => {
    const accounts = [
      account("a", 1 * DAY, { nps: 10 }),
      account("b", 1 * DAY, { nps: 9 }),
      account("c", 15 * DAY, { nps: 3 }), // created in the period
    ];
    const timeline = dataTimeline([
      version("a", 1 * DAY, { nps: 5 }),
      version("a", 12 * DAY, { nps: 10 }),
      version("b", 1 * DAY, { nps: 9 }),
      version("c", 15 * DAY, { nps: 3 }),
    ]);
    const figure = npsChange(accounts, timeline, "nps", period);
    // End: 10, 9, 3 → 2 promoters, 1 detractor of 3. Start: 5, 9 → 1 and 1 of 2.
    expect(figure).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
    expect(figure.score).toBe((1 / 3) * 100);
    expect(figure.start).toMatchObject({ score: 0, responses: 2 });
    expect(figure.change).toBe((1 / 3) * 100);
    expect(npsChange(accounts, timeline, null, period)).toMatchObject({
      score: null,
      change: null,
    });
  });
});

describe("timelines", () => {
  it("read a record's data from its last version before the moment, else its current data", () => {
    const a = account("a", 1 * DAY, { v: "now" });
    const timeline = dataTimeline([
      version("a", 5 * DAY, { v: 2 }),
      version("a", 1 * DAY, { v: 1 }),
    ]);
    expect(timeline.dataAt(a, 1 * DAY)).toBeUndefined(); // created at, not before
    expect(timeline.dataAt(a, 1 * DAY + 1)).toEqual({ v: 1 });
    expect(timeline.dataAt(a, 5 * DAY)).toEqual({ v: 1 });
    expect(timeline.dataAt(a, 6 * DAY)).toEqual({ v: 2 });
    expect(dataTimeline([]).dataAt(a, 6 * DAY)).toEqual({ v: "now" });
  });

  it("read a tier from the last change before the moment", () => {
    const tiers = tierTimeline([change("a", null, "x", 1 * DAY), change("a", "x", "y", 5 * DAY)]);
    expect(tiers.tierAt("a", 1 * DAY)).toBeNull();
    expect(tiers.tierAt("a", 2 * DAY)).toBe("x");
    expect(tiers.tierAt("a", 6 * DAY)).toBe("y");
    expect(tiers.tierAt("b", 6 * DAY)).toBeNull();
  });
});

describe("LTV change", () => {
  it("sums the LTV of the accounts existing at the start and at the end", () => {
    const accounts = [
      account("a", 1 * DAY, { ltv: 300 }),
      account("b", 15 * DAY, { ltv: 50 }),
      account("c", 1 * DAY, {}),
    ];
    const timeline = dataTimeline([
      version("a", 1 * DAY, { ltv: 100 }),
      version("a", 11 * DAY, { ltv: 300 }),
      version("b", 15 * DAY, { ltv: 50 }),
      version("c", 1 * DAY, { ltv: "lots" }),
    ]);
    expect(ltvChange(accounts, timeline, "ltv", period)).toEqual({
      start: 100,
      end: 350,
      change: 250,
      changeRate: 2.5,
    });
    expect(ltvChange(accounts, timeline, null, period)).toEqual({
      start: 0,
      end: 0,
      change: 0,
      changeRate: null,
    });
  });
});

describe("churn of high-value accounts", () => {
  const fields = { ...DEFAULT_KPI_CONFIG.accounts, contractEndField: "end", churnedField: null };
  const byField = (tiers: string[]) =>
    ({ source: "field", key: "tier", tiers }) as KpiConfig["highValue"];

  const accounts = [
    account("ends-in", 1 * DAY, { tier: "key", end: "1970-01-15" }), // churns
    account("extended", 1 * DAY, { tier: "key", end: "1971-01-01" }), // extended in the period
    account("ended-before", 1 * DAY, { tier: "key", end: "1970-01-05" }), // not in the base
    account("low", 1 * DAY, { tier: "regular", end: "1970-01-15" }), // not high value
    account("new", 12 * DAY, { tier: "key", end: "1970-01-15" }), // did not exist at the start
    account("no-end", 1 * DAY, { tier: "key" }),
    account("ends-on-to", 1 * DAY, { tier: "key", end: "1970-01-21" }), // 20 days → day 20: after
  ];
  const timeline = dataTimeline([
    version("extended", 1 * DAY, { tier: "key", end: "1970-01-15" }),
    version("extended", 12 * DAY, { tier: "key", end: "1971-01-01" }),
  ]);

  it("divides the base's churned accounts by the base, with contract ends read in the zone", () => {
    const hv = highValueTest(byField(["strategic", "key"]), timeline, tierTimeline([]));
    // Base: ends-in, extended, no-end, ends-on-to. Churned: ends-in.
    expect(churnOf(accounts, timeline, fields, hv, period, ZONE)).toEqual({
      highValueAtStart: 4,
      churned: 1,
      rate: 1 / 4,
    });
  });

  it("counts only flagged accounts when a churned flag is configured", () => {
    const flagged = [
      account("a", 1 * DAY, { tier: "key", end: "1970-01-15", lost: true }),
      account("b", 1 * DAY, { tier: "key", end: "1970-01-15" }),
    ];
    const hv = highValueTest(byField(["key"]), timeline, tierTimeline([]));
    expect(
      churnOf(flagged, dataTimeline([]), { ...fields, churnedField: "lost" }, hv, period, ZONE),
    ).toEqual({ highValueAtStart: 2, churned: 1, rate: 0.5 });
    // Only a flag: churned once flagged during the period.
    const flagOnly = { ...fields, contractEndField: null, churnedField: "lost" };
    const history = dataTimeline([
      version("a", 1 * DAY, { tier: "key" }),
      version("a", 15 * DAY, { tier: "key", lost: true }),
    ]);
    expect(churnOf(flagged, history, flagOnly, hv, period, ZONE)).toEqual({
      highValueAtStart: 2,
      churned: 1,
      rate: 0.5,
    });
    const neither = { ...fields, contractEndField: null, churnedField: null };
    expect(churnOf(flagged, history, neither, hv, period, ZONE).rate).toBeNull();
  });

  it("reads high value from a tier model's history when configured so", () => {
    const tiers = tierTimeline([
      change("ends-in", null, "gold", 2 * DAY),
      change("extended", null, "silver", 2 * DAY),
      change("extended", "silver", "gold", 12 * DAY), // gold only after the start
    ]);
    const hv = highValueTest({ source: "model", key: "value", tiers: ["gold"] }, timeline, tiers);
    expect(churnOf(accounts, timeline, fields, hv, period, ZONE)).toEqual({
      highValueAtStart: 1,
      churned: 1,
      rate: 1,
    });
  });

  it("reads dates, instants and epoch milliseconds", () => {
    expect(dateValueOf("2026-11-01", "Asia/Shanghai")).toBe(Date.UTC(2026, 9, 31, 16));
    expect(dateValueOf("2026-11-01T00:00:00Z", ZONE)).toBe(Date.UTC(2026, 10, 1));
    expect(dateValueOf(5, ZONE)).toBe(5);
    expect(dateValueOf("soon", ZONE)).toBeNull();
    expect(dateValueOf(true, ZONE)).toBeNull();
  });
});

describe("upsell/cross-sell revenue", () => {
  const orders = [
    account("o1", 11 * DAY, { category: "order", amount: 100 }),
    account("o2", 12 * DAY, { category: "order", amount: 250 }),
    account("q", 12 * DAY, { category: "question", amount: 999 }),
    account("o3", 12 * DAY, { category: "order" }),
  ];

  it("adds the amounts of matching records created in the period", () => {
    const config = { ...DEFAULT_KPI_CONFIG.revenue, approval: null };
    expect(revenueOf(config, orders, [], period)).toEqual({ total: 350, count: 3 });
    expect(revenueOf({ ...config, match: {} }, orders, [], period)).toEqual({
      total: 1349,
      count: 4,
    });
    const early = [account("o0", 9 * DAY, { category: "order", amount: 5 })];
    expect(revenueOf(config, early, [], period)).toEqual({ total: 0, count: 0 });
  });

  it("books a record once its approval flow ended with the outcome", () => {
    const config = {
      ...DEFAULT_KPI_CONFIG.revenue,
      approval: { flow: "order-approval", outcome: "approved" },
    };
    const approvals = [
      instance("i1", 11 * DAY, 13 * DAY, {
        flowKey: "order-approval",
        outcome: "approved",
        recordId: "o1",
      }),
      instance("i1b", 13 * DAY, 14 * DAY, {
        flowKey: "order-approval",
        outcome: "approved",
        recordId: "o1",
      }),
      instance("i2", 12 * DAY, 13 * DAY, {
        flowKey: "order-approval",
        outcome: "rejected",
        recordId: "o2",
      }),
      instance("i3", 12 * DAY, 13 * DAY, {
        flowKey: "other",
        outcome: "approved",
        recordId: "o3",
      }),
    ];
    expect(revenueOf(config, orders, approvals, period)).toEqual({ total: 100, count: 1 });
  });
});

describe("resolution time and SLA", () => {
  it("averages and takes the median of start → completion", () => {
    expect(resolutionOf([])).toEqual({ count: 0, averageMs: null, medianMs: null });
    expect(
      resolutionOf([instance("a", 0, 10), instance("b", 0, 40), instance("c", 5, 25)]),
    ).toEqual({ count: 3, averageMs: 70 / 3, medianMs: 20 });
    expect(resolutionOf([instance("a", 0, 10), instance("b", 0, 40)])).toEqual({
      count: 2,
      averageMs: 25,
      medianMs: 25,
    });
  });

  it("divides breaches by targets decided", () => {
    const at = (kind: "sla.met" | "sla.breached") => ({
      kind,
      at: 0,
      recordId: null,
      ownerId: null,
      teamId: null,
    });
    expect(slaOf([at("sla.met"), at("sla.breached"), at("sla.met"), at("sla.met")])).toEqual({
      met: 3,
      breached: 1,
      breachRate: 0.25,
    });
    expect(slaOf([]).breachRate).toBeNull();
  });
});

describe("tiers", () => {
  it("counts tiers at the end in the model's order, and net moves from start to end", () => {
    const timeline = tierTimeline([
      change("a", null, "healthy", 1 * DAY),
      change("a", "healthy", "watch", 12 * DAY), // healthy → watch
      change("b", null, "watch", 1 * DAY),
      change("b", "watch", "at-risk", 12 * DAY),
      change("b", "at-risk", "watch", 14 * DAY), // back: no move
      change("c", null, "at-risk", 15 * DAY), // new: null → at-risk
      change("d", null, "healthy", 1 * DAY),
      change("d", "healthy", "watch", 13 * DAY), // healthy → watch
      change("e", null, "legacy", 1 * DAY),
      change("f", null, "healthy", 25 * DAY), // after the end
    ]);
    expect(tiersOf(timeline, ["healthy", "watch", "at-risk"], period)).toEqual({
      distribution: [
        { tier: "healthy", count: 0 },
        { tier: "watch", count: 3 },
        { tier: "at-risk", count: 1 },
        { tier: "legacy", count: 1 },
      ],
      movement: [
        { from: "healthy", to: "watch", count: 2 },
        { from: null, to: "at-risk", count: 1 },
      ],
    });
  });
});

describe("computeKpis", () => {
  it("puts every figure together from the configuration", () => {
    const figures = computeKpis({
      config: DEFAULT_KPI_CONFIG,
      period,
      zone: ZONE,
      accounts: [account("a", 1 * DAY, { nps: 9, annualPurchase: 10, tier: "key" })],
      accountVersions: [],
      tierChanges: [],
      highValueChanges: [],
      modelTiers: ["healthy"],
      revenueRecords: [],
      approvals: [],
      tickets: [],
      sla: [],
    });
    expect(figures).toEqual({
      nps: {
        score: 100,
        responses: 1,
        promoters: 1,
        passives: 0,
        detractors: 0,
        start: { score: 100, responses: 1, promoters: 1, passives: 0, detractors: 0 },
        change: 0,
      },
      churn: { highValueAtStart: 1, churned: 0, rate: 0 },
      revenue: { total: 0, count: 0 },
      ltv: { start: 10, end: 10, change: 0, changeRate: 0 },
      resolution: { count: 0, averageMs: null, medianMs: null },
      sla: { met: 0, breached: 0, breachRate: null },
      tiers: {
        model: "account-health",
        distribution: [{ tier: "healthy", count: 0 }],
        movement: [],
      },
    });
  });
});
