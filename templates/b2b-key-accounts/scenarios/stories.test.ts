/**
 * Scenarios of the b2b-key-accounts pack (通用B2B关键客户), installed into an empty workspace with
 * a simulated clock that starts on Monday 23 November 2026, 09:00 Asia/Shanghai (day 0). The
 * daily checks run at 09:00, so "day N" is 09:00 on 23 November + N days.
 * - 30 days without follow-up remind the owner (day 30, not 29) and give them a follow-up task;
 *   still open 3 days later (day 33, not 32) it escalates to the sales director;
 * - a visit log restarts the clock and closes an open follow-up task (no escalation);
 * - the public pool: a warning at day 42 (not 41), the account returns to the pool at day 45
 *   (not 44) with its owner cleared and the previous owner and sales manager told;
 * - claiming from the pool: at most N (per-rep quota) accounts, a claimed account is refused to
 *   a second claimant, the quota comes back when a claimed account is reclaimed;
 * - the purchase × margin decision table at its edges and the value × potential quadrants;
 * - a tier that becomes key: the sales director assigns the key-account team, a QBR is scheduled.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fromJson } from "../../../engine/store/index.ts";
import { DAY, HOUR, MIN, openScenario, type Scenario } from "../../testing/scenario.ts";

const PACK = "b2b-key-accounts";
const KAM = "kam-wang";
const KAM_2 = "kam-zhao";
const DIRECTOR = "director";
const MANAGER = "manager";

let s: Scenario;
afterEach(async () => {
  await s?.close();
});

/** Calendar date in Shanghai `days` after day 0 (2026-11-23). */
function dateOf(days: number): string {
  return new Date(Date.UTC(2026, 10, 23 + days)).toISOString().slice(0, 10);
}

async function account(data: Record<string, unknown> = {}, owner = KAM) {
  const record = await s.createRecord(
    "account",
    {
      name: "苏州恒远精密机械有限公司",
      industry: "manufacturing",
      size: "large",
      annualPurchase: 800_000,
      margin: 15,
      strategicInfluence: "medium",
      poolStatus: "assigned",
      owner: s.people[owner],
      lastFollowUpDate: dateOf(0),
      ...data,
    },
    { as: MANAGER, owner },
  );
  return record.id;
}

async function data(id: string): Promise<Record<string, unknown>> {
  const record = await s.engine.records.get(s.ws, id);
  if (!record) throw new Error(`no record ${id}`);
  return record.data as Record<string, unknown>;
}

async function recordsOf(form: string) {
  const rows = await s.store.db
    .selectFrom("records")
    .select(["id", "data"])
    .where("workspace_id", "=", s.ws)
    .where("form_key", "=", form)
    .execute();
  return rows.map((r) => ({ id: r.id, data: fromJson<Record<string, unknown>>(r.data) }));
}

/** Notifications a person got from one node (or SLA event) of a flow. */
async function sent(person: string, match: { nodeId?: string; event?: string }) {
  const id = s.people[person];
  return (await s.notifications()).filter(
    (n) =>
      n.to.includes(id as string) &&
      (match.nodeId === undefined || n.payload.nodeId === match.nodeId) &&
      (match.event === undefined || n.payload.event === match.event),
  );
}

async function openTasks(person: string, nodeId: string) {
  return (await s.inbox(person)).filter((t) => t.nodeId === nodeId);
}

/** Moves the clock forward in 6-hour steps (09:00 stays on the grid; timers still stop it). */
const advance = (ms: number) => s.advance(ms, { step: 6 * HOUR });

describe("no follow-up for 30 days → remind the owner, 3 days later escalate to the sales director", () => {
  it("reminds at day 30 (not 29) and escalates at day 33 (not 32)", async () => {
    s = await openScenario(PACK);
    const id = await account();

    await advance(29 * DAY);
    expect(await sent(KAM, { nodeId: "remind-owner" })).toHaveLength(0);
    expect(await openTasks(KAM, "follow-up")).toHaveLength(0);

    await advance(DAY); // day 30
    const [reminder, ...more] = await sent(KAM, { nodeId: "remind-owner" });
    expect(more).toHaveLength(0);
    expect(reminder?.payload.params).toMatchObject({ days: 30, since: dateOf(0) });
    expect(await openTasks(KAM, "follow-up")).toHaveLength(1);
    expect((await data(id)).followUpRemindedFor).toBe(dateOf(0));

    await advance(3 * DAY - MIN); // day 33, one minute before 09:00
    expect(await sent(DIRECTOR, { event: "sla.escalated" })).toHaveLength(0);
    expect(await openTasks(DIRECTOR, "follow-up")).toHaveLength(0);

    await advance(MIN); // day 33, 09:00
    expect(await sent(DIRECTOR, { event: "sla.escalated" })).toHaveLength(1);
    expect(await openTasks(DIRECTOR, "follow-up")).toHaveLength(1);
    // One reminder per follow-up date: the daily check does not remind again.
    expect(await sent(KAM, { nodeId: "remind-owner" })).toHaveLength(1);
  });

  it("the owner may close the task by entering the new follow-up date", async () => {
    s = await openScenario(PACK);
    const id = await account();
    await advance(30 * DAY);
    const [task] = await openTasks(KAM, "follow-up");
    await s.complete(KAM, task?.id as string, { data: { lastFollowUpDate: dateOf(30) } });
    expect((await data(id)).lastFollowUpDate).toBe(dateOf(30));
    await advance(4 * DAY);
    expect(await sent(DIRECTOR, { event: "sla.escalated" })).toHaveLength(0);
  });
});

