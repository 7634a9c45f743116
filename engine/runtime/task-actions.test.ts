/**
 * Transfer (转交), comment, withdraw (撤回) and remind (催办) on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { approvalFlow, type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

for (const database of testDatabases()) {
  describe(`task actions on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await world.engine.definitions.publish(world.ws, approvalFlow());
    });
    afterEach(() => store.close());

    async function atApproval() {
      const { engine, ws, kam, director } = world;
      const instance = await engine.flows.start(ws, "ticket-approval", {
        actor: kam,
        input: { amount: 50_000 },
      });
      const [fill] = await engine.tasks.inbox(ws, kam);
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: fill!.id,
        actor: kam,
        outcome: "complete",
      });
      const [approval] = await engine.tasks.inbox(ws, director);
      return { instance, approval: approval! };
    }

    it("transfers a task to another active user, who can then complete it", async () => {
      const { engine, ws, director, outsider } = world;
      const { instance, approval } = await atApproval();
      await expect(
        engine.tasks.transfer({
          workspaceId: ws,
          taskId: approval.id,
          actor: outsider,
          to: outsider,
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_NOT_ASSIGNEE" });
      await engine.tasks.transfer({
        workspaceId: ws,
        taskId: approval.id,
        actor: director,
        to: outsider,
        comment: "出差中",
      });
      expect(await engine.tasks.inbox(ws, director)).toHaveLength(0);
      const [moved] = await engine.tasks.inbox(ws, outsider);
      expect(moved?.id).toBe(approval.id);
      const done = await engine.tasks.complete({
        workspaceId: ws,
        taskId: approval.id,
        actor: outsider,
        outcome: "approve",
      });
      expect(done.status).toBe("completed");
      const history = await engine.instances.history(ws, instance.id);
      expect(history.find((h) => h.kind === "task.transferred")?.data).toMatchObject({
        from: director,
        to: outsider,
      });
    });

    it("refuses a transfer to an unknown user or to oneself", async () => {
      const { engine, ws, director } = world;
      const { approval } = await atApproval();
      for (const to of ["nobody", director]) {
        await expect(
          engine.tasks.transfer({ workspaceId: ws, taskId: approval.id, actor: director, to }),
        ).rejects.toMatchObject({
          code: "RUNTIME_TRANSFER_TARGET_INVALID",
        });
      }
    });

    it("records comments in the history", async () => {
      const { engine, ws, director } = world;
      const { instance } = await atApproval();
      await engine.instances.comment({
        workspaceId: ws,
        instanceId: instance.id,
        actor: director,
        text: "请补充合同",
      });
      const history = await engine.instances.history(ws, instance.id);
      expect(history.find((h) => h.kind === "comment.added")?.data).toMatchObject({
        actor: director,
        text: "请补充合同",
      });
      expect(() =>
        engine.instances.comment({
          workspaceId: ws,
          instanceId: instance.id,
          actor: director,
          text: " ",
        }),
      ).toThrow();
    });

    it("lets the initiator withdraw before the first approver acted, and not after", async () => {
      const { engine, ws, kam, director } = world;
      const first = await atApproval();
      await expect(
        engine.instances.withdraw({
          workspaceId: ws,
          instanceId: first.instance.id,
          actor: director,
        }),
      ).rejects.toMatchObject({
        code: "RUNTIME_NOT_INITIATOR",
      });
      const withdrawn = await engine.instances.withdraw({
        workspaceId: ws,
        instanceId: first.instance.id,
        actor: kam,
      });
      expect(withdrawn.status).toBe("cancelled");
      expect(await engine.tasks.inbox(ws, director)).toHaveLength(0);

      const second = await atApproval();
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: second.approval.id,
        actor: director,
        outcome: "reject",
      });
      await expect(
        engine.instances.withdraw({ workspaceId: ws, instanceId: second.instance.id, actor: kam }),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/RUNTIME_WITHDRAW_TOO_LATE|RUNTIME_INSTANCE_ENDED/),
      });
    });

    it("reminds the people a request waits on, at most once per interval", async () => {
      const { engine, ws, kam, director, clock } = world;
      const { instance } = await atApproval();
      const sent = await engine.instances.remind({
        workspaceId: ws,
        instanceId: instance.id,
        actor: kam,
      });
      expect(sent.reminded).toEqual([director]);
      clock.advance(30 * 60_000);
      await expect(
        engine.instances.remind({ workspaceId: ws, instanceId: instance.id, actor: kam }),
      ).rejects.toMatchObject({
        code: "RUNTIME_REMIND_TOO_SOON",
      });
      clock.advance(31 * 60_000);
      await engine.instances.remind({ workspaceId: ws, instanceId: instance.id, actor: kam });
      const notes = await store.db
        .selectFrom("outbox")
        .select("kind")
        .where("kind", "=", "notification")
        .execute();
      expect(notes).toHaveLength(2);
    });
  });
}
