import { describe, expect, it } from "vitest";
import { DEFAULT_KPI_CONFIG, KPI_FIGURES, unmeasuredOf } from "./config.ts";

const everything = new Set([
  "form/account",
  "form/service-ticket",
  "tier-model/account-health",
  "flow/strategic-ticket",
  "flow/order-approval",
]);

describe("unmeasuredOf", () => {
  it("measures everything the defaults name when it is all published", () => {
    expect(unmeasuredOf(DEFAULT_KPI_CONFIG, everything)).toEqual([]);
  });

  it("measures nothing in an empty workspace", () => {
    expect(unmeasuredOf(DEFAULT_KPI_CONFIG, new Set())).toEqual([...KPI_FIGURES]);
  });

  it("leaves out what a null field or an unpublished source cannot give", () => {
    const published = new Set(["form/account", "flow/strategic-ticket"]);
    expect(unmeasuredOf(DEFAULT_KPI_CONFIG, published)).toEqual(["revenue", "tiers"]);
    const accounts = { ...DEFAULT_KPI_CONFIG.accounts, npsField: null, ltvField: null };
    expect(unmeasuredOf({ ...DEFAULT_KPI_CONFIG, accounts }, everything)).toEqual(["nps", "ltv"]);
    // Churn needs a contract end or a churned flag, and a published high-value model.
    const noChurn = { ...accounts, npsField: "nps", ltvField: "ltv", contractEndField: null };
    expect(unmeasuredOf({ ...DEFAULT_KPI_CONFIG, accounts: noChurn }, everything)).toEqual([
      "churn",
    ]);
    const byModel = {
      ...DEFAULT_KPI_CONFIG,
      highValue: { source: "model" as const, key: "account-tier", tiers: ["key"] },
    };
    expect(unmeasuredOf(byModel, everything)).toEqual(["churn"]);
    expect(unmeasuredOf(byModel, new Set([...everything, "tier-model/account-tier"]))).toEqual([]);
    // Revenue booked on approval needs the approval flow; SLA needs some flow.
    const noFlows = new Set(["form/account", "form/service-ticket", "tier-model/account-health"]);
    expect(unmeasuredOf(DEFAULT_KPI_CONFIG, noFlows)).toEqual(["revenue", "resolution", "sla"]);
    const onCreate = {
      ...DEFAULT_KPI_CONFIG,
      revenue: { ...DEFAULT_KPI_CONFIG.revenue, approval: null },
    };
    expect(unmeasuredOf(onCreate, noFlows)).toEqual(["resolution", "sla"]);
    expect(unmeasuredOf({ ...DEFAULT_KPI_CONFIG, tierModel: null }, everything)).toEqual(["tiers"]);
  });
});
