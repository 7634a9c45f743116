/**
 * Scenarios of the strategic-service-sla pack, installed into an empty workspace with a simulated
 * clock (Monday 23 November 2026, 09:00 Asia/Shanghai unless a test starts elsewhere):
 * - a strategic customer's ticket copies its tier from the account, is made high priority and
 *   notifies the account manager, technical lead and product manager at creation;
 * - unclaimed, it escalates to the department director at minute 15 (not at minute 14); claimed
 *   at minute 10 it never escalates; a key or regular ticket does not escalate at 15 minutes;
 * - the resolution deadline counts working hours on the workspace calendar (a ticket raised on
 *   Friday at 17:00 breaches on Monday, not over the weekend), with warnings before it;
 * - the resolution-time and SLA-breach KPIs read the resolved tickets.
 */
import { afterEach, describe, expect, it } from "vitest";
import { HOUR, MIN, openScenario, type Scenario, shanghai } from "../../testing/scenario.ts";

const PACK = "strategic-service-sla";
const FLOW = "strategic-ticket";

/** Sample people (sample-data.json) by what they do here. */
const DESK = "wang-xiaodong";
const DESK_2 = "li-ting";
const DIRECTOR = "chen-jianguo";
const AM = "huang-li";
const TL = "zhou-min";
const PM = "zheng-hao";

let s: Scenario;
afterEach(async () => {
  await s?.close();
});

type Tier = "strategic" | "key" | "regular";

async function account(tier: Tier, name = `上海华信精密制造有限公司（${tier}）`) {
  const record = await s.createRecord(
    "account",
    {
      name,
      tier,
      accountManager: s.people[AM],
      technicalLead: s.people[TL],
      productManager: s.people[PM],
    },
    { as: "ma-jun", owner: AM },
  );
  return record.id;
}

async function ticket(accountId: string, data: Record<string, unknown> = {}) {
  const record = await s.createRecord(
    "service-ticket",
    { title: "生产线 MES 系统无法登录", account: accountId, category: "fault", ...data },
    { as: DESK },
  );
  return record.id;
}

async function instanceOf(ticketId: string) {
  const found = (await s.instances(FLOW)).find((i) => i.recordId === ticketId);
  if (!found) throw new Error(`no ${FLOW} instance for ticket ${ticketId}`);
  return found;
}

/** The open tasks of a ticket's instance at a node. */
async function openTasks(ticketId: string, nodeId: string) {
  const instance = await instanceOf(ticketId);
  const tasks = await s.engine.instances.tasks(s.ws, instance.id);
  return tasks.filter(
    (t) => t.nodeId === nodeId && (t.status === "open" || t.status === "claimed"),
  );
}

async function onlyTask(ticketId: string, nodeId: string) {
  const tasks = await openTasks(ticketId, nodeId);
  expect(tasks).toHaveLength(1);
  return tasks[0] as (typeof tasks)[number];
}

async function data(recordId: string) {
  const record = await s.engine.records.get(s.ws, recordId);
  return record?.data as Record<string, unknown>;
}

/** Notifications of one SLA event (sla.escalated, sla.notify, …) sent to a person. */
async function slaNotices(event: string, person: string) {
  const id = s.people[person];
  return (await s.notifications()).filter(
    (n) => n.payload.event === event && n.to.includes(id as string),
  );
}

/** The SLA events (sla.started, sla.level, sla.met, sla.breached) of a ticket at a node. */
async function slaEvents(ticketId: string, nodeId: string) {
  const instance = await instanceOf(ticketId);
  const history = await s.engine.instances.history(s.ws, instance.id);
  return history.filter((h) => h.nodeId === nodeId && h.kind.startsWith("sla.")).map((h) => h.kind);
}

const ids = (...people: string[]) => people.map((p) => s.people[p]).sort();

