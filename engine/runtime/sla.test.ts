/**
 * SLA ladders end to end on SQLite and PostgreSQL, with a manual clock and the real timer loop:
 * the source material's cases exactly (a strategic customer's ticket not claimed in 15 minutes
 * escalates to the department director at minute 15 and not at minute 14; a green-channel urgent
 * order approved by the KAT manager skips the VP step and reminds after its timeout), durations
 * chosen by tier, the business calendar across a weekend, the Spring Festival make-up Saturday
 * and National Day, "waiting for customer" pauses, and completion cancelling pending levels.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { lineFlow } from "./testing/flows.ts";
import { type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Epoch ms of a wall-clock time in Asia/Shanghai (UTC+8, no daylight saving). */
const sh = (y: number, m: number, d: number, h: number, min = 0) =>
  Date.UTC(y, m - 1, d, h - 8, min);
const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

const ticketForm = {
  kind: "form",
  key: "svc-ticket",
  name: t("服务工单", "Service ticket"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: {
      title: { "x-kam-field": "text", type: "string", maxLength: 200 },
      customerTier: {
        "x-kam-field": "select",
        type: "string",
        enum: ["strategic", "key", "regular"],
      },
      urgent: { "x-kam-field": "boolean", type: "boolean" },
      waitingOnCustomer: { "x-kam-field": "boolean", type: "boolean" },
    },
  },
  uiSchema: { fields: { title: { label: t("标题", "Title") } } },
  rules: {},
};

/** 15 minutes for strategic customers, 2 hours for everyone else (a rule over the record). */
const byTier = {
  rule: { if: [{ "==": [{ var: "record.customerTier" }, "strategic"] }, "PT15M", "PT2H"] },
};

/** A ticket the service desk claims; unclaimed, it escalates to the department director. */
const ticketFlow = lineFlow(
  "strategic-ticket",
  { type: "manual" },
  [
    {
      id: "claim",
      type: "task",
      config: {
        assignees: [{ kind: "role", role: "service-desk" }],
        assignment: "claim",
        sla: {
          target: byTier,
          allowPause: true,
          levels: [
            {
              action: "escalate",
              after: byTier,
              to: [{ kind: "role", role: "department-director" }],
              message: t("战略客户工单超时未受理", "Strategic ticket not claimed in time"),
            },
          ],
        },
      },
    },
  ],
  { form: "svc-ticket" },
);

/**
 * Urgent orders of key accounts take the green channel: the account's KAT manager approves and
 * the VP step is skipped; other orders keep the VP step. The KAT step reminds after 2 working
 * hours, then every 2 working hours twice more.
 */
const orderFlow = {
  kind: "flow",
  key: "urgent-order",
  name: t("紧急订单", "Urgent order"),
  form: "svc-ticket",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: { x: 0, y: 0 }, config: {} },
    {
      id: "kat",
      type: "approval",
      label: t("KAT经理审批", "KAT manager"),
      position: { x: 0, y: 100 },
      config: {
        approvers: [{ kind: "account-team", role: "kat-manager" }],
        sla: {
          calendar: "business",
          levels: [{ action: "remind", after: "PT2H", repeat: { every: "PT2H", times: 2 } }],
        },
      },
    },
    {
      id: "channel",
      type: "condition",
      label: t("绿色通道?", "Green channel?"),
      position: { x: 0, y: 200 },
      config: {},
    },
    {
      id: "vp",
      type: "approval",
      label: t("副总裁审批", "VP"),
      position: { x: 0, y: 300 },
      config: { approvers: [{ kind: "role", role: "vp" }] },
    },
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: { x: 0, y: 400 },
      config: { outcome: "approved" },
    },
    {
      id: "rejected",
      type: "end",
      label: t("驳回", "Rejected"),
      position: { x: 200, y: 400 },
      config: { outcome: "rejected" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "kat" },
    { id: "e2", source: "kat", sourceHandle: "approved", target: "channel" },
    { id: "e3", source: "kat", sourceHandle: "rejected", target: "rejected" },
    {
      id: "e4",
      source: "channel",
      target: "end",
      condition: { "==": [{ var: "record.urgent" }, true] },
    },
    { id: "e5", source: "channel", target: "vp", default: true },
    { id: "e6", source: "vp", sourceHandle: "approved", target: "end" },
    { id: "e7", source: "vp", sourceHandle: "rejected", target: "rejected" },
  ],
};

