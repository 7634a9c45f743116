/**
 * VIP service requests (vip-request-routing): the request names the member; a subflow run on
 * that member reads its exclusive advisor and tier (an approver spec's `record-field` reads only
 * the request's own fields), copies them into the request, and the advisor gets the task. The
 * SLA: a reminder to the advisor at 1 hour, escalation to the member service manager at 2 hours.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIN, openScenario, type Scenario } from "../../testing/scenario.ts";
import { daysAgo, member } from "./support.ts";

let s: Scenario;
beforeEach(async () => {
  s = await openScenario("retail-membership");
});
afterEach(async () => {
  await s.close();
});

async function vipMember(advisorKey?: string) {
  return s.createRecord(
    "member",
    member("林婉清", {
      lastPurchaseDate: daysAgo(s, 3),
      purchaseCount12m: 14,
      spend12m: 68_000,
      ...(advisorKey ? { advisor: s.people[advisorKey] as string } : {}),
    }),
    { as: "sh-frontdesk", ...(advisorKey ? { owner: advisorKey } : {}) },
  );
}

async function request(memberId: string) {
  return s.createRecord(
    "vip-request",
    {
      member: memberId,
      requestType: "private-shopping",
      description: "周六下午想预约私人导购，试穿秋冬新款大衣",
    },
    { as: "sh-frontdesk" },
  );
}

/** Open tasks of a person in the routing instance of a request. */
async function tasksOf(person: string, recordId: string) {
  const ids = new Set(
    (await s.instances("vip-request-routing"))
      .filter((i) => i.recordId === recordId)
      .map((i) => i.id),
  );
  return (await s.inbox(person)).filter((t) => ids.has(t.instanceId));
}

const notifiedTo = async (person: string, instanceId: string) =>
  (await s.notifications()).filter(
    (n) => n.instanceId === instanceId && n.to.includes(s.people[person] as string),
  );

describe("retail-membership: VIP service requests", () => {
  it("goes to the member's exclusive advisor, with the advisor and tier copied in", async () => {
    const m = await vipMember("sh-advisor-2");
    expect(await s.tier(m.id, "member-rfm")).toBe("vip");
    const r = await request(m.id);

    const stored = await s.engine.records.get(s.ws, r.id);
    expect(stored?.data).toMatchObject({ advisor: s.people["sh-advisor-2"], memberTier: "vip" });
    const [task] = await tasksOf("sh-advisor-2", r.id);
    expect(task).toMatchObject({ nodeId: "serve", dueAt: s.clock.now() + 120 * MIN });
    // Nobody else holds it: not the other advisor of the store, not the service manager.
    expect(await tasksOf("sh-advisor-1", r.id)).toEqual([]);
    expect(await tasksOf("service-manager", r.id)).toEqual([]);

    const done = await s.complete("sh-advisor-2", task?.id as string, {
      data: { resolution: "已预约周六 14:00，预留 M 码大衣三款" },
    });
    expect(done).toBeDefined();
    const [instance] = await s.instances("vip-request-routing");
    expect(instance).toMatchObject({ recordId: r.id, status: "completed" });
    expect((await s.engine.records.get(s.ws, r.id))?.data.resolution).toBe(
      "已预约周六 14:00，预留 M 码大衣三款",
    );
  });

  it("reminds the advisor at 1 hour (not 59 minutes) and escalates at 2 hours (not 119 minutes)", async () => {
    const m = await vipMember("sh-advisor-1");
    const r = await request(m.id);
    const [instance] = await s.instances("vip-request-routing");
    const id = instance?.id as string;

    await s.advance(59 * MIN);
    expect(await notifiedTo("sh-advisor-1", id)).toHaveLength(0);
    await s.advance(MIN);
    expect(await notifiedTo("sh-advisor-1", id)).toHaveLength(1);

    await s.advance(59 * MIN);
    expect(await notifiedTo("service-manager", id)).toHaveLength(0);
    expect(await tasksOf("service-manager", r.id)).toEqual([]);
    await s.advance(MIN);
    expect(await notifiedTo("service-manager", id)).toHaveLength(1);
    // Escalated: the service manager may now act on the advisor's task.
    const [escalated] = await tasksOf("service-manager", r.id);
    expect(escalated?.nodeId).toBe("serve");
    await s.complete("service-manager", escalated?.id as string, {
      data: { resolution: "主管致电会员，改约周日上午" },
    });
    expect((await s.instances("vip-request-routing"))[0]?.status).toBe("completed");
  });

  it("goes to the member service manager when the member has no advisor", async () => {
    const m = await vipMember();
    const r = await request(m.id);
    const [task] = await tasksOf("service-manager", r.id);
    expect(task?.nodeId).toBe("dispatch");
    expect((await s.engine.records.get(s.ws, r.id))?.data).toMatchObject({ memberTier: "vip" });
    expect((await s.engine.records.get(s.ws, r.id))?.data.advisor).toBeUndefined();
  });
});