describe("a strategic customer's ticket", () => {
  it("copies the tier, is high priority and notifies the account manager, technical lead and product manager", async () => {
    s = await openScenario(PACK);
    const ticketId = await ticket(await account("strategic"), { priority: "low" });

    expect(await data(ticketId)).toMatchObject({
      customerTier: "strategic",
      priority: "high",
      status: "new",
    });
    const created = (await s.notifications()).filter((n) => n.payload.event === undefined);
    expect(created).toHaveLength(1);
    expect([...(created[0]?.to ?? [])].sort()).toEqual(ids(AM, TL, PM));
    expect(JSON.stringify(created[0]?.payload.subject)).toContain("战略客户工单");

    // The service desk has the claim and the resolution task in its pool.
    const claim = await onlyTask(ticketId, "claimStrategic");
    expect([...claim.candidates].sort()).toEqual(ids("sun-qian", DESK, DESK_2, "zhao-lei"));
    expect(claim.dueAt).toBe(s.clock.now() + 15 * MIN);
    await onlyTask(ticketId, "resolve");
  });

  it("of a key or regular customer keeps its priority and notifies nobody at creation", async () => {
    s = await openScenario(PACK);
    const keyTicket = await ticket(await account("key"), { priority: "low" });
    const regularTicket = await ticket(await account("regular"));

    expect(await data(keyTicket)).toMatchObject({ customerTier: "key", priority: "low" });
    expect(await data(regularTicket)).toMatchObject({
      customerTier: "regular",
      priority: "medium",
    });
    expect(await s.notifications()).toEqual([]);
    await onlyTask(keyTicket, "claimStandard");
    expect(await openTasks(keyTicket, "claimStrategic")).toEqual([]);
  });
});

describe("claiming within 15 minutes", () => {
  it("escalates an unclaimed strategic ticket to the department director at minute 15, not 14", async () => {
    s = await openScenario(PACK);
    const ticketId = await ticket(await account("strategic"));

    await s.advance(14 * MIN);
    expect(await slaNotices("sla.escalated", DIRECTOR)).toEqual([]);
    expect((await onlyTask(ticketId, "claimStrategic")).candidates).not.toContain(
      s.people[DIRECTOR],
    );
    expect((await s.inbox(DIRECTOR)).map((t) => t.nodeId)).not.toContain("claimStrategic");

    await s.advance(1 * MIN);
    const escalated = await slaNotices("sla.escalated", DIRECTOR);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.payload.nodeId).toBe("claimStrategic");
    expect((await onlyTask(ticketId, "claimStrategic")).candidates).toContain(s.people[DIRECTOR]);
    expect(await slaEvents(ticketId, "claimStrategic")).toContain("sla.breached");

    // The director may now claim it in the desk's place; the ticket records who did.
    const task = (await s.inbox(DIRECTOR)).find((t) => t.nodeId === "claimStrategic");
    expect(task).toBeDefined();
    await s.complete(DIRECTOR, task?.id as string);
    expect(await data(ticketId)).toMatchObject({
      status: "in-progress",
      handler: s.people[DIRECTOR],
    });
  });

  it("does not escalate a strategic ticket claimed at minute 10", async () => {
    s = await openScenario(PACK);
    const ticketId = await ticket(await account("strategic"));

    await s.advance(10 * MIN);
    const claim = await onlyTask(ticketId, "claimStrategic");
    await s.complete(DESK_2, claim.id);
    expect(await data(ticketId)).toMatchObject({
      status: "in-progress",
      handler: s.people[DESK_2],
    });

    await s.advance(50 * MIN);
    expect(await slaNotices("sla.escalated", DIRECTOR)).toEqual([]);
    expect(await slaEvents(ticketId, "claimStrategic")).toEqual(["sla.started", "sla.met"]);
    // Still being resolved: the instance runs on.
    expect((await instanceOf(ticketId)).status).toBe("waiting");
  });

  it.each(["key", "regular"] as const)(
    "does not escalate a %s customer's ticket at 15 minutes",
    async (tier) => {
      s = await openScenario(PACK);
      const ticketId = await ticket(await account(tier));
      const before = await onlyTask(ticketId, "claimStandard");

      await s.advance(15 * MIN);
      expect(await slaNotices("sla.escalated", DIRECTOR)).toEqual([]);
      const after = await onlyTask(ticketId, "claimStandard");
      expect([...after.candidates].sort()).toEqual([...before.candidates].sort());
      expect(after.candidates).not.toContain(s.people[DIRECTOR]);

      // Nor later while it waits to be claimed (it is only reminded).
      await s.advance(45 * MIN);
      expect(await slaNotices("sla.escalated", DIRECTOR)).toEqual([]);
    },
  );
});

