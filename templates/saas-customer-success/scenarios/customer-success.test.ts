/**
 * Scenario tests of the SaaS customer-success pack, on a simulated clock that starts on Monday
 * 23 November 2026, 09:00 in Shanghai: the health-score bands and their edges, the at-risk
 * intervention (advisor visit + value-add offer approval), the churn warning on day 30 without
 * a login, the renewal starting 90 days before the contract ends, the 72-hour sales → CSM
 * handover with its 10-item checklist and the 30-day value check, and NPS categories.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getTierAssignment } from "../../../engine/store/index.ts";
import { DAY, HOUR, MIN, openScenario, type Scenario, shanghai } from "../../testing/scenario.ts";

const PACK = "saas-customer-success";
const HEALTH = "customer-health";

let s: Scenario;
beforeEach(async () => {
  s = await openScenario(PACK);
});
afterEach(async () => {
  await s.close();
});

/**
 * A customer whose health score is exactly 80: usage 75 (×0.4 = 30), 8 meeting hours of 12
 * (×0.3 = 20), no issues (×0.2 = 20), NPS 10 (×0.1 = 10). Handed over already, logging in
 * today, contract ending in a year, so no other flow has anything to do.
 */
function customer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "杭州云启网络科技有限公司",
    industry: "software",
    plan: "enterprise",
    seats: 200,
    arr: 360_000,
    lifecycle: "adoption",
    csm: s.people["li-na"],
    salesOwner: s.people["sun-hao"],
    usageScore: 75,
    meetingHours: 8,
    issueCount: 0,
    nps: 10,
    lastLoginDate: "2026-11-23",
    contractStart: "2026-01-01",
    contractEnd: "2027-12-31",
    renewalStatus: "not-started",
    handoverStatus: "done",
    ...overrides,
  };
}

const create = (overrides: Record<string, unknown> = {}) =>
  s.createRecord("customer", customer(overrides), { as: "li-na", owner: "li-na" });

const score = async (recordId: string) =>
  (await getTierAssignment(s.store.db, { workspaceId: s.ws, recordId, modelKey: HEALTH }))?.score;

const record = async (id: string) => {
  const found = await s.engine.records.get(s.ws, id);
  if (!found) throw new Error(`no record ${id}`);
  return found;
};

const tasksAt = async (person: string, nodeId: string) =>
  (await s.inbox(person)).filter((task) => task.nodeId === nodeId);

const notificationsFrom = async (nodeId: string) =>
  (await s.notifications()).filter((n) => n.payload.nodeId === nodeId);

/** Moves the clock to a wall-clock time in Shanghai. */
const advanceTo = (at: number) => s.advance(at - s.clock.now(), { step: DAY });

describe("health score: usage 40% + meetings 30% + issues 20% + NPS 10%", () => {
  it("80 is healthy, 79.9 is watch, 60 is watch, 59.9 is at risk", async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{}, 80, "healthy"],
      [{ usageScore: 74.75 }, 79.9, "watch"],
      [{ usageScore: 50, issueCount: 10 }, 60, "watch"],
      [{ usageScore: 49.75, issueCount: 10 }, 59.9, "at-risk"],
      [{ usageScore: 100, meetingHours: 30, nps: 10 }, 100, "healthy"],
    ];
    for (const [overrides, expected, tier] of cases) {
      const c = await create(overrides);
      expect({ score: await score(c.id), tier: await s.tier(c.id, HEALTH) }).toEqual({
        score: expected,
        tier,
      });
    }
  });

  it("normalises each measure to 0–100: more issues score lower, NPS 0–10 is ×10", async () => {
    const c = await create();
    await s.updateRecord(c.id, { issueCount: 5 }); // issues 100 → 75: −5 points
    expect(await score(c.id)).toBe(75);
    await s.updateRecord(c.id, { issueCount: 40 }); // clamped at 0 points for ≥ 20 issues
    expect(await score(c.id)).toBe(60);
    await s.updateRecord(c.id, { issueCount: 0, nps: 4 }); // NPS 100 → 40: −6 points
    expect(await score(c.id)).toBe(74);
    await s.updateRecord(c.id, { nps: 10, meetingHours: 20 }); // meetings clamp at 100: 30 + 30 + 20 + 10
    expect(await score(c.id)).toBe(90);
  });
});

