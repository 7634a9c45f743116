/**
 * Scenarios of the manufacturing-kat pack's order approval, installed into an empty workspace on
 * the default Chinese business calendar (Asia/Shanghai, 09:00–12:00 and 13:00–18:00, Monday to
 * Friday):
 * - an urgent order takes the green channel: only the account's KAT manager approves and the VP
 *   step is skipped (no VP task is ever created);
 * - submitted on Friday 16:00, the KAT manager is reminded after 4 working hours — Monday 11:00,
 *   not Friday evening (4 natural hours) and not Monday 10:59;
 * - unapproved after 8 working hours — Monday 16:00, not 15:59 — it escalates to the key-account
 *   director, who may then approve in the KAT manager's place;
 * - a standard order goes KAT manager → VP, and the account team's sales and finance members are
 *   told once it is approved;
 * - the approver is the KAT manager of the order's own account (account-team role), not of
 *   another team.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIN, openScenario, type Scenario, shanghai } from "../../testing/scenario.ts";

/** Friday 27 November 2026, 16:00 in Shanghai: two working hours left in the week. */
const FRIDAY_16 = shanghai(2026, 11, 27, 16);

/** The account-team roles of the pack, and who holds them in each KAT of the sample data. */
const TEAM_ROLES = ["kat-manager", "sales", "technical", "after-sales", "finance"] as const;
const MEMBERS = {
  east: ["kat-east", "sales-east", "tech-east", "service-east", "finance-east"],
  south: ["kat-south", "sales-south", "tech-south", "service-south", "finance-south"],
} as const;

/** Creates a manufacturing account as its sales owner and sets up its account team. */
async function account(s: Scenario, region: "east" | "south", name: string): Promise<string> {
  const record = await s.createRecord(
    "account",
    {
      name,
      industrySegment: "automotive",
      annualPurchase: 12_500_000,
      grossMargin: 24,
      katManager: s.people[`kat-${region}`],
      plants: [{ plantName: "一号工厂", province: "jiangsu", city: "苏州", lineCount: 6 }],
    },
    { as: `sales-${region}` },
  );
  for (const [i, role] of TEAM_ROLES.entries()) {
    const person = MEMBERS[region][i] as string;
    await s.engine.accountTeams.add(s.ws, {
      recordId: record.id,
      userId: s.people[person] as string,
      role,
    });
  }
  return record.id;
}

async function order(s: Scenario, accountId: string, urgent: boolean, as = "sales-east") {
  const record = await s.createRecord(
    "order",
    {
      orderNo: urgent ? "SO-2026-1127" : "SO-2026-1128",
      account: accountId,
      amount: 860_000,
      urgent,
      ...(urgent ? { urgentReason: "客户产线停机待料" } : {}),
      deliveryDate: "2026-12-05",
      productLines: ["spare-parts", "hydraulics"],
    },
    { as },
  );
  const instances = (await s.instances("order-approval")).filter((i) => i.recordId === record.id);
  expect(instances).toHaveLength(1);
  return { record, instanceId: (instances[0] as { id: string }).id };
}

/** SLA notifications of one kind ("sla.remind", "sla.escalated", …) sent so far. */
async function slaEvents(s: Scenario, event: string) {
  return (await s.notifications()).filter((n) => n.payload.event === event);
}

const nodeIds = async (s: Scenario, person: string) => (await s.inbox(person)).map((t) => t.nodeId);