describe("the resolution deadline counts working hours", () => {
  const FRIDAY_17 = shanghai(2026, 11, 27, 17);

  it.each([
    ["strategic", "4", "Monday 12:00", shanghai(2026, 11, 30, 12)], // 1 h Friday + 3 h Monday
    ["key", "8", "Monday 17:00", shanghai(2026, 11, 30, 17)], // 1 h + Monday 09–12, 13–17
    ["regular", "16", "Tuesday 17:00", shanghai(2026, 12, 1, 17)], // 1 h + 8 h Mon + 7 h Tue
  ] as const)(
    "a %s ticket raised on Friday at 17:00 (%s working hours) is due on %s",
    async (tier, _hours, _label, due) => {
      s = await openScenario(PACK, { start: FRIDAY_17 });
      const ticketId = await ticket(await account(tier));
      expect((await onlyTask(ticketId, "resolve")).dueAt).toBe(due);
    },
  );

  it("breaches a strategic ticket raised on Friday at 17:00 on Monday at 12:00, not over the weekend", async () => {
    s = await openScenario(PACK, { start: FRIDAY_17 });
    const ticketId = await ticket(await account("strategic"));
    await s.advance(5 * MIN);
    await s.complete(DESK, (await onlyTask(ticketId, "claimStrategic")).id);

    // Four natural hours would end on Friday at 21:00; the whole weekend passes quietly.
    await s.advance(shanghai(2026, 11, 30, 9) - s.clock.now());
    expect(await slaEvents(ticketId, "resolve")).not.toContain("sla.breached");
    expect(await slaNotices("sla.escalated", DIRECTOR)).toEqual([]);
    expect((await onlyTask(ticketId, "resolve")).data).toMatchObject({ sla: "on-track" });

    // Half the time used (Monday 10:00): the handlers are reminded, the task is at risk.
    await s.advance(1 * HOUR);
    expect((await onlyTask(ticketId, "resolve")).data).toMatchObject({ sla: "warning" });
    expect((await s.notifications()).some((n) => n.payload.event === "sla.remind")).toBe(true);

    // A quarter left (Monday 11:00): the account manager is warned.
    expect(await slaNotices("sla.notify", AM)).toEqual([]);
    await s.advance(1 * HOUR);
    expect(await slaNotices("sla.notify", AM)).toHaveLength(1);

    // One minute before noon: not breached yet.
    await s.advance(59 * MIN);
    expect(await slaEvents(ticketId, "resolve")).not.toContain("sla.breached");
    expect(await slaNotices("sla.escalated", DIRECTOR)).toEqual([]);

    // Monday 12:00: breached, and escalated to the department director.
    await s.advance(1 * MIN);
    expect(await slaEvents(ticketId, "resolve")).toContain("sla.breached");
    expect((await onlyTask(ticketId, "resolve")).data).toMatchObject({ sla: "breached" });
    const escalated = await slaNotices("sla.escalated", DIRECTOR);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.payload.nodeId).toBe("resolve");
  });
});