describe("at risk: advisor visit and value-add offer approval", () => {
  it("a customer falling below 60 gets an advisor visit and an offer for approval", async () => {
    const c = await create();
    await s.updateRecord(c.id, { usageScore: 62 }); // 74.8: watch — nothing starts
    expect(await s.tier(c.id, HEALTH)).toBe("watch");
    expect(await s.instances("at-risk-intervention")).toEqual([]);

    await s.updateRecord(c.id, { usageScore: 49.75, issueCount: 10 }); // 59.9
    expect(await s.tier(c.id, HEALTH)).toBe("at-risk");
    const [intervention] = await s.instances("at-risk-intervention");
    expect(intervention).toMatchObject({ status: "waiting", recordId: c.id });

    // The CSM visits within 7 days.
    const [visit] = await tasksAt("li-na", "advisor-visit");
    expect(visit?.dueAt).toBe(s.clock.now() + 7 * DAY);

    // The offer is a record of its own, waiting for the CS manager's approval.
    const [approval] = await s.instances("value-add-offer-approval");
    expect(approval?.status).toBe("waiting");
    const offer = await record(approval?.recordId as string);
    expect(offer.data).toMatchObject({
      customer: c.id,
      status: "proposed",
      csm: s.people["li-na"],
    });
    const [decision] = await tasksAt("chen-jing", "approve");
    expect(decision?.instanceId).toBe(approval?.id);

    await s.complete("chen-jing", decision?.id as string, {
      outcome: "approve",
      data: { offerType: "training", value: 20_000 },
    });
    expect((await record(offer.id)).data).toMatchObject({
      status: "approved",
      offerType: "training",
      value: 20_000,
    });
    const [told] = await notificationsFrom("tell-approved");
    expect(told?.to).toEqual([s.people["li-na"]]);

    // The visit is done: the record keeps the date and notes.
    await s.complete("li-na", visit?.id as string, {
      data: {
        lastVisitDate: "2026-11-25",
        visitNotes: "与客户 IT 负责人复盘使用问题，约定两周培训。",
      },
    });
    expect((await s.instances("at-risk-intervention"))[0]?.status).toBe("completed");
  });

  it("an unvisited at-risk customer escalates to the CS manager at day 7, not before", async () => {
    const c = await create({ usageScore: 20 });
    expect(await s.tier(c.id, HEALTH)).toBe("at-risk");
    await s.advance(7 * DAY - MIN);
    expect(await tasksAt("chen-jing", "advisor-visit")).toEqual([]);
    await s.advance(MIN);
    expect(await tasksAt("chen-jing", "advisor-visit")).toHaveLength(1);
  });

  it("a customer created at risk starts the intervention too; watch or healthy ones do not", async () => {
    await create({ usageScore: 74.75 }); // watch
    await create(); // healthy
    expect(await s.instances("at-risk-intervention")).toEqual([]);
    await create({ usageScore: 0, meetingHours: 0 });
    expect(await s.instances("at-risk-intervention")).toHaveLength(1);
    expect(await s.instances("value-add-offer-approval")).toHaveLength(1);
  });
});