describe("manufacturing-kat: urgent orders take the green channel", () => {
  let s: Scenario;
  let east: string;
  beforeEach(async () => {
    s = await openScenario("manufacturing-kat", { start: FRIDAY_16 });
    east = await account(s, "east", "苏州恒瑞汽车零部件有限公司");
  });
  afterEach(() => s.close());

  it("asks only the account's KAT manager and skips the VP", async () => {
    const { instanceId } = await order(s, east, true);

    const [task, ...others] = await s.inbox("kat-east");
    expect(others).toHaveLength(0);
    expect(task?.nodeId).toBe("kat-green");
    expect(task?.candidates).toEqual([s.people["kat-east"]]);
    for (const person of ["vp", "kam-director", "kat-south", "sales-east", "finance-east"])
      expect(await s.inbox(person)).toHaveLength(0);

    await s.complete("kat-east", (task as { id: string }).id, { outcome: "approve" });

    const instance = await s.engine.instances.get(s.ws, instanceId);
    expect(instance?.status).toBe("completed");
    expect(instance?.state.outcome).toBe("approved");
    // No VP task was ever created, and the VP node was never entered.
    const tasks = await s.engine.instances.tasks(s.ws, instanceId);
    expect(tasks.map((t) => t.nodeId)).toEqual(["kat-green"]);
    const history = await s.engine.instances.history(s.ws, instanceId);
    expect(history.filter((h) => h.kind === "node.entered").map((h) => h.nodeId)).toEqual([
      "start",
      "channel",
      "kat-green",
      "notify-team",
      "approved",
    ]);
    expect(await s.inbox("vp")).toHaveLength(0);

    // The account team's sales and finance members hear of it.
    const told = (await s.notifications()).filter((n) => n.payload.nodeId === "notify-team");
    expect(told).toHaveLength(1);
    expect([...(told[0]?.to ?? [])].sort()).toEqual(
      [s.people["sales-east"], s.people["finance-east"]].sort(),
    );
  });

  it("routes to the KAT manager of the order's own account", async () => {
    const south = await account(s, "south", "东莞德润精密电子有限公司");
    await order(s, south, true, "sales-south");
    expect(await nodeIds(s, "kat-south")).toEqual(["kat-green"]);
    expect(await s.inbox("kat-east")).toHaveLength(0);
  });

  it("reminds the KAT manager after 4 working hours: Monday 11:00, not Friday evening or 10:59", async () => {
    await order(s, east, true);
    const [task] = await s.inbox("kat-east");
    // The 8-working-hour target: Friday 16:00–18:00, then Monday 09:00–12:00 and 13:00–16:00.
    expect(task?.dueAt).toBe(shanghai(2026, 11, 30, 16));

    await s.advance(4 * 60 * MIN); // Friday 20:00: four natural hours, two working hours
    expect(await slaEvents(s, "sla.remind")).toHaveLength(0);
    await s.advance(shanghai(2026, 11, 30, 10, 59) - s.clock.now()); // Monday 10:59
    expect(await slaEvents(s, "sla.remind")).toHaveLength(0);

    await s.advance(MIN); // Monday 11:00
    const reminders = await slaEvents(s, "sla.remind");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.to).toEqual([s.people["kat-east"]]);
    expect(reminders[0]?.payload.nodeId).toBe("kat-green");
    // A reminder, not an escalation: nobody else can act yet.
    expect(await slaEvents(s, "sla.escalated")).toHaveLength(0);
    expect(await s.inbox("kam-director")).toHaveLength(0);
  });

  it("escalates to the key-account director at 8 working hours (Monday 16:00), not at 15:59", async () => {
    const { instanceId } = await order(s, east, true);

    await s.advance(shanghai(2026, 11, 30, 15, 59) - s.clock.now());
    expect(await slaEvents(s, "sla.escalated")).toHaveLength(0);
    expect(await s.inbox("kam-director")).toHaveLength(0);

    await s.advance(MIN); // Monday 16:00
    const escalations = await slaEvents(s, "sla.escalated");
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.to).toEqual([s.people["kam-director"]]);
    const [task] = await s.inbox("kam-director");
    expect(task?.nodeId).toBe("kat-green");
    // The KAT manager keeps the task; still no VP step.
    expect(await nodeIds(s, "kat-east")).toEqual(["kat-green"]);
    expect(await s.inbox("vp")).toHaveLength(0);

    // The director approves in the KAT manager's place; the order is approved without the VP.
    await s.complete("kam-director", (task as { id: string }).id, { outcome: "approve" });
    const instance = await s.engine.instances.get(s.ws, instanceId);
    expect(instance?.state.outcome).toBe("approved");
    expect((await s.engine.instances.tasks(s.ws, instanceId)).map((t) => t.nodeId)).toEqual([
      "kat-green",
    ]);
  });

  it("cancels the reminder and the escalation once the KAT manager approves in time", async () => {
    await order(s, east, true);
    await s.advance(shanghai(2026, 11, 30, 10) - s.clock.now()); // Monday 10:00, 3 working hours
    const [task] = await s.inbox("kat-east");
    await s.complete("kat-east", (task as { id: string }).id, { outcome: "approve" });
    await s.advance(shanghai(2026, 12, 2, 18) - s.clock.now()); // Wednesday evening
    expect(await slaEvents(s, "sla.remind")).toHaveLength(0);
    expect(await slaEvents(s, "sla.escalated")).toHaveLength(0);
    expect(await s.inbox("kam-director")).toHaveLength(0);
  });
});

describe("manufacturing-kat: standard orders keep KAT manager → VP", () => {
  let s: Scenario;
  let east: string;
  beforeEach(async () => {
    s = await openScenario("manufacturing-kat");
    east = await account(s, "east", "无锡博远精密机械股份有限公司");
  });
  afterEach(() => s.close());

  it("goes to the KAT manager first, then to the VP", async () => {
    const { instanceId } = await order(s, east, false);

    expect(await nodeIds(s, "kat-east")).toEqual(["kat"]);
    expect(await s.inbox("vp")).toHaveLength(0);
    const [kat] = await s.inbox("kat-east");
    await s.complete("kat-east", (kat as { id: string }).id, { outcome: "approve" });

    expect(await s.inbox("kat-east")).toHaveLength(0);
    expect(await nodeIds(s, "vp")).toEqual(["vp"]);
    expect((await s.engine.instances.get(s.ws, instanceId))?.status).toBe("waiting");
    // Not approved yet: sales and finance have not been told.
    expect(
      (await s.notifications()).filter((n) => n.payload.nodeId === "notify-team"),
    ).toHaveLength(0);

    const [vp] = await s.inbox("vp");
    await s.complete("vp", (vp as { id: string }).id, { outcome: "approve" });
    const instance = await s.engine.instances.get(s.ws, instanceId);
    expect(instance?.state.outcome).toBe("approved");
    expect((await s.engine.instances.tasks(s.ws, instanceId)).map((t) => t.nodeId)).toEqual([
      "kat",
      "vp",
    ]);
    const told = (await s.notifications()).filter((n) => n.payload.nodeId === "notify-team");
    expect(told).toHaveLength(1);
  });

  it("ends rejected when the KAT manager rejects, without asking the VP", async () => {
    const { instanceId } = await order(s, east, false);
    const [kat] = await s.inbox("kat-east");
    await s.complete("kat-east", (kat as { id: string }).id, {
      outcome: "reject",
      comment: "信用额度不足，请先回款",
    });
    const instance = await s.engine.instances.get(s.ws, instanceId);
    expect(instance?.state.outcome).toBe("rejected");
    expect(await s.inbox("vp")).toHaveLength(0);
  });
});
