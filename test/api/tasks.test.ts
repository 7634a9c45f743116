/**
 * Requests and tasks through HTTP only, against a real server on SQLite and PostgreSQL: the KAM
 * story (a strategic customer's ticket escalates to the department director at minute 15, who
 * sees it arrive live over SSE and completes it), approvals with every action, bulk approve with a
 * result per task, idempotent replays, withdraw, and visibility (404 for what one may not see).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, readEvents, startApi } from "./harness.ts";

const MIN = 60_000;
const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

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
      resolution: { "x-kam-field": "text", type: "string", maxLength: 500 },
    },
  },
  uiSchema: { fields: { title: { label: t("标题", "Title") } } },
  rules: {},
};

const byTier = {
  rule: { if: [{ "==": [{ var: "record.customerTier" }, "strategic"] }, "PT15M", "PT2H"] },
};

/** The strategic-ticket flow of the source material. */
const ticketFlow = {
  kind: "flow",
  key: "strategic-ticket",
  name: t("战略客户工单", "Strategic ticket"),
  form: "svc-ticket",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    {
      id: "claim",
      type: "task",
      label: t("受理", "Claim"),
      position: at(100),
      config: {
        assignees: [{ kind: "role", role: "service-desk" }],
        fields: { resolution: "editable" },
        sla: {
          target: byTier,
          levels: [
            {
              action: "escalate",
              after: byTier,
              to: [{ kind: "role", role: "department-director" }],
            },
          ],
        },
      },
    },
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: at(200),
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "claim" },
    { id: "e2", source: "claim", target: "end" },
  ],
};

/** An approval by the directors (any), with return, transfer and signers allowed. */
const approvalFlow = {
  kind: "flow",
  key: "quote-approval",
  name: t("报价审批", "Quote approval"),
  form: "svc-ticket",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    {
      id: "review",
      type: "approval",
      label: t("审批", "Review"),
      position: at(100),
      config: {
        approvers: [{ kind: "role", role: "department-director" }],
        actions: {
          transfer: true,
          addSigner: ["before", "after"],
          return: { targets: ["start"] },
        },
      },
    },
    {
      id: "ok",
      type: "end",
      label: t("通过", "Approved"),
      position: at(200),
      config: { outcome: "approved" },
    },
    {
      id: "no",
      type: "end",
      label: t("驳回", "Rejected"),
      position: at(200),
      config: { outcome: "rejected" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "review" },
    { id: "e2", source: "review", sourceHandle: "approved", target: "ok" },
    { id: "e3", source: "review", sourceHandle: "rejected", target: "no" },
  ],
};