describe("a visit log restarts the clock", () => {
  it("moves the last follow-up date to the visit, so the reminder comes 30 days after it", async () => {
    s = await openScenario(PACK);
    const id = await account();
    await advance(20 * DAY); // 13 December
    await s.createRecord(
      "visit-log",
      {
        account: id,
        visitDate: dateOf(20),
        kind: "onsite",
        notes: "拜访采购总监，沟通框架协议续签。",
      },
      { as: KAM },
    );
    expect((await data(id)).lastFollowUpDate).toBe(dateOf(20));

    // A back-dated visit never moves the date backwards.
    await s.createRecord(
      "visit-log",
      { account: id, visitDate: dateOf(5), kind: "phone", notes: "补录：电话回访设备运行情况。" },
      { as: KAM },
    );
    expect((await data(id)).lastFollowUpDate).toBe(dateOf(20));

    await advance(29 * DAY); // day 49 = 29 days after the visit
    expect(await sent(KAM, { nodeId: "remind-owner" })).toHaveLength(0);
    await advance(DAY); // day 50 = 30 days after the visit
    const reminders = await sent(KAM, { nodeId: "remind-owner" });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.payload.params).toMatchObject({ since: dateOf(20), days: 30 });
  });

  it("closes the open follow-up task, so nothing escalates", async () => {
    s = await openScenario(PACK);
    const id = await account();
    await advance(30 * DAY);
    expect(await openTasks(KAM, "follow-up")).toHaveLength(1);
    await advance(DAY);
    await s.createRecord(
      "visit-log",
      {
        account: id,
        visitDate: dateOf(31),
        kind: "video",
        notes: "视频会议评审试点项目进展。",
        nextStep: "提交报价方案",
        nextStepDate: dateOf(38),
      },
      { as: KAM },
    );
    // The watch waits on the account: the visit log's update wakes it at once.
    expect(await openTasks(KAM, "follow-up")).toHaveLength(0);
    await advance(3 * DAY); // past day 33
    expect(await sent(DIRECTOR, { event: "sla.escalated" })).toHaveLength(0);
    const [watch] = (await s.instances("follow-up-reminder")).filter(
      (i) => i.recordId === id && i.status === "completed",
    );
    expect(watch).toBeDefined();
  });
});