for (const database of testDatabases()) {
  describe(`SLA ladders on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld & { desk: string; deptDirector: string; katManager: string; vp: string };
    beforeEach(async () => {
      store = await database.open();
      const base = await kamWorld(store);
      const { engine, ws } = base;
      const desk = await engine.users.create(ws, { email: "desk@acme.cn", name: "客服小张" });
      const deptDirector = await engine.users.create(ws, { email: "dd@acme.cn", name: "部门总监" });
      const katManager = await engine.users.create(ws, { email: "kat@acme.cn", name: "KAT经理" });
      const vp = await engine.users.create(ws, { email: "vp@acme.cn", name: "副总裁" });
      await engine.roles.grant(ws, { userId: desk, role: "service-desk" });
      await engine.roles.grant(ws, { userId: deptDirector, role: "department-director" });
      await engine.roles.grant(ws, { userId: vp, role: "vp" });
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, ticketFlow);
      await engine.definitions.publish(ws, orderFlow);
      world = { ...base, desk, deptDirector, katManager, vp };
    });
    afterEach(() => store.close());

    async function ticket(customerTier: string) {
      const { engine, ws, kam } = world;
      const record = await engine.records.create(
        ws,
        "svc-ticket",
        { title: "设备故障", customerTier },
        { actor: kam },
      );
      return engine.flows.start(ws, "strategic-ticket", { actor: kam, recordId: record.id });
    }

    async function notifications() {
      const rows = await store.db.selectFrom("outbox").select(["kind", "payload"]).execute();
      return rows
        .filter((r) => r.kind === "notification")
        .map((r) => (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload));
    }

    async function kinds(instanceId: string) {
      return (await world.engine.instances.history(world.ws, instanceId)).map((e) => e.kind);
    }

    it("escalates a strategic customer's unclaimed ticket to the department director at minute 15, not 14", async () => {
      const { engine, ws, clock, desk, deptDirector } = world;
      const start = clock.now();
      const instance = await ticket("strategic");
      const [task] = await engine.tasks.inbox(ws, desk);
      expect(task?.dueAt).toBe(start + 15 * MIN);
      expect(await engine.tasks.inbox(ws, deptDirector)).toHaveLength(0);

      clock.advance(14 * MIN);
      expect(await engine.timers.fireDue()).toBe(0);
      expect(await engine.tasks.inbox(ws, deptDirector)).toHaveLength(0);

      clock.advance(MIN);
      // The target and the escalation level are both due at minute 15.
      expect(await engine.timers.fireDue()).toBe(2);
      const [escalated] = await engine.tasks.inbox(ws, deptDirector);
      expect(escalated?.id).toBe(task?.id);
      expect((await engine.tasks.inbox(ws, desk)).map((x) => x.id)).toEqual([task?.id]);
      expect(escalated?.data).toMatchObject({ sla: "breached" });
      const sent = await notifications();
      expect(sent).toEqual([
        expect.objectContaining({ event: "sla.escalated", to: [deptDirector], level: 0 }),
      ]);
      expect(await kinds(instance.id)).toEqual(
        expect.arrayContaining(["sla.started", "sla.breached", "sla.level"]),
      );

      // The director takes it over; the instance ends and nothing is left to fire.
      const done = await engine.tasks.complete({
        workspaceId: ws,
        taskId: escalated!.id,
        actor: deptDirector,
        outcome: "complete",
      });
      expect(done.status).toBe("completed");
      expect(await store.db.selectFrom("timers").selectAll().execute()).toHaveLength(0);
    });

    it("gives other customers two hours, and a claim in time records the target as met", async () => {
      const { engine, ws, clock, desk, deptDirector } = world;
      const start = clock.now();
      const instance = await ticket("regular");
      const [task] = await engine.tasks.inbox(ws, desk);
      expect(task?.dueAt).toBe(start + 2 * HOUR);
      clock.advance(15 * MIN);
      expect(await engine.timers.fireDue()).toBe(0);
      clock.advance(60 * MIN);
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: task!.id,
        actor: desk,
        outcome: "complete",
      });
      // Completing cancelled the pending level and target: nothing fires at the two-hour mark.
      clock.advance(2 * HOUR);
      expect(await engine.timers.fireDue()).toBe(0);
      expect(await engine.tasks.inbox(ws, deptDirector)).toHaveLength(0);
      const history = await engine.instances.history(ws, instance.id);
      const met = history.find((e) => e.kind === "sla.met");
      expect(met?.data).toMatchObject({ dueAt: start + 2 * HOUR, margin: 45 * MIN });
      expect(history.some((e) => e.kind === "sla.level")).toBe(false);
    });

    it("pauses the clock while waiting for the customer and resumes with the time left", async () => {
      const { engine, ws, clock, desk, deptDirector } = world;
      const start = clock.now();
      await ticket("strategic");
      const [task] = await engine.tasks.inbox(ws, desk);
      clock.advance(10 * MIN);
      await engine.tasks.waitForCustomer({
        workspaceId: ws,
        taskId: task!.id,
        actor: desk,
        waiting: true,
        reason: "等客户提供序列号",
      });
      await expect(
        engine.tasks.waitForCustomer({
          workspaceId: ws,
          taskId: task!.id,
          actor: desk,
          waiting: true,
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_SLA_PAUSE_STATE" });
      const [paused] = await engine.tasks.inbox(ws, desk);
      expect(paused?.dueAt).toBeNull();
      expect(paused?.data).toMatchObject({ sla: "paused" });
      // Three hours pass: the clock is stopped, nothing fires.
      clock.advance(3 * HOUR);
      expect(await engine.timers.fireDue()).toBe(0);
      await engine.tasks.waitForCustomer({
        workspaceId: ws,
        taskId: task!.id,
        actor: desk,
        waiting: false,
      });
      const resumedAt = start + 10 * MIN + 3 * HOUR;
      const [resumed] = await engine.tasks.inbox(ws, desk);
      expect(resumed?.dueAt).toBe(resumedAt + 5 * MIN);
      clock.advance(4 * MIN);
      expect(await engine.timers.fireDue()).toBe(0);
      clock.advance(MIN);
      expect(await engine.timers.fireDue()).toBe(2);
      expect(await engine.tasks.inbox(ws, deptDirector)).toHaveLength(1);
    });

    it("chooses the SLA by the record's tier from its tier model", async () => {
      const { engine, ws, kam, clock, desk } = world;
      // The value tier model of the ticket form: annual purchase over 1M is "key".
      const byModel = {
        rule: { if: [{ "==": [{ var: "tiers.value-tier" }, "key"] }, "PT15M", "PT2H"] },
      };
      await engine.definitions.publish(
        ws,
        lineFlow("tiered", { type: "manual" }, [
          {
            id: "handle",
            type: "task",
            config: {
              assignees: [{ kind: "role", role: "service-desk" }],
              sla: { target: byModel, levels: [{ action: "remind", after: byModel }] },
            },
          },
        ]),
      );
      const start = clock.now();
      for (const annualPurchase of [2_000_000, 100_000]) {
        const record = await engine.records.create(
          ws,
          "ticket",
          { title: "t", annualPurchase },
          { actor: kam },
        );
        await engine.flows.start(ws, "tiered", { actor: kam, recordId: record.id });
      }
      const due = (await engine.tasks.inbox(ws, desk)).map((x) => x.dueAt);
      expect(due).toEqual([start + 15 * MIN, start + 2 * HOUR]);
    });

    it("refuses to pause a task whose step does not allow it, and pausing by someone else", async () => {
      const { engine, ws, kam, katManager, outsider } = world;
      const record = await engine.records.create(ws, "svc-ticket", { title: "o" }, { actor: kam });
      await engine.accountTeams.add(ws, {
        recordId: record.id,
        userId: katManager,
        role: "kat-manager",
      });
      await engine.flows.start(ws, "urgent-order", { actor: kam, recordId: record.id });
      const [task] = await engine.tasks.inbox(ws, katManager);
      await expect(
        engine.tasks.waitForCustomer({
          workspaceId: ws,
          taskId: task!.id,
          actor: katManager,
          waiting: true,
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_SLA_NOT_PAUSABLE" });
      await expect(
        engine.tasks.waitForCustomer({
          workspaceId: ws,
          taskId: task!.id,
          actor: outsider,
          waiting: true,
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_NOT_ASSIGNEE" });
    });

    async function order(urgent: boolean, at: number) {
      const { engine, ws, kam, clock, katManager } = world;
      clock.set(at);
      const record = await engine.records.create(
        ws,
        "svc-ticket",
        { title: "紧急订单", urgent, customerTier: "key" },
        { actor: kam },
      );
      await engine.accountTeams.add(ws, {
        recordId: record.id,
        userId: katManager,
        role: "kat-manager",
      });
      return engine.flows.start(ws, "urgent-order", { actor: kam, recordId: record.id });
    }

    it("green channel: the KAT manager approves, the VP step is skipped; standard orders keep it", async () => {
      const { engine, ws, katManager, vp } = world;
      const green = await order(true, sh(2026, 11, 23, 9));
      const [task] = await engine.tasks.inbox(ws, katManager);
      const done = await engine.tasks.complete({
        workspaceId: ws,
        taskId: task!.id,
        actor: katManager,
        outcome: "approve",
      });
      expect(done.id).toBe(green.id);
      expect(done.status).toBe("completed");
      expect(done.state.outcome).toBe("approved");
      expect((await engine.instances.tasks(ws, green.id)).map((x) => x.nodeId)).toEqual(["kat"]);

      const standard = await order(false, sh(2026, 11, 23, 9, 30));
      const [next] = await engine.tasks.inbox(ws, katManager);
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: next!.id,
        actor: katManager,
        outcome: "approve",
      });
      const [vpTask] = await engine.tasks.inbox(ws, vp);
      expect(vpTask?.instanceId).toBe(standard.id);
    });

    it("green channel reminds the KAT manager after 2 working hours: Friday 17:00 → Monday 10:00", async () => {
      const { engine, clock, katManager } = world;
      // Friday 27 November 2026, 17:00: one working hour left that day, the weekend off.
      await order(true, sh(2026, 11, 27, 17));
      clock.set(sh(2026, 11, 30, 9, 59));
      expect(await engine.timers.fireDue()).toBe(0);
      clock.set(sh(2026, 11, 30, 10));
      expect(await engine.timers.fireDue()).toBe(1);
      expect(await notifications()).toEqual([
        expect.objectContaining({ event: "sla.remind", to: [katManager], firing: 1 }),
      ]);
      // Repeats every 2 working hours: 10:00–12:00 → 12:00; then across the lunch break,
      // 13:00–15:00 → 15:00.
      clock.set(sh(2026, 11, 30, 11, 59));
      expect(await engine.timers.fireDue()).toBe(0);
      clock.set(sh(2026, 11, 30, 12));
      expect(await engine.timers.fireDue()).toBe(1);
      clock.set(sh(2026, 11, 30, 14, 59));
      expect(await engine.timers.fireDue()).toBe(0);
      clock.set(sh(2026, 11, 30, 15));
      expect(await engine.timers.fireDue()).toBe(1);
      // Two repetitions after the first firing, then the ladder is done.
      clock.set(sh(2026, 12, 1, 18));
      expect(await engine.timers.fireDue()).toBe(0);
      expect((await notifications()).map((n) => n.firing)).toEqual([1, 2, 3]);
    });

    it("counts the Spring Festival make-up Saturday as a working day", async () => {
      const { engine, ws, katManager } = world;
      // Friday 13 February 2026, 17:00; Saturday the 14th is a make-up working day (调休上班).
      await order(true, sh(2026, 2, 13, 17));
      const [task] = await engine.tasks.inbox(ws, katManager);
      const timers = await store.db.selectFrom("timers").select(["due_at"]).execute();
      expect(timers.map((x) => Number(x.due_at))).toEqual([sh(2026, 2, 14, 10)]);
      expect(task?.dueAt).toBe(sh(2026, 2, 14, 10));
    });

    it("skips National Day: a 2-hour SLA started 30 September 17:00 falls due 8 October 10:00", async () => {
      const { engine, ws, katManager } = world;
      await order(true, sh(2026, 9, 30, 17));
      const [task] = await engine.tasks.inbox(ws, katManager);
      expect(task?.dueAt).toBe(sh(2026, 10, 8, 10));
    });
  });
}