describe("resolving a ticket", () => {
  it("records the resolution and its time, tells the account manager and ends the instance", async () => {
    s = await openScenario(PACK);
    const ticketId = await ticket(await account("strategic"));
    await s.advance(5 * MIN);
    await s.complete(DESK, (await onlyTask(ticketId, "claimStrategic")).id);
    await s.advance(55 * MIN);

    const resolve = (await s.inbox(DESK)).find((t) => t.nodeId === "resolve");
    expect(resolve).toBeDefined();
    await expect(s.complete(DESK, resolve?.id as string)).rejects.toThrow();
    await s.complete(DESK, resolve?.id as string, {
      data: { resolution: "重置了 MES 账号的单点登录票据，客户确认恢复。" },
    });

    expect(await data(ticketId)).toMatchObject({
      status: "resolved",
      handler: s.people[DESK],
      resolution: "重置了 MES 账号的单点登录票据，客户确认恢复。",
      resolvedAt: new Date(s.clock.now()).toISOString(),
    });
    expect((await instanceOf(ticketId)).status).toBe("completed");
    const resolved = (await s.notifications()).filter(
      (n) => n.payload.event === undefined && JSON.stringify(n.payload.subject).includes("已解决"),
    );
    expect(resolved.map((n) => n.to)).toEqual([[s.people[AM]]]);
  });
});

describe("KPIs", () => {
  it("resolution time averages the resolved tickets from creation; the breach rate counts SLA targets", async () => {
    s = await openScenario(PACK);
    const strategic = await account("strategic");
    const key = await account("key");
    const fast = await ticket(strategic, { title: "ERP 接口同步延迟" });
    const slow = await ticket(key, { title: "月度对账报表数据不一致" });
    const open = await ticket(strategic, { title: "设备远程监控频繁误报警" });
    const resolution = { resolution: "已处理" };

    await s.advance(5 * MIN);
    await s.complete(DESK, (await onlyTask(fast, "claimStrategic")).id);
    await s.complete(DESK_2, (await onlyTask(slow, "claimStandard")).id);
    await s.advance(55 * MIN); // 10:00
    await s.complete(DESK, (await onlyTask(fast, "resolve")).id, { data: resolution });
    await s.advance(2 * HOUR); // 12:00
    await s.complete(DESK_2, (await onlyTask(slow, "resolve")).id, { data: resolution });

    const report = await s.engine.kpis.report(s.ws, {
      from: "2026-11-23",
      to: "2026-11-23",
      scope: { kind: "all" },
    });
    // Created at 09:00, resolved at 10:00 and 12:00; the open ticket is not counted.
    expect(report.resolution).toEqual({ count: 2, averageMs: 2 * HOUR, medianMs: 2 * HOUR });
    // Met: both claims and both resolutions; breached: the open ticket's 15-minute claim.
    expect(report.sla).toEqual({ met: 4, breached: 1, breachRate: 0.2 });
    expect((await instanceOf(open)).status).toBe("waiting");
  });
});

describe("sample data", () => {
  it("installs tiered accounts with their service teams, and tickets that copy their account's tier", async () => {
    s = await openScenario(PACK, { accounts: 8 });
    const records = (
      await Promise.all(s.sampleRecords.map((id) => s.engine.records.get(s.ws, id)))
    ).flatMap((r) => (r ? [r] : []));
    const accounts = records.filter((r) => r.formKey === "account");
    const tickets = records.filter((r) => r.formKey === "service-ticket");
    expect(accounts).toHaveLength(8);
    expect(tickets.length).toBeGreaterThan(0);
    const tierOf = new Map<string, unknown>();
    for (const a of accounts) {
      expect(["strategic", "key", "regular"]).toContain(a.data.tier);
      for (const field of ["accountManager", "technicalLead", "productManager"])
        expect(Object.values(s.people)).toContain(a.data[field]);
      tierOf.set(a.id, a.data.tier);
    }
    expect(new Set(tierOf.values()).size).toBeGreaterThan(1);
    for (const t of tickets) {
      expect(t.data.customerTier).toBe(tierOf.get(t.data.account as string));
      if (t.data.customerTier === "strategic") expect(t.data.priority).toBe("high");
      expect((await instanceOf(t.id)).status).toBe("waiting");
    }
  });
});