describe("churn warning: 30 days without a login", () => {
  it("warns the CSM and the CS manager on day 30 (09:00), not on day 29", async () => {
    const c = await create({ lastLoginDate: "2026-11-23" });
    await advanceTo(shanghai(2026, 12, 22, 23, 59)); // day 29, last minute
    expect(await notificationsFrom("warn")).toEqual([]);
    await advanceTo(shanghai(2026, 12, 23, 9)); // day 30
    const warnings = await notificationsFrom("warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.to).toEqual([s.people["li-na"], s.people["chen-jing"]]);
    expect((await record(c.id)).data.churnWarnedAt).toBe(new Date(s.clock.now()).toISOString());

    // One warning per silence: nothing more while the customer stays away.
    await s.advance(20 * DAY, { step: DAY });
    expect(await notificationsFrom("warn")).toHaveLength(1);
    // After a new login, the count starts again from it.
    await s.updateRecord(c.id, { lastLoginDate: "2027-01-12" });
    await advanceTo(shanghai(2027, 2, 10, 23, 59)); // day 29 after the new login
    expect(await notificationsFrom("warn")).toHaveLength(1);
    await advanceTo(shanghai(2027, 2, 11, 9)); // day 30
    expect(await notificationsFrom("warn")).toHaveLength(2);
  });

  it("a login before day 30 cancels the warning and restarts the count", async () => {
    const c = await create({ lastLoginDate: "2026-11-23" });
    await s.advance(20 * DAY, { step: DAY });
    await s.updateRecord(c.id, { lastLoginDate: "2026-12-13" });
    await advanceTo(shanghai(2027, 1, 11, 23, 59)); // day 49 after the first, 29 after the new
    expect(await notificationsFrom("warn")).toEqual([]);
    await advanceTo(shanghai(2027, 1, 12, 9));
    expect(await notificationsFrom("warn")).toHaveLength(1);
  });

  it("a customer already silent for 30 days is warned at once", async () => {
    await create({ lastLoginDate: "2026-10-24" }); // 30 days ago
    expect(await notificationsFrom("warn")).toHaveLength(1);
  });
});

describe("renewal: starts 90 days before the contract ends", () => {
  it("starts at 90 days before the end date, not at 91, with tasks for the CSM and sales", async () => {
    // Ends 23 March 2027: 90 days before is 23 December 2026, 91 days before 22 December.
    const c = await create({ contractEnd: "2027-03-23" });
    await advanceTo(shanghai(2026, 12, 22, 23, 59));
    expect(await s.instances("renewal")).toEqual([]);
    expect(await tasksAt("li-na", "csm-review")).toEqual([]);

    await advanceTo(shanghai(2026, 12, 23, 9));
    const [renewal] = await s.instances("renewal");
    expect(renewal).toMatchObject({ status: "waiting", recordId: c.id });
    expect((await record(c.id)).data).toMatchObject({
      renewalStatus: "in-progress",
      lifecycle: "renewal",
    });
    const [review] = await tasksAt("li-na", "csm-review");
    const [quote] = await tasksAt("sun-hao", "sales-quote");
    expect(review?.dueAt).toBe(s.clock.now() + 30 * DAY);
    expect(quote?.dueAt).toBe(s.clock.now() + 60 * DAY);

    // Both prepared; sales records the renewal and the new end date.
    await s.complete("li-na", review?.id as string, { data: { renewalNotes: "价值回顾已发送" } });
    await s.complete("sun-hao", quote?.id as string);
    const [close] = await tasksAt("sun-hao", "close");
    await s.complete("sun-hao", close?.id as string, {
      data: { renewalStatus: "renewed", contractEnd: "2028-03-23" },
    });
    expect((await s.instances("renewal"))[0]?.status).toBe("completed");
    expect((await record(c.id)).data).toMatchObject({
      renewalStatus: "renewed",
      lifecycle: "adoption",
      contractEnd: "2028-03-23",
    });

    // The next renewal counts from the new end date: 90 days before 23 March 2028.
    await advanceTo(shanghai(2027, 12, 23, 23, 59));
    expect(await s.instances("renewal")).toHaveLength(1);
    await advanceTo(shanghai(2027, 12, 24, 9));
    expect(await s.instances("renewal")).toHaveLength(2);
  });

  it("a changed end date moves the start", async () => {
    const c = await create({ contractEnd: "2027-03-23" });
    await s.updateRecord(c.id, { contractEnd: "2027-06-30" }); // 90 days before: 1 April 2027
    await advanceTo(shanghai(2027, 3, 31, 23, 59));
    expect(await s.instances("renewal")).toEqual([]);
    await advanceTo(shanghai(2027, 4, 1, 9));
    expect(await s.instances("renewal")).toHaveLength(1);
  });

  it("a customer who does not renew is marked churned and the managers are told", async () => {
    const c = await create({ contractEnd: "2027-01-31" }); // within 90 days: starts at once
    const [review] = await tasksAt("li-na", "csm-review");
    const [quote] = await tasksAt("sun-hao", "sales-quote");
    await s.complete("li-na", review?.id as string);
    await s.complete("sun-hao", quote?.id as string);
    const [close] = await tasksAt("sun-hao", "close");
    await s.complete("sun-hao", close?.id as string, {
      data: { renewalStatus: "churned", renewalNotes: "预算削减，改用自研系统" },
    });
    expect((await record(c.id)).data).toMatchObject({ lifecycle: "churned", churned: true });
    const [told] = await notificationsFrom("tell-lost");
    expect(told?.to).toEqual([s.people["chen-jing"], s.people["liu-qiang"]]);
  });

  it("a contract ending within 90 days starts the renewal at once", async () => {
    await create({ contractEnd: "2027-01-31" });
    expect(await s.instances("renewal")).toHaveLength(1);
  });
});

describe("sales → CSM handover within 72 hours, value verified within 30 days", () => {
  const ITEMS = [
    "decisionChain",
    "coreNeeds",
    "painPoints",
    "competitors",
    "keyContacts",
    "contractTerms",
    "successCriteria",
    "implementationPlan",
    "risks",
    "commitments",
  ];
  const checklist = Object.fromEntries(
    ITEMS.flatMap((item) => [
      [item, true],
      [`${item}Notes`, `${item} 已与 CSM 当面沟通`],
    ]),
  );

  it("escalates an unfinished checklist after 72 hours, not after 71", async () => {
    await create({ handoverStatus: "pending" });
    const [task] = await tasksAt("sun-hao", "handover");
    expect(task?.dueAt).toBe(s.clock.now() + 72 * HOUR);

    await s.advance(71 * HOUR);
    expect(await tasksAt("liu-qiang", "handover")).toEqual([]);
    expect(await tasksAt("chen-jing", "handover")).toEqual([]);
    await s.advance(HOUR);
    expect(await tasksAt("liu-qiang", "handover")).toHaveLength(1);
    expect(await tasksAt("chen-jing", "handover")).toHaveLength(1);
  });

  it("the 10-item checklist hands the customer over; the value check is due 30 days later", async () => {
    const c = await create({ handoverStatus: "pending", lifecycle: "onboarding" });
    const [kickoff] = await s.instances("sales-handover");
    const sheet = await record(kickoff?.recordId as string);
    expect(sheet.data).toMatchObject({
      customer: c.id,
      salesOwner: s.people["sun-hao"],
      csm: s.people["li-na"],
      itemsDone: 0,
    });
    const [task] = await tasksAt("sun-hao", "handover");

    // Every item must be answered, and an item handed over needs its notes.
    await expect(
      s.complete("sun-hao", task?.id as string, {
        data: { decisionChain: true, decisionChainNotes: "CIO 拍板，财务总监会签" },
      }),
    ).rejects.toMatchObject({ code: "RUNTIME_FIELD_REQUIRED" });
    const { decisionChainNotes: _, ...withoutNotes } = checklist;
    await expect(
      s.complete("sun-hao", task?.id as string, { data: withoutNotes }),
    ).rejects.toMatchObject({ code: "FORM_FIELD_REQUIRED" });

    await s.advance(30 * HOUR);
    await s.complete("sun-hao", task?.id as string, { data: checklist });
    const completedAt = s.clock.now();
    expect((await record(sheet.id)).data).toMatchObject({
      itemsDone: 10,
      completedAt: new Date(completedAt).toISOString(),
    });
    expect((await record(c.id)).data.handoverStatus).toBe("done");

    const [verify] = await tasksAt("li-na", "verify");
    expect(verify?.dueAt).toBe(completedAt + 30 * DAY);

    await s.advance(30 * DAY - MIN, { step: DAY });
    const overdue = () =>
      s
        .notifications()
        .then((all) =>
          all.filter(
            (n) => n.instanceId === kickoff?.id && n.to.includes(s.people["chen-jing"] as string),
          ),
        );
    expect(await overdue()).toEqual([]);
    await s.advance(MIN);
    expect(await overdue()).toHaveLength(1);

    await s.complete("li-na", verify?.id as string, {
      data: { valueVerified: true, valueNotes: "核心报表上线，客户确认节省 3 人天/月" },
    });
    expect((await s.instances("sales-handover"))[0]?.status).toBe("completed");
  });

  it("customers already handed over get no checklist", async () => {
    await create({ handoverStatus: "done" });
    expect(await s.instances("sales-handover")).toEqual([]);
  });
});

describe("NPS survey", () => {
  it("computes the category: 9–10 promoter, 7–8 passive, 0–6 detractor", async () => {
    const c = await create();
    const expected: Array<[number, string]> = [
      [10, "promoter"],
      [9, "promoter"],
      [8, "passive"],
      [7, "passive"],
      [6, "detractor"],
      [0, "detractor"],
    ];
    for (const [score, category] of expected) {
      const survey = await s.createRecord(
        "nps-survey",
        { customer: c.id, score, comment: "测试", respondent: "钱晓东" },
        { as: "li-na" },
      );
      expect(survey.data.category).toBe(category);
    }
  });

  it("writes the answer to the customer's health and sends a detractor to the CSM", async () => {
    const c = await create(); // 80, healthy
    await s.createRecord("nps-survey", { customer: c.id, score: 9 }, { as: "li-na" });
    expect((await record(c.id)).data.nps).toBe(9);
    expect(await score(c.id)).toBe(79);
    expect(await tasksAt("li-na", "follow-up")).toEqual([]);

    await s.createRecord(
      "nps-survey",
      { customer: c.id, score: 3, comment: "最近几次故障影响了业务" },
      { as: "li-na" },
    );
    expect((await record(c.id)).data.nps).toBe(3);
    expect(await score(c.id)).toBe(73);
    expect(await tasksAt("li-na", "follow-up")).toHaveLength(1);
  });
});

describe("sample data", () => {
  it("installs customers whose scores spread over every tier", async () => {
    const sampled = await openScenario(PACK, { accounts: 60 });
    try {
      const customers = [];
      const categories = new Set();
      for (const id of sampled.sampleRecords) {
        const r = await sampled.engine.records.get(sampled.ws, id);
        if (r?.formKey === "customer") customers.push(r);
        if (r?.formKey === "nps-survey") categories.add(r.data.category);
      }
      expect(customers).toHaveLength(60);
      expect(categories).toEqual(new Set(["promoter", "passive", "detractor"]));
      const tiers = new Set();
      for (const r of customers) tiers.add(await sampled.tier(r.id, HEALTH));
      expect(tiers).toEqual(new Set(["healthy", "watch", "at-risk"]));
      const ends = customers.map((r) => String(r.data.contractEnd)).sort();
      // Contracts end across the next year.
      expect(ends[0] ?? "").toMatch(/^2026-12|^2027-01/);
      expect(ends.at(-1) ?? "").toMatch(/^2027-(09|10|11)/);
      const incidents = (await sampled.instances()).filter((i) => i.status === "incident");
      expect(incidents).toEqual([]);
    } finally {
      await sampled.close();
    }
  });
});
