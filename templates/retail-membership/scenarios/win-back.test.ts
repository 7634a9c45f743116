/**
 * Win-back of lapsing high-value members (member-winback): every day at 09:00, a VIP or growth
 * member whose last purchase was 60 or more days ago gets a win-back task for their exclusive
 * advisor (once per lapse). The advisor proposes an offer (reminded after 3 untouched days), the
 * store manager (the manager of the member's owner, the advisor) approves it, and the advisor
 * records the outcome on the member.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY, HOUR, MIN, openScenario, type Scenario } from "../../testing/scenario.ts";
import { daysAgo, member } from "./support.ts";

let s: Scenario;
beforeEach(async () => {
  s = await openScenario("retail-membership");
});
afterEach(async () => {
  await s.close();
});

/** Win-back instances of a member that got past the eligibility check (running or done). */
async function winBacks(recordId: string) {
  const out = [];
  for (const i of await s.instances("member-winback")) {
    if (i.recordId !== recordId) continue;
    const history = await s.engine.instances.history(s.ws, i.id);
    if (JSON.stringify(history).includes('"mark"')) out.push(i);
  }
  return out;
}

async function tasksIn(person: string, recordId: string) {
  const ids = new Set((await winBacks(recordId)).map((i) => i.id));
  return (await s.inbox(person)).filter((t) => ids.has(t.instanceId));
}

const remindersTo = async (person: string, recordId: string) => {
  const ids = new Set((await winBacks(recordId)).map((i) => i.id));
  return (await s.notifications()).filter(
    (n) =>
      n.instanceId !== null && ids.has(n.instanceId) && n.to.includes(s.people[person] as string),
  );
};

const data = async (id: string) => (await s.engine.records.get(s.ws, id))?.data ?? {};