describe("public pool (公海)", () => {
  it("warns at day 42 (not 41) and returns the account to the pool at day 45 (not 44)", async () => {
    s = await openScenario(PACK);
    const id = await account();

    await advance(41 * DAY);
    expect(await sent(KAM, { nodeId: "warn" })).toHaveLength(0);
    await advance(DAY); // day 42
    const warnings = await sent(KAM, { nodeId: "warn" });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.payload.params).toMatchObject({ days: 42, reclaimOn: dateOf(45) });

    await advance(2 * DAY); // day 44
    expect(await data(id)).toMatchObject({ poolStatus: "assigned", owner: s.people[KAM] });
    expect(await sent(KAM, { nodeId: "warn" })).toHaveLength(1);

    await advance(DAY); // day 45
    const after = await data(id);
    expect(after).toMatchObject({
      poolStatus: "pool",
      previousOwner: s.people[KAM],
      releasedAt: dateOf(45),
    });
    expect(after.owner).toBeUndefined();
    expect(await sent(KAM, { nodeId: "tell" })).toHaveLength(1);
    expect(await sent(MANAGER, { nodeId: "tell" })).toHaveLength(1);
    // The follow-up task of day 30 (escalated at day 33) closes with the reclaim (within the hour).
    await advance(HOUR);
    expect(await openTasks(KAM, "follow-up")).toHaveLength(0);
    expect(await openTasks(DIRECTOR, "follow-up")).toHaveLength(0);

    // In the pool nothing more happens to it.
    await advance(2 * DAY - HOUR);
    expect(await sent(KAM, { nodeId: "tell" })).toHaveLength(1);
  });

  it("a rep holds at most N pool accounts; a claimed account is not claimed twice", async () => {
    s = await openScenario(PACK);
    const pool = [];
    for (const name of [
      "无锡华晟汽车零部件有限公司",
      "宁波澜海电子科技有限公司",
      "合肥瑞丰新材料股份有限公司",
    ])
      pool.push(await account({ name, poolStatus: "pool", owner: undefined }));
    expect((await data(pool[0] as string)).owner).toBeUndefined();

    const quota = (
      await s.createRecord("pool-quota", { rep: s.people[KAM], limit: 2, held: 0 }, { as: MANAGER })
    ).id;
    const quota2 = (
      await s.createRecord(
        "pool-quota",
        { rep: s.people[KAM_2], limit: 20, held: 0 },
        { as: MANAGER },
      )
    ).id;
    const claim = async (accountId: string, who: string, quotaId: string) => {
      const record = await s.createRecord(
        "pool-claim",
        { account: accountId, claimant: s.people[who], quota: quotaId },
        { as: who },
      );
      return data(record.id);
    };

    await advance(DAY);
    expect(await claim(pool[0] as string, KAM, quota)).toMatchObject({ status: "granted" });
    expect(await claim(pool[1] as string, KAM, quota)).toMatchObject({ status: "granted" });
    expect(await data(pool[0] as string)).toMatchObject({
      poolStatus: "claimed",
      owner: s.people[KAM],
      poolQuota: quota,
      claimedAt: dateOf(1),
      lastFollowUpDate: dateOf(1),
    });
    expect((await data(quota)).held).toBe(2);

    // The third claim is over N = 2.
    expect(await claim(pool[2] as string, KAM, quota)).toMatchObject({
      status: "refused",
      reason: "limit-reached",
    });
    expect((await data(quota)).held).toBe(2);
    expect(await data(pool[2] as string)).toMatchObject({ poolStatus: "pool" });

    // Someone else cannot claim an account already claimed; their place is given back.
    expect(await claim(pool[0] as string, KAM_2, quota2)).toMatchObject({
      status: "refused",
      reason: "not-in-pool",
    });
    expect((await data(quota2)).held).toBe(0);
    expect((await data(pool[0] as string)).owner).toBe(s.people[KAM]);

    // Nor with another rep's quota.
    expect(await claim(pool[2] as string, KAM_2, quota)).toMatchObject({
      status: "refused",
      reason: "quota-mismatch",
    });

    // The form rule keeps the count within the limit even for a manual edit.
    await expect(s.updateRecord(quota, { held: 3 }, { as: MANAGER })).rejects.toThrow();

    // A manager raises N to 3: the claim goes through.
    await s.updateRecord(quota, { limit: 3 }, { as: MANAGER });
    expect(await claim(pool[2] as string, KAM, quota)).toMatchObject({ status: "granted" });
    expect((await data(quota)).held).toBe(3);
  });

  it("a claimed account that is reclaimed gives its place in the quota back", async () => {
    s = await openScenario(PACK);
    const id = await account({ poolStatus: "pool", owner: undefined });
    const quota = (
      await s.createRecord("pool-quota", { rep: s.people[KAM], limit: 1, held: 0 }, { as: MANAGER })
    ).id;
    await s.createRecord(
      "pool-claim",
      { account: id, claimant: s.people[KAM], quota },
      { as: KAM },
    );
    expect((await data(quota)).held).toBe(1);

    await advance(44 * DAY);
    expect((await data(id)).poolStatus).toBe("claimed");
    await advance(DAY); // 45 days after the claim
    expect(await data(id)).toMatchObject({ poolStatus: "pool", previousOwner: s.people[KAM] });
    expect((await data(id)).poolQuota).toBeUndefined();
    expect((await data(quota)).held).toBe(0);
  });
});

