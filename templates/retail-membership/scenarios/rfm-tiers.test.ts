/**
 * RFM tiering (member-rfm): R, F and M each score 1–5 at fixed band edges; the score
 * 0.2·R + 0.3·F + 0.5·M gives VIP (≥ 4.00), growth (3.00–3.99) or regular (< 3.00). Recency is
 * counted on the simulated clock, so a member's tier moves as days pass and with a new purchase.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY, openScenario, type Scenario } from "../../testing/scenario.ts";
import { daysAgo, member, rfm } from "./support.ts";

let s: Scenario;
beforeEach(async () => {
  s = await openScenario("retail-membership");
});
afterEach(async () => {
  await s.close();
});

const create = async (name: string, fields: Parameters<typeof member>[1]) =>
  (await s.createRecord("member", member(name, fields), { as: "sh-advisor-1" })).id;

describe("retail-membership: RFM scores and tiers", () => {
  it("scores recency 5/4/3/2/1 at 15 | 16, 30 | 31, 60 | 61, 120 | 121 days", async () => {
    // F = 4 (5 purchases) and M = 4 (CNY 8,000) fixed: the score is 3.20 + 0.2·R.
    const cases: Array<[number | null, number, number, string]> = [
      [0, 5, 4.2, "vip"],
      [15, 5, 4.2, "vip"],
      [16, 4, 4.0, "vip"],
      [30, 4, 4.0, "vip"],
      [31, 3, 3.8, "growth"],
      [60, 3, 3.8, "growth"],
      [61, 2, 3.6, "growth"],
      [120, 2, 3.6, "growth"],
      [121, 1, 3.4, "growth"],
      [null, 1, 3.4, "growth"],
    ];
    for (const [days, r, score, tier] of cases) {
      const id = await create(`陈${days ?? "无"}天`, {
        ...(days === null ? {} : { lastPurchaseDate: daysAgo(s, days) }),
        purchaseCount12m: 5,
        spend12m: 8000,
      });
      expect(await rfm(s, id), `${days} days`).toEqual({ score, tier, r, f: 4, m: 4 });
    }
  });

  it("scores frequency 1/2/3/4/5 at 1 | 2, 2 | 3, 4 | 5, 8 | 9 purchases", async () => {
    const cases: Array<[number | undefined, number]> = [
      [undefined, 1],
      [0, 1],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 3],
      [5, 4],
      [8, 4],
      [9, 5],
      [40, 5],
    ];
    for (const [count, f] of cases) {
      const id = await create(`李${count ?? "无"}次`, {
        lastPurchaseDate: daysAgo(s, 5),
        ...(count === undefined ? {} : { purchaseCount12m: count }),
        spend12m: 500,
      });
      expect((await rfm(s, id)).f, `${count} purchases`).toBe(f);
    }
  });

  it("scores monetary 1/2/3/4/5 at CNY 1,000, 3,000, 8,000 and 20,000", async () => {
    const cases: Array<[number, number]> = [
      [0, 1],
      [999.99, 1],
      [1000, 2],
      [2999.99, 2],
      [3000, 3],
      [7999.99, 3],
      [8000, 4],
      [19999.99, 4],
      [20000, 5],
      [380000, 5],
    ];
    for (const [spend, m] of cases) {
      const id = await create(`王${spend}元`, {
        lastPurchaseDate: daysAgo(s, 5),
        purchaseCount12m: 1,
        spend12m: spend,
      });
      expect((await rfm(s, id)).m, `CNY ${spend}`).toBe(m);
    }
  });

  it("puts exactly 4.00 in VIP and exactly 3.00 in growth, and one step below them lower", async () => {
    // R4 F4 M4 = 0.8 + 1.2 + 2.0 = 4.00 → VIP; one recency day more (R3) = 3.80 → growth.
    const vip = await create("赵雅婷", {
      lastPurchaseDate: daysAgo(s, 30),
      purchaseCount12m: 5,
      spend12m: 8000,
    });
    const belowVip = await create("钱慧敏", {
      lastPurchaseDate: daysAgo(s, 31),
      purchaseCount12m: 5,
      spend12m: 8000,
    });
    // R3 F3 M3 = 0.6 + 0.9 + 1.5 = 3.00 → growth; R2 (61 days) = 2.80 → regular.
    const growth = await create("孙丽娟", {
      lastPurchaseDate: daysAgo(s, 60),
      purchaseCount12m: 3,
      spend12m: 3000,
    });
    const belowGrowth = await create("周建国", {
      lastPurchaseDate: daysAgo(s, 61),
      purchaseCount12m: 3,
      spend12m: 3000,
    });
    // One yuan less (M2): 0.6 + 0.9 + 1.0 = 2.50 → regular.
    const lessSpend = await create("吴晓峰", {
      lastPurchaseDate: daysAgo(s, 60),
      purchaseCount12m: 3,
      spend12m: 2999,
    });
    expect(await rfm(s, vip)).toMatchObject({ score: 4, tier: "vip" });
    expect(await rfm(s, belowVip)).toMatchObject({ score: 3.8, tier: "growth" });
    expect(await rfm(s, growth)).toMatchObject({ score: 3, tier: "growth" });
    expect(await rfm(s, belowGrowth)).toMatchObject({ score: 2.8, tier: "regular" });
    expect(await rfm(s, lessSpend)).toMatchObject({ score: 2.5, tier: "regular" });
  });

  it("re-tiers as days pass on the clock, and a new purchase restores the tier", async () => {
    const id = await create("郑美玲", {
      lastPurchaseDate: daysAgo(s, 0),
      purchaseCount12m: 5,
      spend12m: 8000,
    });
    expect(await rfm(s, id)).toMatchObject({ score: 4.2, tier: "vip", r: 5 });

    // Day 30: the 03:00 refresh (member-rfm-refresh) re-tiers with R4 → 4.00, still VIP.
    await s.advance(30 * DAY);
    expect(await rfm(s, id)).toMatchObject({ score: 4, tier: "vip", r: 4 });

    // Day 31: R3 → 3.80, growth, with no write to the member.
    await s.advance(DAY);
    expect(await rfm(s, id)).toMatchObject({ score: 3.8, tier: "growth", r: 3 });

    // A purchase today moves the member's last purchase date (purchase-posting) → R5, VIP.
    await s.createRecord(
      "purchase",
      { member: id, date: daysAgo(s, 0), amount: 1280, channel: "store" },
      { as: "sh-frontdesk" },
    );
    const stored = await s.engine.records.get(s.ws, id);
    expect(stored?.data.lastPurchaseDate).toBe(daysAgo(s, 0));
    expect(await rfm(s, id)).toMatchObject({ score: 4.2, tier: "vip", r: 5 });

    // An older purchase keyed in late does not move the date back.
    await s.createRecord(
      "purchase",
      { member: id, date: daysAgo(s, 40), amount: 300, channel: "tmall" },
      { as: "sh-frontdesk" },
    );
    expect((await s.engine.records.get(s.ws, id))?.data.lastPurchaseDate).toBe(daysAgo(s, 0));
  });
});