describe("retail-membership: win-back of lapsing high-value members", () => {
  it("starts for a VIP at day 60 and not 59, never for a regular member, and records the outcome", async () => {
    const vip = await s.createRecord(
      "member",
      member("欧阳静怡", {
        lastPurchaseDate: daysAgo(s, 0),
        purchaseCount12m: 14,
        spend12m: 68_000,
        advisor: s.people["sh-advisor-1"] as string,
      }),
      { as: "sh-advisor-1", owner: "sh-advisor-1" },
    );
    const regular = await s.createRecord(
      "member",
      member("马建军", {
        lastPurchaseDate: daysAgo(s, 0),
        purchaseCount12m: 1,
        spend12m: 460,
        advisor: s.people["sh-advisor-2"] as string,
      }),
      { as: "sh-advisor-2", owner: "sh-advisor-2" },
    );
    expect(await s.tier(vip.id, "member-rfm")).toBe("vip");
    expect(await s.tier(regular.id, "member-rfm")).toBe("regular");
    const lastPurchase = daysAgo(s, 0);

    // Day 59: the 09:00 check has run, and the day ends, without a win-back: 59 days is no lapse.
    await s.advance(59 * DAY);
    expect(await winBacks(vip.id)).toEqual([]);
    await s.advance(14 * HOUR + 59 * MIN);
    expect(await winBacks(vip.id)).toEqual([]);
    expect(await tasksIn("sh-advisor-1", vip.id)).toEqual([]);

    // Day 60 (by 09:00): the win-back starts, with a task for the exclusive advisor. (The
    // trigger's `where` lets the member in as the 60th Shanghai calendar day begins.)
    await s.advance(9 * HOUR + MIN);
    const started = await winBacks(vip.id);
    expect(started).toHaveLength(1);
    expect(started[0]?.status).toBe("waiting");
    expect(await data(vip.id)).toMatchObject({
      winBackStatus: "in-progress",
      winBackFor: lastPurchase,
    });
    const [contact] = await tasksIn("sh-advisor-1", vip.id);
    expect(contact?.nodeId).toBe("contact");
    // Still VIP at 60 days (R3 F5 M5 = 4.60): recency weighs least.
    expect(await s.tier(vip.id, "member-rfm")).toBe("vip");
    // Nothing for the regular member, lapsed just as long.
    expect(await winBacks(regular.id)).toEqual([]);
    expect(await s.inbox("sh-advisor-2")).toEqual([]);

    // Untouched: a reminder 3 days after the task was created, not a minute before.
    await s.advance((contact?.createdAt as number) + 3 * DAY - MIN - s.clock.now());
    expect(await remindersTo("sh-advisor-1", vip.id)).toHaveLength(0);
    await s.advance(MIN);
    expect(await remindersTo("sh-advisor-1", vip.id)).toHaveLength(1);
    // One win-back per lapse: later daily checks start no second one.
    expect(await winBacks(vip.id)).toHaveLength(1);

    // The advisor proposes an offer; the store manager (the advisor's manager) approves it.
    await s.complete("sh-advisor-1", contact?.id as string, {
      data: {
        winBackOffer: "coupon",
        winBackOfferValue: 500,
        winBackNote: "电话沟通，会员近期出差",
      },
    });
    expect(await tasksIn("sh-advisor-2", vip.id)).toEqual([]);
    const [approval] = await tasksIn("sh-manager", vip.id);
    expect(approval?.nodeId).toBe("offer-approval");
    await s.complete("sh-manager", approval?.id as string, { outcome: "approve" });

    // The advisor records the outcome: won back.
    const [outcome] = await tasksIn("sh-advisor-1", vip.id);
    expect(outcome?.nodeId).toBe("outcome");
    await s.complete("sh-advisor-1", outcome?.id as string, {
      data: { winBackStatus: "won-back", winBackNote: "会员到店使用礼券，消费 3,680 元" },
    });
    const [done] = await winBacks(vip.id);
    expect(done?.status).toBe("completed");
    const instance = await s.engine.instances.get(s.ws, done?.id as string);
    expect(JSON.stringify(instance?.state)).toContain("won-back");
    expect(await data(vip.id)).toMatchObject({
      winBackStatus: "won-back",
      winBackOffer: "coupon",
      winBackOfferValue: 500,
      winBackFor: lastPurchase,
      winBackClosedOn: daysAgo(s, 0),
    });
    expect(await s.inbox("sh-advisor-1")).toEqual([]);
  });

  it("starts for a growth member too, and records a rejected offer", async () => {
    // R5 F3 M4 = 1.0 + 0.9 + 2.0 = 3.90 → growth; at 60 days R3 → 3.50, still growth.
    const growth = await s.createRecord(
      "member",
      member("何晓雯", {
        lastPurchaseDate: daysAgo(s, 0),
        purchaseCount12m: 3,
        spend12m: 9_800,
        advisor: s.people["bj-advisor-1"] as string,
      }),
      { as: "bj-advisor-1", owner: "bj-advisor-1" },
    );
    expect(await s.tier(growth.id, "member-rfm")).toBe("growth");
    await s.advance(60 * DAY);
    expect(await s.tier(growth.id, "member-rfm")).toBe("growth");
    const [contact] = await tasksIn("bj-advisor-1", growth.id);
    expect(contact?.nodeId).toBe("contact");
    await s.complete("bj-advisor-1", contact?.id as string, {
      data: { winBackOffer: "gift", winBackOfferValue: 2000 },
    });
    const [approval] = await tasksIn("bj-manager", growth.id);
    await s.complete("bj-manager", approval?.id as string, {
      outcome: "reject",
      comment: "权益价值过高",
    });
    expect((await winBacks(growth.id))[0]?.status).toBe("completed");
    expect(await s.inbox("bj-advisor-1")).toEqual([]);
    expect(await data(growth.id)).toMatchObject({
      winBackStatus: "offer-rejected",
      winBackClosedOn: daysAgo(s, 0),
    });
  });
});