describe("tier models", () => {
  it("the purchase × margin decision table at its edges", async () => {
    s = await openScenario(PACK);
    const cases: Array<[number, number, string]> = [
      [1_000_001, 20.01, "key"],
      [1_000_000, 25, "regular"], // exactly 1M is not above 1M
      [1_000_001, 20, "regular"], // exactly 20% is not above 20%
      [1_000_000, 20, "growth"], // the growth band includes both upper edges
      [300_000, 10, "growth"], // and both lower edges
      [299_999, 15, "regular"],
      [500_000, 9.99, "regular"],
      [5_000_000, 15, "regular"],
    ];
    for (const [annualPurchase, margin, tier] of cases) {
      const id = await account({ annualPurchase, margin });
      expect([annualPurchase, margin, await s.tier(id, "account-tier")]).toEqual([
        annualPurchase,
        margin,
        tier,
      ]);
    }
    const noData = await account({ annualPurchase: undefined, margin: undefined });
    expect(await s.tier(noData, "account-tier")).toBe("regular");
  });

  it("the value × potential matrix gives the four quadrants, 60 counting as high", async () => {
    s = await openScenario(PACK);
    // Value 60: 1.2M (score 60) × 50% + 24% margin (60) × 30% + medium influence (60) × 20%.
    const value = (high: boolean) => ({
      annualPurchase: high ? 1_200_000 : 1_198_000,
      margin: 24,
      strategicInfluence: "medium",
    });
    // Potential 60: growth 10% (50) × 30% + gap 60% (60) × 40% + evaluation (70) × 30%.
    const potential = (high: boolean) => ({
      industryGrowth: 10,
      walletShareGap: high ? 60 : 59,
      demandMaturity: "evaluation",
    });
    const quadrant = async (v: boolean, p: boolean) =>
      s.tier(await account({ ...value(v), ...potential(p) }), "value-potential");
    expect(await quadrant(true, true)).toBe("strategic-core");
    expect(await quadrant(false, true)).toBe("high-potential");
    expect(await quadrant(true, false)).toBe("stable-contributor");
    expect(await quadrant(false, false)).toBe("routine");
  });
});

describe("tier became key → key-account team and QBR", () => {
  it("the sales director assigns the team, then the first QBR is scheduled", async () => {
    s = await openScenario(PACK);
    const id = await account({ annualPurchase: 800_000, margin: 15 });
    expect(await s.tier(id, "account-tier")).toBe("growth");
    expect(await s.instances("key-account-onboarding")).toHaveLength(0);

    await advance(2 * DAY);
    await s.updateRecord(id, { annualPurchase: 1_500_000, margin: 22 }, { as: KAM });
    expect(await s.tier(id, "account-tier")).toBe("key");
    const [task, ...others] = await openTasks(DIRECTOR, "assign-team");
    expect(others).toHaveLength(0);
    expect(task).toBeDefined();

    await s.complete(DIRECTOR, task?.id as string, {
      data: {
        katManager: s.people[KAM] as string,
        serviceManager: s.people.csm as string,
        solutionConsultant: s.people.consultant as string,
      },
    });
    expect(await data(id)).toMatchObject({
      katManager: s.people[KAM],
      serviceManager: s.people.csm,
      solutionConsultant: s.people.consultant,
      teamAssignedAt: dateOf(2),
    });
    const qbrs = (await recordsOf("qbr")).filter((r) => r.data.account === id);
    expect(qbrs).toHaveLength(1);
    expect(qbrs[0]?.data).toMatchObject({
      status: "planned",
      scheduledDate: dateOf(32),
      organiser: s.people[KAM],
    });
    for (const person of [KAM, "csm", "consultant"])
      expect(await sent(person, { nodeId: "tell-team" })).toHaveLength(1);
    const [done] = await s.instances("key-account-onboarding");
    expect(done?.status).toBe("completed");
  });

  it("an account created as key starts onboarding at once; growth does not", async () => {
    s = await openScenario(PACK);
    await account({ annualPurchase: 2_000_000, margin: 30 });
    await account({ annualPurchase: 600_000, margin: 12 });
    expect(await openTasks(DIRECTOR, "assign-team")).toHaveLength(1);
    expect(await s.instances("key-account-onboarding")).toHaveLength(1);
  });

  it("the director is reminded after 2 working days", async () => {
    s = await openScenario(PACK);
    await account({ annualPurchase: 2_000_000, margin: 30 });
    await advance(2 * DAY - MIN);
    expect((await s.notifications()).filter((n) => n.payload.event === "sla.remind")).toHaveLength(
      0,
    );
    await advance(MIN);
    expect((await s.notifications()).filter((n) => n.payload.event === "sla.remind")).toHaveLength(
      1,
    );
  });
});

describe("sample data", () => {
  it("installs accounts, contacts with reporting lines, visit logs and quotas", async () => {
    s = await openScenario(PACK, { accounts: 12 });
    const accounts = await recordsOf("account");
    expect(accounts).toHaveLength(12);
    const contacts = await recordsOf("contact");
    for (const a of accounts) {
      const own = contacts.filter((c) => c.data.account === a.id);
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.length).toBeLessThanOrEqual(5);
      expect(own.filter((c) => c.data.reportsTo !== undefined)).toHaveLength(own.length - 1);
    }
    expect((await recordsOf("visit-log")).length).toBeGreaterThanOrEqual(12);
    expect(await recordsOf("pool-quota")).toHaveLength(5);
    const tiers = new Set<string | null>();
    for (const a of accounts) tiers.add(await s.tier(a.id, "account-tier"));
    expect(tiers.has("regular")).toBe(true);
  });
});