for (const database of testDatabases()) {
  describe(`tasks and requests over HTTP on ${database.name}`, () => {
    let world: ApiWorld;
    let kam: Client;
    let director: Client;
    let desk: Client;
    beforeEach(async () => {
      world = await startApi(database);
      const { engine, ws, people } = world;
      await world.addPerson("desk", "member");
      await engine.roles.grant(ws, { userId: people.desk!.id, role: "service-desk" });
      await engine.roles.grant(ws, { userId: people.director!.id, role: "department-director" });
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, ticketFlow);
      await engine.definitions.publish(ws, approvalFlow);
      [kam, director, desk] = await Promise.all([
        world.client("kam"),
        world.client("director"),
        world.client("desk"),
      ]);
    });
    afterEach(() => world.close());

    async function ticket(customerTier = "strategic", flow = "strategic-ticket") {
      const record = await world.engine.records.create(
        world.ws,
        "svc-ticket",
        { title: "产线停机", customerTier },
        { actor: world.people.kam!.id },
      );
      const started = await kam.post("/api/v1/instances", { flow, recordId: record.id });
      expect(started.status).toBe(201);
      return { record, instance: started.body.instance };
    }

    it("KAM story: the strategic ticket escalates at minute 15, live, and is resolved", async () => {
      const { clock, engine } = world;
      const { instance, record } = await ticket();
      const [task] = (await desk.get("/api/v1/tasks")).body.items;
      expect(task.dueAt).toBe(clock.now() + 15 * MIN);
      expect(task).not.toHaveProperty("context");
      // The designer's inbox: the request, the record's title and the next SLA deadline.
      const [withContext] = (await desk.get("/api/v1/tasks?include=context")).body.items;
      expect(withContext.context).toEqual({
        flowKey: "strategic-ticket",
        flowVersion: 1,
        flowName: ticketFlow.name,
        nodeLabel: t("受理", "Claim"),
        instanceStatus: "waiting",
        initiatorId: world.people.kam!.id,
        startedAt: expect.any(Number),
        record: { id: record.id, form: "svc-ticket", title: "产线停机" },
        next: { at: clock.now() + 15 * MIN, action: "escalate", level: 0 },
      });
      expect((await director.get("/api/v1/tasks")).body.items).toEqual([]);

      const stream = await director.open("/api/v1/events");
      expect(stream.headers.get("content-type")).toContain("text/event-stream");
      const arrived = readEvents(stream, (events) => events.some((e) => e.event === "inbox"));

      clock.advance(14 * MIN);
      expect(await engine.timers.fireDue()).toBe(0);
      expect((await director.get("/api/v1/tasks")).body.items).toEqual([]);
      clock.advance(MIN);
      expect(await engine.timers.fireDue()).toBe(2);

      const events = await arrived;
      expect(events.find((e) => e.event === "inbox")?.data).toMatchObject({
        taskId: task.id,
        instanceId: instance.id,
        change: "updated",
      });
      const [escalated] = (await director.get("/api/v1/tasks")).body.items;
      expect(escalated.id).toBe(task.id);
      const [late] = (await director.get("/api/v1/tasks?include=context")).body.items;
      expect(late.context.next).toBeNull();
      const view = await director.get(`/api/v1/tasks/${task.id}`);
      expect(view.body.record.data).toMatchObject({ title: "产线停机" });
      expect(view.body.actions.outcomes).toEqual(["complete"]);

      const done = await director.post(`/api/v1/tasks/${task.id}/complete`, {
        data: { resolution: "更换主板" },
      });
      expect(done.status).toBe(200);
      expect(done.body.instance.status).toBe("completed");
      expect((await engine.records.get(world.ws, record.id))?.data).toMatchObject({
        resolution: "更换主板",
      });
      const inspected = await kam.get(`/api/v1/instances/${instance.id}`);
      const kinds = inspected.body.history.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(["sla.started", "sla.level", "sla.breached"]));
      expect(inspected.body.instance.status).toBe("completed");
      expect((await engine.audit.verify(world.ws)).ok).toBe(true);
    });

    it("claims a pool task (认领): one wins, the others no longer see it, until released", async () => {
      await world.addPerson("desk2", "member");
      await world.engine.roles.grant(world.ws, {
        userId: world.people.desk2!.id,
        role: "service-desk",
      });
      await ticket("regular");
      const desk2 = await world.client("desk2");
      const [task] = (await desk.get("/api/v1/tasks")).body.items;
      expect(
        (await desk2.get("/api/v1/tasks")).body.items.map((x: { id: string }) => x.id),
      ).toEqual([task.id]);
      const claimed = await desk.post(`/api/v1/tasks/${task.id}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body.task).toMatchObject({
        status: "claimed",
        assigneeId: world.people.desk!.id,
      });
      expect((await desk2.get("/api/v1/tasks")).body.items).toEqual([]);
      expect((await desk2.post(`/api/v1/tasks/${task.id}/claim`)).status).toBe(409);
      expect((await desk2.post(`/api/v1/tasks/${task.id}/complete`, {})).status).toBe(403);
      expect((await desk.post(`/api/v1/tasks/${task.id}/release`)).status).toBe(200);
      expect((await desk2.get("/api/v1/tasks")).body.items).toHaveLength(1);
      expect((await desk2.post(`/api/v1/tasks/${task.id}/claim`)).status).toBe(200);
      const done = await desk2.post(`/api/v1/tasks/${task.id}/complete`, {});
      expect(done.body.instance.status).toBe("completed");
    });

    it("approves once per Idempotency-Key, and refuses what the step does not allow", async () => {
      const { instance } = await ticket("key", "quote-approval");
      const [task] = (await director.get("/api/v1/tasks")).body.items;
      const wrong = await director.post(`/api/v1/tasks/${task.id}/complete`, {});
      expect(wrong.status).toBe(422);
      expect(wrong.body.code).toBe("RUNTIME_OUTCOME_INVALID");
      const badReturn = await director.post(`/api/v1/tasks/${task.id}/return`, { returnTo: "ok" });
      expect(badReturn.status).toBe(422);
      expect(badReturn.body.issues[0]).toMatchObject({ pointer: "/returnTo" });
      const shape = await director.post(`/api/v1/tasks/${task.id}/approve`, { data: 5 });
      expect(shape.status).toBe(400);
      expect(shape.body.issues[0]).toMatchObject({ pointer: "/data" });

      const key = { "idempotency-key": "approve-1" };
      const first = await director.post(
        `/api/v1/tasks/${task.id}/approve`,
        { comment: "同意" },
        key,
      );
      expect(first.status).toBe(200);
      expect(first.body.instance.state.outcome).toBe("approved");
      const replay = await director.post(
        `/api/v1/tasks/${task.id}/approve`,
        { comment: "同意" },
        key,
      );
      expect(replay.status).toBe(200);
      expect(replay.body.instance.version).toBe(first.body.instance.version);
      const again = await director.post(`/api/v1/tasks/${task.id}/approve`, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe("RUNTIME_TASK_NOT_OPEN");
      const inspected = await kam.get(`/api/v1/instances/${instance.id}`);
      const decided = inspected.body.history.filter(
        (e: { kind: string }) => e.kind === "approval.decided",
      );
      expect(decided).toHaveLength(1);
    });

    it("returns to the initiator, transfers, and adds a signer over HTTP", async () => {
      const { instance } = await ticket("key", "quote-approval");
      let [task] = (await director.get("/api/v1/tasks")).body.items;
      const returned = await director.post(`/api/v1/tasks/${task.id}/return`, {
        returnTo: "start",
        comment: "补充报价",
      });
      expect(returned.status).toBe(200);
      const [resubmit] = (await kam.get("/api/v1/tasks")).body.items;
      expect(resubmit.nodeId).toBe("start");
      await kam.post(`/api/v1/tasks/${resubmit.id}/complete`, {
        data: { title: "产线停机（已补充）" },
      });
      [task] = (await director.get("/api/v1/tasks")).body.items;
      const moved = await director.post(`/api/v1/tasks/${task.id}/transfer`, {
        to: world.people.manager!.id,
      });
      expect(moved.status).toBe(200);
      const manager = await world.client("manager");
      [task] = (await manager.get("/api/v1/tasks")).body.items;
      const signed = await manager.post(`/api/v1/tasks/${task.id}/signers`, {
        position: "before",
        users: [world.people.admin!.id],
      });
      expect(signed.status).toBe(200);
      const admin = await world.client("admin");
      const [adminTask] = (await admin.get("/api/v1/tasks")).body.items;
      await admin.post(`/api/v1/tasks/${adminTask.id}/approve`, {});
      const [back] = (await manager.get("/api/v1/tasks")).body.items;
      const done = await manager.post(`/api/v1/tasks/${back.id}/approve`, {});
      expect(done.body.instance.id).toBe(instance.id);
      expect(done.body.instance.state.outcome).toBe("approved");
    });

    it("bulk-approves selected tasks with a result per task", async () => {
      const a = await ticket("key", "quote-approval");
      const b = await ticket("key", "quote-approval");
      const tasks = (await director.get("/api/v1/tasks")).body.items;
      expect(tasks).toHaveLength(2);
      const taskOfA = tasks.find((x: { instanceId: string }) => x.instanceId === a.instance.id);
      await director.post(`/api/v1/tasks/${taskOfA.id}/approve`, {});
      const bulk = await director.post("/api/v1/tasks/bulk-approve", {
        taskIds: tasks.map((x: { id: string }) => x.id),
      });
      expect(bulk.status).toBe(200);
      const byTask = Object.fromEntries(
        bulk.body.results.map((r: { taskId: string; status: number }) => [r.taskId, r.status]),
      );
      expect(byTask[taskOfA.id]).toBe(409);
      const other = tasks.find((x: { instanceId: string }) => x.instanceId === b.instance.id);
      expect(byTask[other.id]).toBe(200);
      const viewer = await world.client("viewer");
      const denied = await viewer.post("/api/v1/tasks/bulk-approve", { taskIds: [other.id] });
      expect(denied.status).toBe(403);
    });

    it("lets the initiator withdraw before the first decision, and hides others' requests", async () => {
      const { instance } = await ticket("key", "quote-approval");
      const viewer = await world.client("viewer");
      expect((await viewer.get(`/api/v1/instances/${instance.id}`)).status).toBe(404);
      const [task] = (await director.get("/api/v1/tasks")).body.items;
      expect((await viewer.get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
      expect((await director.post(`/api/v1/instances/${instance.id}/withdraw`, {})).status).toBe(
        403,
      );
      const withdrawn = await kam.post(`/api/v1/instances/${instance.id}/withdraw`, {
        reason: "客户撤单",
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.instance.status).toBe("cancelled");
      expect((await director.get("/api/v1/tasks")).body.items).toEqual([]);
      const mine = await kam.get("/api/v1/instances?status=cancelled");
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([instance.id]);
      const badStatus = await kam.get("/api/v1/instances?status=sleeping");
      expect(badStatus.status).toBe(400);
    });
  });
}
