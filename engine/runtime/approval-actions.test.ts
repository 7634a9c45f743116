/**
 * Approval semantics end to end on SQLite and PostgreSQL: each mode, self-approval and
 * empty-approver policies, departed and duplicate approvers, return (退回) to an earlier step and
 * to the initiator, add signer before and after (加签), per-node field permissions, required
 * comments, actions a node does not allow, and SLA levels that decide or reassign.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
type Config = Record<string, unknown>;

/** start → each approval in order (approved → next, rejected → the `rejected` end) → end. */
function chain(key: string, steps: ReadonlyArray<{ id: string; config: Config }>) {
  const nodes = [
    { id: "start", type: "start", config: {} },
    ...steps.map((s) => ({ id: s.id, type: "approval", config: s.config })),
    { id: "end", type: "end", config: { outcome: "approved" } },
    { id: "rejected", type: "end", config: { outcome: "rejected" } },
  ];
  const edges = [{ id: "e0", source: "start", target: steps[0]?.id }];
  steps.forEach((s, i) => {
    const next = steps[i + 1]?.id ?? "end";
    edges.push({ id: `a${i}`, source: s.id, sourceHandle: "approved", target: next } as never);
    edges.push({
      id: `r${i}`,
      source: s.id,
      sourceHandle: "rejected",
      target: "rejected",
    } as never);
  });
  return {
    kind: "flow",
    key,
    name: t(key, key),
    form: "ticket",
    trigger: { type: "manual" },
    nodes: nodes.map((n, i) => ({ ...n, label: t(n.id, n.id), position: { x: 0, y: i * 100 } })),
    edges,
  };
}

