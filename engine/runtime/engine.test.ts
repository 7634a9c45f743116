/**
 * The durable runtime end to end, on SQLite and PostgreSQL: a five-node approval flow through
 * the engine API, history, audit, idempotency and concurrent completions.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { approvalFlow, type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

for (const database of testDatabases()) {
  describe(`runtime on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await world.engine.definitions.publish(world.ws, approvalFlow());
    });
    afterEach(() => store.close());

    async function startTicket(amount: number) {
      const { engine, ws, kam } = world;
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "设备故障", amount },
        { actor: kam },
      );
      const instance = await engine.flows.start(ws, "ticket-approval", {
        actor: kam,
        input: { amount },
        recordId: record.id,
      });
      return { record, instance };
    }

    it("runs start → task → condition → approval → end, with the history of each decision", async () => {
      const { engine, ws, kam, director } = world;
      const { instance } = await startTicket(50_000);
      expect(instance.status).toBe("waiting");

      const [fill] = await engine.tasks.inbox(ws, kam);
      expect(fill?.nodeId).toBe("fill");
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: fill!.id,
        actor: kam,
        outcome: "complete",
      });

      const [approval] = await engine.tasks.inbox(ws, director);
      expect(approval?.kind).toBe("approval");
      const done = await engine.tasks.complete({
        workspaceId: ws,
        taskId: approval!.id,
        actor: director,
        outcome: "approve",
      });
      expect(done.status).toBe("completed");
      expect(done.state.outcome).toBe("done");

      const history = await engine.instances.history(ws, instance.id);
      const branch = history.find((h) => h.kind === "branch.chosen");
      expect(branch?.data).toMatchObject({ edgeId: "e3", default: false, flowVersion: 1 });
      expect(history.some((h) => h.kind === "approvers.resolved")).toBe(true);
      expect(await engine.audit.verify(ws)).toMatchObject({ ok: true });
    });

    it("takes the default branch below the threshold", async () => {
      const { engine, ws, kam } = world;
      const { instance } = await startTicket(500);
      const [fill] = await engine.tasks.inbox(ws, kam);
      const done = await engine.tasks.complete({
        workspaceId: ws,
        taskId: fill!.id,
        actor: kam,
        outcome: "complete",
      });
      expect(done.status).toBe("completed");
      const branch = (await engine.instances.history(ws, instance.id)).find(
        (h) => h.kind === "branch.chosen",
      );
      expect(branch?.data).toMatchObject({ edgeId: "e4", default: true });
    });

    it("routes a rejection to its end", async () => {
      const { engine, ws, kam, director } = world;
      await startTicket(20_000);
      const [fill] = await engine.tasks.inbox(ws, kam);
      await engine.tasks.complete({
        workspaceId: ws,
        taskId: fill!.id,
        actor: kam,
        outcome: "complete",
      });
      const [approval] = await engine.tasks.inbox(ws, director);
      const done = await engine.tasks.complete({
        workspaceId: ws,
        taskId: approval!.id,
        actor: director,
        outcome: "reject",
      });
      expect(done.state.outcome).toBe("rejected");
    });

    it("refuses a task to someone it is not assigned to", async () => {
      const { engine, ws, kam, outsider } = world;
      await startTicket(50_000);
      const [fill] = await engine.tasks.inbox(ws, kam);
      await expect(
        engine.tasks.complete({
          workspaceId: ws,
          taskId: fill!.id,
          actor: outsider,
          outcome: "complete",
        }),
      ).rejects.toMatchObject({ code: "RUNTIME_NOT_ASSIGNEE" });
    });

    it("returns the first result for a repeated idempotency key and changes nothing", async () => {
      const { engine, ws, kam } = world;
      await startTicket(50_000);
      const [fill] = await engine.tasks.inbox(ws, kam);
      const command = {
        workspaceId: ws,
        taskId: fill!.id,
        actor: kam,
        outcome: "complete" as const,
        idempotencyKey: "k-1",
      };
      const first = await engine.tasks.complete(command);
      const again = await engine.tasks.complete(command);
      expect(again.version).toBe(first.version);
      expect((await engine.instances.get(ws, first.id))?.version).toBe(first.version);
    });

    it("lets exactly one of two concurrent completions of a task win; the other gets a conflict", async () => {
      const { engine, ws, kam } = world;
      await startTicket(50_000);
      const [fill] = await engine.tasks.inbox(ws, kam);
      const complete = () =>
        engine.tasks.complete({
          workspaceId: ws,
          taskId: fill!.id,
          actor: kam,
          outcome: "complete",
          expectedVersion: fill!.version,
        });
      const results = await Promise.allSettled([complete(), complete()]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(["STORE_CONFLICT", "RUNTIME_TASK_NOT_OPEN"]).toContain(loser.reason.code);
    });

    it("keeps running instances on their version when a new one is published", async () => {
      const { engine, ws, kam } = world;
      const { instance } = await startTicket(50_000);
      const v2 = { ...approvalFlow(), name: { "zh-CN": "工单审批 v2", en: "Ticket approval v2" } };
      await engine.definitions.publish(ws, v2);
      const [fill] = await engine.tasks.inbox(ws, kam);
      const after = await engine.tasks.complete({
        workspaceId: ws,
        taskId: fill!.id,
        actor: kam,
        outcome: "complete",
      });
      expect(after.flowVersion).toBe(1);
      const fresh = await engine.flows.start(ws, "ticket-approval", {
        actor: kam,
        input: { amount: 1 },
      });
      expect(fresh.flowVersion).toBe(2);
      expect(instance.flowVersion).toBe(1);
    });

    it("assigns tiers when records are written, with history", async () => {
      const { engine, ws, kam } = world;
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "A", annualPurchase: 200_000 },
        { actor: kam },
      );
      await engine.records.update(ws, record.id, { annualPurchase: 2_000_000 }, { actor: kam });
      const rows = await store.db
        .selectFrom("tier_history")
        .select(["from_tier", "to_tier"])
        .where("record_id", "=", record.id)
        .orderBy("at")
        .execute();
      expect(rows.map((r) => [r.from_tier, r.to_tier])).toEqual([
        [null, "regular"],
        ["regular", "key"],
      ]);
    });
  });
}

import { sql } from "kysely";
import { valueTierModel } from "./testing/kam-fixture.ts";
import { fieldsRead } from "./tier-indexes.ts";

describe("tier field indexes", () => {
  it("finds the top-level record fields a tier model reads", () => {
    expect(fieldsRead(valueTierModel)).toEqual(["annualPurchase"]);
    expect(
      fieldsRead({ a: [{ var: ["nps", 0] }, { var: "contact.email" }, { var: "__x" }] }),
    ).toEqual(["nps"]);
  });
});

for (const database of testDatabases()) {
  describe(`maintenance on ${database.name}`, () => {
    it("indexes the fields of a published tier model, and prunes finished instances' history", async () => {
      const store = await database.open();
      try {
        const world = await kamWorld(store);
        const name = "records_fn_annualPurchase";
        const found =
          store.dialect === "postgres"
            ? await sql<{
                n: string;
              }>`select indexname as n from pg_indexes where indexname = ${name} and schemaname = current_schema()`.execute(
                store.db,
              )
            : await sql<{
                n: string;
              }>`select name as n from sqlite_master where type = 'index' and name = ${name}`.execute(
                store.db,
              );
        expect(found.rows).toHaveLength(1);
        const { engine, ws, kam, clock } = world;
        await engine.definitions.publish(ws, approvalFlow());
        const instance = await engine.flows.start(ws, "ticket-approval", {
          actor: kam,
          input: { amount: 1 },
        });
        const [fill] = await engine.tasks.inbox(ws, kam);
        await engine.tasks.complete({
          workspaceId: ws,
          taskId: fill!.id,
          actor: kam,
          outcome: "complete",
        });
        expect((await engine.instances.history(ws, instance.id)).length).toBeGreaterThan(0);
        clock.advance(31 * 86_400_000);
        await engine.maintenance.prune(30 * 86_400_000);
        expect(await engine.instances.history(ws, instance.id)).toEqual([]);
        expect((await engine.instances.get(ws, instance.id))?.status).toBe("completed");
      } finally {
        await store.close();
      }
    });
  });
}
