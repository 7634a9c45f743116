/**
 * Scenarios of the manufacturing-kat pack's equipment-fault response and customised-order
 * handover, installed into an empty workspace:
 * - a fault report goes to the account's after-sales engineer (and the service hotline); the
 *   2-hour response clock is natural time, because plants run around the clock: reported on
 *   Friday 17:30, a warning at 19:00, and at 19:30 — not 19:29 — it escalates to the service
 *   director and the KAT manager is told; the escalated director may respond;
 * - a response within the 2 hours cancels the escalation; a line-down fault alerts the KAT
 *   manager at once;
 * - a customised order is handed over sales → engineering → production; production returns it
 *   to engineering (退回), engineering signs off again, production then confirms and the
 *   handover completes; engineering may likewise return it to sales.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIN, openScenario, type Scenario, shanghai } from "../../testing/scenario.ts";

/** Friday 27 November 2026, 17:30 in Shanghai: half an hour before the office closes. */
const FRIDAY_1730 = shanghai(2026, 11, 27, 17, 30);

const TEAM = [
  ["kat-manager", "kat-east"],
  ["sales", "sales-east"],
  ["technical", "tech-east"],
  ["after-sales", "service-east"],
  ["finance", "finance-east"],
] as const;

async function account(s: Scenario): Promise<string> {
  const record = await s.createRecord(
    "account",
    {
      name: "宁波海川液压机械有限公司",
      industrySegment: "construction-machinery",
      annualPurchase: 4_600_000,
      grossMargin: 22.5,
      plants: [{ plantName: "北仑工厂", province: "zhejiang", city: "宁波", lineCount: 5 }],
    },
    { as: "sales-east" },
  );
  for (const [role, person] of TEAM)
    await s.engine.accountTeams.add(s.ws, {
      recordId: record.id,
      userId: s.people[person] as string,
      role,
    });
  return record.id;
}

const idOf = (task: { id: string } | undefined) => (task as { id: string }).id;

async function events(s: Scenario, event: string) {
  return (await s.notifications()).filter((n) => n.payload.event === event);
}

describe("manufacturing-kat: equipment fault → respond within 2 hours", () => {
  let s: Scenario;
  let accountId: string;
  beforeEach(async () => {
    s = await openScenario("manufacturing-kat", { start: FRIDAY_1730 });
    accountId = await account(s);
  });
  afterEach(() => s.close());

  const fault = (severity: "line-down" | "major" | "minor") =>
    s.createRecord(
      "equipment-fault",
      {
        account: accountId,
        equipment: "五轴加工中心 VMC-850",
        serialNo: "SN2024-0815",
        severity,
        description: "主轴异响并报警 ALM-2031，已停机",
        reporterName: "许立新",
      },
      { as: "hotline" },
    );

  it("escalates to the service director at 2 hours, not at 1h59, and tells the KAT manager", async () => {
    await fault("major");
    const [task] = await s.inbox("service-east");
    expect(task?.nodeId).toBe("respond");
    expect(task?.dueAt).toBe(FRIDAY_1730 + 120 * MIN); // natural time: Friday 19:30
    expect(await s.inbox("hotline")).toHaveLength(1); // the hotline may pick it up too
    expect(await s.inbox("service-director")).toHaveLength(0);

    await s.advance(90 * MIN); // 19:00: a warning to whoever holds the task
    const warnings = await events(s, "sla.remind");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.payload.nodeId).toBe("respond");

    await s.advance(29 * MIN); // 19:29
    expect(await events(s, "sla.escalated")).toHaveLength(0);
    expect(await events(s, "sla.notify")).toHaveLength(0);
    expect(await s.inbox("service-director")).toHaveLength(0);

    await s.advance(MIN); // 19:30
    const escalated = await events(s, "sla.escalated");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.to).toEqual([s.people["service-director"]]);
    const told = await events(s, "sla.notify");
    expect(told).toHaveLength(1);
    expect(told[0]?.to).toEqual([s.people["kat-east"]]);
    const [escalatedTask] = await s.inbox("service-director");
    expect(escalatedTask?.nodeId).toBe("respond");

    // The director responds; the fault moves on to its fix.
    await s.complete("service-director", idOf(escalatedTask), {
      data: { responseNote: "已电话指导复位，周六上午安排工程师上门", onSiteRequired: true },
    });
    expect((await s.inbox("service-east")).map((t) => t.nodeId)).toEqual(["resolve"]);
  });

  it("does not escalate when after-sales responds in time, and closes with the KAT manager told", async () => {
    const record = await fault("minor");
    await s.advance(45 * MIN);
    const [task] = await s.inbox("service-east");
    // The response note is required.
    await expect(s.complete("service-east", idOf(task))).rejects.toMatchObject({
      code: "RUNTIME_FIELD_REQUIRED",
    });
    await s.complete("service-east", idOf(task), {
      data: { responseNote: "远程诊断：冷却液液位低报警，已指导客户补液" },
    });
    await s.advance(4 * 60 * MIN);
    expect(await events(s, "sla.escalated")).toHaveLength(0);
    expect(await events(s, "sla.remind")).toHaveLength(0);
    expect(await s.inbox("service-director")).toHaveLength(0);

    const [fix] = await s.inbox("service-east");
    await s.complete("service-east", idOf(fix), {
      data: { rootCause: "冷却液液位传感器误报", resolution: "更换传感器，试机正常" },
    });
    const [instance] = await s.instances("equipment-fault-response");
    expect(instance?.recordId).toBe(record.id);
    expect(instance?.status).toBe("completed");
    const closed = (await s.notifications()).filter((n) => n.payload.nodeId === "notify-kat");
    expect(closed.map((n) => n.to)).toEqual([[s.people["kat-east"]]]);
  });

  it("alerts the KAT manager at once when the line is down", async () => {
    await fault("line-down");
    const alerts = (await s.notifications()).filter((n) => n.payload.nodeId === "alert-kat");
    expect(alerts.map((n) => n.to)).toEqual([[s.people["kat-east"]]]);
    expect((await s.inbox("service-east")).map((t) => t.nodeId)).toEqual(["respond"]);
  });
});

