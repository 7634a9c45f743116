/**
 * The sample-data generator: seeded and repeatable, children per parent within their bounds,
 * references only to earlier records, owners round-robin, presence probabilities, and a revenue
 * distribution with a long tail (median near the spec's, a few far above, all within bounds).
 */
import { describe, expect, it } from "vitest";
import type { TemplateSampleData } from "../../schemas/template-sample-data.schema.ts";
import { planSampleData } from "./sample-data.ts";

const NOW = Date.UTC(2026, 10, 23, 1);

const spec = {
  kind: "sample-data",
  seed: 11,
  people: [
    { key: "a", name: "王磊", email: "a@example.com", role: "member", businessRoles: ["kam"] },
    { key: "b", name: "李娜", email: "b@example.com", role: "member", businessRoles: ["kam"] },
  ],
  records: [
    {
      form: "account",
      accounts: true,
      count: 5,
      owner: { role: "kam" },
      fields: {
        name: { gen: "company" },
        revenue: { gen: "long-tail", min: 10_000, median: 400_000, max: 50_000_000 },
        region: { gen: "pick", values: ["east", "north"], weights: [9, 1] },
        since: { gen: "date", fromDays: -30, toDays: -1 },
        phone: { gen: "phone", present: 0.5 },
        code: { gen: "sequence", prefix: "A-" },
      },
    },
    {
      form: "contact",
      per: { form: "account", min: 2, max: 4 },
      fields: {
        account: { gen: "parent" },
        reportsTo: { gen: "earlier-sibling" },
        title: { gen: "text", pattern: "{parent.name} 联系人 {n}" },
      },
    },
  ],
} as unknown as TemplateSampleData;

describe("planSampleData", () => {
  it("is repeatable: the same spec, seed and day give the same plan", () => {
    expect(planSampleData(spec, { now: NOW })).toEqual(planSampleData(spec, { now: NOW }));
    const other = planSampleData(spec, { now: NOW, seed: 12 });
    expect(other.records).not.toEqual(planSampleData(spec, { now: NOW }).records);
  });

  it("makes the accounts asked for, 2–4 contacts each pointing at their account and earlier siblings", () => {
    const plan = planSampleData(spec, { now: NOW, accounts: 40 });
    const accounts = plan.records.filter((r) => r.form === "account");
    const contacts = plan.records.filter((r) => r.form === "contact");
    expect(accounts).toHaveLength(40);
    const perAccount = new Map<number, number>();
    for (const c of contacts) {
      const parent = (c.refs.account as { record: number }).record;
      expect(plan.records[parent]?.form).toBe("account");
      perAccount.set(parent, (perAccount.get(parent) ?? 0) + 1);
      const boss = c.refs.reportsTo as { record: number } | undefined;
      if (boss) {
        expect(boss.record).toBeLessThan(c.index);
        expect(plan.records[boss.record]?.refs.account).toEqual({ record: parent });
      }
      expect(c.data.title).toBe(
        `${plan.records[parent]?.data.name} 联系人 ${(c.data.title as string).split(" ").at(-1)}`,
      );
    }
    expect(perAccount.size).toBe(40);
    for (const n of perAccount.values()) expect(n).toBeGreaterThanOrEqual(2);
    for (const n of perAccount.values()) expect(n).toBeLessThanOrEqual(4);
    expect(new Set(accounts.map((a) => a.owner?.turn))).toEqual(new Set(accounts.map((_, i) => i)));
    expect(new Set(accounts.map((a) => a.data.name)).size).toBe(40);
    expect(accounts[2]?.data.code).toBe("A-0003");
  });

  it("spreads revenue with a long tail within its bounds, and honours weights and presence", () => {
    const accounts = planSampleData(spec, { now: NOW, accounts: 2000 }).records.filter(
      (r) => r.form === "account",
    );
    const revenue = accounts.map((a) => a.data.revenue as number).sort((x, y) => x - y);
    const median = revenue[1000] as number;
    expect(median).toBeGreaterThan(300_000);
    expect(median).toBeLessThan(550_000);
    expect(revenue[0]).toBeGreaterThanOrEqual(10_000);
    expect(revenue.at(-1)).toBeLessThanOrEqual(50_000_000);
    // The top 1% is far above the median: a long tail, not a bell around it.
    expect(revenue[1980] as number).toBeGreaterThan(median * 8);
    const east = accounts.filter((a) => a.data.region === "east").length;
    expect(east / accounts.length).toBeGreaterThan(0.85);
    const phones = accounts.filter((a) => a.data.phone !== undefined);
    expect(phones.length / accounts.length).toBeGreaterThan(0.4);
    expect(phones.length / accounts.length).toBeLessThan(0.6);
    for (const a of phones) expect(a.data.phone).toMatch(/^1[3589]\d{9}$/);
    for (const a of accounts) {
      const since = a.data.since as string;
      expect(since >= "2026-10-24" && since <= "2026-11-22").toBe(true);
    }
  });
});