for (const database of testDatabases()) {
  describe(`approvals on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld & { a: string; b: string; c: string; admin: string; gone: string };
    beforeEach(async () => {
      store = await database.open();
      const base = await kamWorld(store);
      const { engine, ws } = base;
      const user = (email: string, name: string, status?: "departed") =>
        engine.users.create(ws, { email, name, ...(status ? { status } : {}) });
      const a = await user("a@acme.cn", "审批人甲");
      const b = await user("b@acme.cn", "审批人乙");
      const c = await user("c@acme.cn", "审批人丙");
      const admin = await user("admin@acme.cn", "审批管理员");
      const gone = await user("gone@acme.cn", "已离职", "departed");
      await engine.memberships.add(ws, { userId: admin, role: "admin" });
      world = { ...base, a, b, c, admin, gone };
    });
    afterEach(() => store.close());

    const u = (userId: string) => ({ kind: "user", userId });

    async function run(key: string, steps: ReadonlyArray<{ id: string; config: Config }>) {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(ws, chain(key, steps));
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "报价审批" },
        { actor: kam },
      );
      const instance = await engine.flows.start(ws, key, { actor: kam, recordId: record.id });
      return { instance, record };
    }

    async function open(instanceId: string) {
      const tasks = await world.engine.instances.tasks(world.ws, instanceId);
      return tasks.filter((x) => x.status === "open" || x.status === "claimed");
    }

    const holder = (task: { assigneeId: string | null; candidates: readonly string[] }) =>
      task.assigneeId ?? task.candidates.join(",");

    async function decide(
      instanceId: string,
      actor: string,
      outcome: "approve" | "reject" | "return",
      extra: { returnTo?: string; comment?: string; data?: Record<string, never> } = {},
    ) {
      const task = (await open(instanceId)).find((x) => holder(x).split(",").includes(actor));
      if (!task) throw new Error(`${actor} holds no open task`);
      return world.engine.tasks.complete({
        workspaceId: world.ws,
        taskId: task.id,
        actor,
        outcome,
        ...extra,
      });
    }

    it("any (或签): the first decision counts and the other tasks are cancelled", async () => {
      const { a, b, c } = world;
      const { instance } = await run("any", [
        { id: "review", config: { approvers: [u(a), u(b), u(c)], mode: "any" } },
      ]);
      expect((await open(instance.id)).map(holder).sort()).toEqual([a, b, c].sort());
      const done = await decide(instance.id, b, "approve");
      expect(done.state.outcome).toBe("approved");
      const tasks = await world.engine.instances.tasks(world.ws, instance.id);
      expect(tasks.filter((x) => x.status === "cancelled")).toHaveLength(2);
    });

    it("all (会签): everyone must approve, one rejection rejects", async () => {
      const { a, b } = world;
      const one = await run("all", [
        { id: "review", config: { approvers: [u(a), u(b)], mode: "all" } },
      ]);
      expect((await decide(one.instance.id, a, "approve")).status).toBe("waiting");
      expect((await decide(one.instance.id, b, "approve")).state.outcome).toBe("approved");
      const two = await run("all-2", [
        { id: "review", config: { approvers: [u(a), u(b)], mode: "all" } },
      ]);
      expect((await decide(two.instance.id, a, "reject")).state.outcome).toBe("rejected");
    });

    it("sequential (依次): one approver at a time, in order", async () => {
      const { a, b, c } = world;
      const { instance } = await run("seq", [
        { id: "review", config: { approvers: [u(c), u(a), u(b)], mode: "sequential" } },
      ]);
      expect((await open(instance.id)).map(holder)).toEqual([c]);
      await decide(instance.id, c, "approve");
      expect((await open(instance.id)).map(holder)).toEqual([a]);
      await decide(instance.id, a, "approve");
      expect((await open(instance.id)).map(holder)).toEqual([b]);
      expect((await decide(instance.id, b, "approve")).state.outcome).toBe("approved");
    });

    it("vote: approved once approvals reach the threshold, rejected once they no longer can", async () => {
      const { a, b, c } = world;
      const yes = await run("vote", [
        { id: "review", config: { approvers: [u(a), u(b), u(c)], mode: "vote", votePercent: 60 } },
      ]);
      await decide(yes.instance.id, a, "approve");
      expect((await decide(yes.instance.id, b, "approve")).state.outcome).toBe("approved");
      const no = await run("vote-no", [
        { id: "review", config: { approvers: [u(a), u(b), u(c)], mode: "vote", votePercent: 60 } },
      ]);
      await decide(no.instance.id, a, "reject");
      expect((await decide(no.instance.id, b, "reject")).state.outcome).toBe("rejected");
    });

    it("self-approval: forbid drops the initiator, skip counts them, allow asks them", async () => {
      const { kam, a } = world;
      const forbid = await run("self-forbid", [
        {
          id: "review",
          config: { approvers: [u(kam), u(a)], mode: "all", selfApproval: "forbid" },
        },
      ]);
      expect((await open(forbid.instance.id)).map(holder)).toEqual([a]);
      const skip = await run("self-skip", [
        { id: "review", config: { approvers: [u(kam), u(a)], mode: "all", selfApproval: "skip" } },
      ]);
      expect((await open(skip.instance.id)).map(holder)).toEqual([a]);
      expect((await decide(skip.instance.id, a, "approve")).state.outcome).toBe("approved");
      const allow = await run("self-allow", [
        { id: "review", config: { approvers: [u(kam)], selfApproval: "allow" } },
      ]);
      expect((await open(allow.instance.id)).map(holder)).toEqual([kam]);
    });

    it("nobody to ask: auto-approve, route to the approval admin, or an incident", async () => {
      const { gone, admin } = world;
      const auto = await run("empty-auto", [
        { id: "review", config: { approvers: [u(gone)], emptyApprovers: "auto-approve" } },
      ]);
      expect(auto.instance.state.outcome).toBe("approved");
      const routed = await run("empty-admin", [
        { id: "review", config: { approvers: [u(gone)], emptyApprovers: "route-to-admin" } },
      ]);
      expect((await open(routed.instance.id)).map(holder)).toEqual([admin]);
      const failed = await run("empty-incident", [
        { id: "review", config: { approvers: [u(gone)], emptyApprovers: "incident" } },
      ]);
      expect(failed.instance.status).toBe("incident");
      expect(failed.instance.incident).toMatchObject({ code: "FLOW_NO_APPROVERS" });
    });

    it("asks a person named twice once, and never a departed one", async () => {
      const { a, gone } = world;
      const { instance } = await run("dup", [
        { id: "review", config: { approvers: [u(a), u(gone), u(a)], mode: "all" } },
      ]);
      expect((await open(instance.id)).map(holder)).toEqual([a]);
      expect((await decide(instance.id, a, "approve")).state.outcome).toBe("approved");
    });

    it("returns (退回) to an earlier step, which asks again, and to the initiator, who resubmits", async () => {
      const { engine, ws, kam, a, b } = world;
      const { instance, record } = await run("return", [
        { id: "first", config: { approvers: [u(a)] } },
        {
          id: "second",
          config: {
            approvers: [u(b)],
            actions: { return: { targets: ["first", "start"] }, commentRequired: ["return"] },
          },
        },
      ]);
      await decide(instance.id, a, "approve");
      await expect(decide(instance.id, b, "return", { returnTo: "first" })).rejects.toMatchObject({
        code: "RUNTIME_COMMENT_REQUIRED",
        pointer: "/comment",
      });
      await expect(
        decide(instance.id, b, "return", { returnTo: "end", comment: "x" }),
      ).rejects.toMatchObject({ code: "RUNTIME_RETURN_TARGET_INVALID", pointer: "/returnTo" });
      await decide(instance.id, b, "return", { returnTo: "first", comment: "请补充报价依据" });
      expect((await open(instance.id)).map((x) => [x.nodeId, holder(x)])).toEqual([["first", a]]);
      await decide(instance.id, a, "approve");
      await decide(instance.id, b, "return", { returnTo: "start", comment: "请修改标题" });
      const [resubmit] = await open(instance.id);
      expect([resubmit?.nodeId, resubmit?.kind, holder(resubmit!)]).toEqual(["start", "task", kam]);
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: resubmit!.id,
        actor: kam,
        outcome: "complete",
        data: { title: "报价审批（修订）" },
      });
      expect((await engine.records.get(ws, record.id))?.data).toMatchObject({
        title: "报价审批（修订）",
      });
      expect((await open(instance.id)).map((x) => x.nodeId)).toEqual(["first"]);
      await decide(instance.id, a, "approve");
      expect((await decide(instance.id, b, "approve")).state.outcome).toBe("approved");
      const kinds = (await engine.instances.history(ws, instance.id)).map((e) => e.kind);
      expect(kinds.filter((k) => k === "approval.returned")).toHaveLength(2);
    });

    it("refuses a return the node does not allow", async () => {
      const { a } = world;
      const { instance } = await run("no-return", [
        { id: "review", config: { approvers: [u(a)] } },
      ]);
      await expect(decide(instance.id, a, "return", { returnTo: "start" })).rejects.toMatchObject({
        code: "RUNTIME_ACTION_NOT_ALLOWED",
      });
    });

    it("adds a signer before (加签): the signer decides first, then the adder again", async () => {
      const { engine, ws, a, b } = world;
      const { instance } = await run("sign-before", [
        { id: "review", config: { approvers: [u(a)], actions: { addSigner: ["before"] } } },
      ]);
      const [task] = await open(instance.id);
      await expect(
        engine.tasks.addSigners({
          workspaceId: ws,
          taskId: task!.id,
          actor: a,
          position: "after",
          users: [b],
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_ACTION_NOT_ALLOWED" });
      await expect(
        engine.tasks.addSigners({
          workspaceId: ws,
          taskId: task!.id,
          actor: a,
          position: "before",
          users: [a],
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_SIGNER_INVALID", pointer: "/users/0" });
      await engine.tasks.addSigners({
        workspaceId: ws,
        taskId: task!.id,
        actor: a,
        position: "before",
        users: [b],
      });
      expect((await open(instance.id)).map(holder)).toEqual([b]);
      expect((await decide(instance.id, b, "approve")).status).toBe("waiting");
      expect((await open(instance.id)).map(holder)).toEqual([a]);
      expect((await decide(instance.id, a, "approve")).state.outcome).toBe("approved");
    });

    it("adds a signer after: the adder's approval stands once the signer approves, falls if not", async () => {
      const { engine, ws, a, b, c } = world;
      const config = { approvers: [u(a)], actions: { addSigner: ["after"] } };
      const yes = await run("sign-after", [{ id: "review", config }]);
      const [task] = await open(yes.instance.id);
      await engine.tasks.addSigners({
        workspaceId: ws,
        taskId: task!.id,
        actor: a,
        position: "after",
        users: [b],
      });
      expect((await open(yes.instance.id)).map(holder)).toEqual([b]);
      expect((await decide(yes.instance.id, b, "approve")).state.outcome).toBe("approved");

      const no = await run("sign-after-no", [{ id: "review", config }]);
      const [second] = await open(no.instance.id);
      await engine.tasks.addSigners({
        workspaceId: ws,
        taskId: second!.id,
        actor: a,
        position: "after",
        users: [c],
      });
      expect((await decide(no.instance.id, c, "reject")).state.outcome).toBe("rejected");
    });

    it("lets approvers write only the fields the node makes editable, and requires the required ones", async () => {
      const { engine, ws, a } = world;
      const { instance, record } = await run("fields", [
        {
          id: "review",
          config: {
            approvers: [u(a)],
            fields: { amount: "editable", status: "required", title: "read-only" },
          },
        },
      ]);
      await expect(
        decide(instance.id, a, "approve", { data: { title: "改标题", status: "ok" } as never }),
      ).rejects.toMatchObject({ code: "RUNTIME_FIELD_NOT_EDITABLE", pointer: "/data/title" });
      await expect(
        decide(instance.id, a, "approve", { data: { amount: 8_000 } as never }),
      ).rejects.toMatchObject({ code: "RUNTIME_FIELD_REQUIRED", pointer: "/data/status" });
      // Refused completions changed nothing.
      expect((await engine.records.get(ws, record.id))?.data).toEqual({ title: "报价审批" });
      await decide(instance.id, a, "approve", { data: { amount: 8_000, status: "核准" } as never });
      expect((await engine.records.get(ws, record.id))?.data).toEqual({
        title: "报价审批",
        amount: 8_000,
        status: "核准",
      });
    });

    it("shows a task without the fields its node hides, with the actions it allows", async () => {
      const { engine, ws, kam, a } = world;
      await engine.definitions.publish(
        ws,
        chain("view", [
          {
            id: "review",
            config: {
              approvers: [u(a)],
              fields: { annualPurchase: "hidden", status: "editable" },
              actions: { return: { targets: ["start"] }, addSigner: ["after"], reject: false },
            },
          },
        ]),
      );
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "报价", annualPurchase: 2_000_000 },
        { actor: kam },
      );
      const instance = await engine.flows.start(ws, "view", { actor: kam, recordId: record.id });
      const [task] = await open(instance.id);
      const view = await engine.tasks.view(ws, task!.id);
      expect(view.record?.data).toEqual({ title: "报价" });
      expect(view.fields).toEqual({ annualPurchase: "hidden", status: "editable" });
      expect(view.actions).toMatchObject({
        outcomes: ["approve", "return"],
        returnTargets: ["start"],
        transfer: false,
        addSigner: ["after"],
        waitForCustomer: false,
      });
      await expect(
        decide(instance.id, a, "approve", { data: { annualPurchase: 1 } as never }),
      ).rejects.toMatchObject({
        code: "RUNTIME_FIELD_NOT_EDITABLE",
        pointer: "/data/annualPurchase",
      });
    });

    it("refuses outcomes and actions the node does not allow", async () => {
      const { engine, ws, a, b } = world;
      const { instance } = await run("locked", [
        {
          id: "review",
          config: { approvers: [u(a)], actions: { reject: false, withdraw: false } },
        },
      ]);
      await expect(decide(instance.id, a, "reject")).rejects.toMatchObject({
        code: "RUNTIME_ACTION_NOT_ALLOWED",
        pointer: "/outcome",
      });
      const [task] = await open(instance.id);
      await expect(
        engine.tasks.complete({ workspaceId: ws, taskId: task!.id, actor: a, outcome: "complete" }),
      ).rejects.toMatchObject({ code: "RUNTIME_OUTCOME_INVALID" });
      // A word that is not a decision (a script's typo) is refused, not counted as approval.
      await expect(
        engine.tasks.complete({
          workspaceId: ws,
          taskId: task!.id,
          actor: a,
          outcome: "rejected" as "reject",
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_OUTCOME_INVALID" });
      expect(await open(instance.id)).toHaveLength(1);
      await expect(
        engine.tasks.transfer({ workspaceId: ws, taskId: task!.id, actor: a, to: b }),
      ).rejects.toMatchObject({ code: "RUNTIME_ACTION_NOT_ALLOWED" });
      await expect(
        engine.instances.withdraw({ workspaceId: ws, instanceId: instance.id, actor: world.kam }),
      ).rejects.toMatchObject({ code: "RUNTIME_ACTION_NOT_ALLOWED" });
    });

    it("lets nobody act on a task nobody holds", async () => {
      const { a, b } = world;
      const { instance } = await run("orphan", [{ id: "review", config: { approvers: [u(a)] } }]);
      const [task] = await open(instance.id);
      await store.db
        .updateTable("tasks")
        .set({ assignee_id: null, candidates: "[]" })
        .where("id", "=", task!.id)
        .execute();
      await expect(
        world.engine.tasks.complete({
          workspaceId: world.ws,
          taskId: task!.id,
          actor: b,
          outcome: "approve",
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_NOT_ASSIGNEE" });
    });

    it("reminds at most once per the node's interval", async () => {
      const { engine, ws, kam, clock, a } = world;
      const { instance } = await run("remind", [
        {
          id: "review",
          config: { approvers: [u(a)], actions: { remind: { minInterval: "PT10M" } } },
        },
      ]);
      const first = await engine.instances.remind({
        workspaceId: ws,
        instanceId: instance.id,
        actor: kam,
      });
      expect(first.reminded).toEqual([a]);
      clock.advance(9 * 60_000);
      await expect(
        engine.instances.remind({ workspaceId: ws, instanceId: instance.id, actor: kam }),
      ).rejects.toMatchObject({ code: "RUNTIME_REMIND_TOO_SOON" });
      clock.advance(60_000);
      await engine.instances.remind({ workspaceId: ws, instanceId: instance.id, actor: kam });
    });

    it("SLA: auto-approves for the pending approver, and reassigns to the target", async () => {
      const { engine, ws, clock, a, b, c } = world;
      const auto = await run("sla-auto", [
        {
          id: "review",
          config: {
            approvers: [u(a), u(b)],
            mode: "sequential",
            sla: { levels: [{ action: "auto-approve", after: "PT1H" }] },
          },
        },
      ]);
      const moved = await run("sla-reassign", [
        {
          id: "review",
          config: {
            approvers: [u(a)],
            sla: { levels: [{ action: "reassign", after: "PT30M", to: [u(c)] }] },
          },
        },
      ]);
      clock.advance(30 * 60_000);
      expect(await engine.timers.fireDue()).toBe(1);
      expect((await open(moved.instance.id)).map(holder)).toEqual([c]);
      expect((await decide(moved.instance.id, c, "approve")).state.outcome).toBe("approved");
      clock.advance(30 * 60_000);
      expect(await engine.timers.fireDue()).toBe(1);
      // Only the approver pending at that moment was decided: the chain moves on to b.
      const tasks = await engine.instances.tasks(ws, auto.instance.id);
      const decided = tasks.find((x) => x.status === "completed");
      expect([decided?.outcome, decided?.completedBy, decided?.data]).toEqual([
        "approve",
        null,
        expect.objectContaining({ auto: "sla" }),
      ]);
      expect((await open(auto.instance.id)).map(holder)).toEqual([b]);
    });
  });
}