describe("manufacturing-kat: customised order handover sales → technical → production", () => {
  let s: Scenario;
  let accountId: string;
  beforeEach(async () => {
    s = await openScenario("manufacturing-kat");
    accountId = await account(s);
  });
  afterEach(() => s.close());

  async function handover() {
    const record = await s.createRecord(
      "custom-order-handover",
      {
        title: "非标液压夹具定制订单交接",
        account: accountId,
        spec: "非标液压夹具 8 套，工作压力 16MPa，材质 42CrMo，调质处理",
      },
      { as: "sales-east" },
    );
    const [instance] = await s.instances("custom-order-handover");
    return { record, instanceId: (instance as { id: string }).id };
  }

  async function signSales() {
    const [task] = await s.inbox("sales-east");
    expect(task?.nodeId).toBe("sales");
    await s.complete("sales-east", idOf(task), {
      data: {
        salesSignOff: true,
        drawings: [{ drawingNo: "JJ-2026-031", revision: "A" }],
        notes: "图纸以客户 2026 版为准",
      },
    });
  }

  it("goes back to technical when production returns it, then completes", async () => {
    const { record, instanceId } = await handover();
    await signSales();

    const [review] = await s.inbox("tech-east");
    expect(review?.nodeId).toBe("technical");
    expect(await s.inbox("production-manager")).toHaveLength(0);
    await s.complete("tech-east", idOf(review), {
      outcome: "approve",
      data: { technicalSignOff: true, technicalNotes: "工艺可行" },
    });

    const [confirm] = await s.inbox("production-manager");
    expect(confirm?.nodeId).toBe("production");
    // Production cannot confirm without its sign-off and a planned start.
    await expect(
      s.complete("production-manager", idOf(confirm), { outcome: "approve" }),
    ).rejects.toMatchObject({ code: "RUNTIME_FIELD_REQUIRED" });
    // 退回: production returns it to engineering for rework.
    await s.complete("production-manager", idOf(confirm), {
      outcome: "return",
      returnTo: "technical",
      comment: "夹具底板尺寸超出机床工作台，请技术修改图纸",
    });

    expect(await s.inbox("production-manager")).toHaveLength(0);
    expect(await s.inbox("sales-east")).toHaveLength(0);
    const [rework] = await s.inbox("tech-east");
    expect(rework?.nodeId).toBe("technical");
    expect(rework?.id).not.toBe(review?.id);
    await s.complete("tech-east", idOf(rework), {
      outcome: "approve",
      data: {
        technicalSignOff: true,
        technicalNotes: "底板改为 600×400，图纸升版 B",
        drawings: [{ drawingNo: "JJ-2026-031", revision: "B" }],
      },
    });

    const [again] = await s.inbox("production-manager");
    expect(again?.nodeId).toBe("production");
    await s.complete("production-manager", idOf(again), {
      outcome: "approve",
      data: { productionSignOff: true, plannedStart: "2026-12-07", productionNotes: "排入 2 号线" },
    });

    const instance = await s.engine.instances.get(s.ws, instanceId);
    expect(instance?.status).toBe("completed");
    expect(instance?.state.outcome).toBe("handed-over");
    const history = await s.engine.instances.history(s.ws, instanceId);
    expect(history.filter((h) => h.kind === "node.entered").map((h) => h.nodeId)).toEqual([
      "start",
      "sales",
      "technical",
      "production",
      "technical",
      "production",
      "notify",
      "done",
    ]);
    const stored = await s.engine.records.get(s.ws, record.id);
    expect(stored?.data).toMatchObject({
      salesSignOff: true,
      technicalSignOff: true,
      productionSignOff: true,
      plannedStart: "2026-12-07",
      drawings: [{ drawingNo: "JJ-2026-031", revision: "B" }],
    });
    const told = (await s.notifications()).filter((n) => n.payload.nodeId === "notify");
    expect(told).toHaveLength(1);
    expect([...(told[0]?.to ?? [])].sort()).toEqual(
      [s.people["sales-east"], s.people["kat-east"]].sort(),
    );
  });

  it("goes back to sales when engineering returns it", async () => {
    await handover();
    await signSales();
    const [review] = await s.inbox("tech-east");
    await s.complete("tech-east", idOf(review), {
      outcome: "return",
      returnTo: "sales",
      comment: "缺少检验标准，请与客户确认",
    });
    expect(await s.inbox("tech-east")).toHaveLength(0);
    expect((await s.inbox("sales-east")).map((t) => t.nodeId)).toEqual(["sales"]);
    // Production is not a place engineering can send it back to.
    await signSales();
    const [second] = await s.inbox("tech-east");
    await expect(
      s.complete("tech-east", idOf(second), {
        outcome: "return",
        returnTo: "production",
        comment: "生产环节尚未开始",
      }),
    ).rejects.toMatchObject({ code: "RUNTIME_RETURN_TARGET_INVALID" });
  });
});
