/**
 * Incidents on SQLite and PostgreSQL: a webhook whose calls keep failing retries with back-off
 * and becomes an incident after its last try, and a retry completes it; a step over its
 * transition limit stops as an incident and continues on retry; a step that cannot be applied
 * at all (it would write an invalid record) becomes an incident instead of failing forever; a
 * flow that starts itself as a subflow is refused with a typed error and leaves nothing behind.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import type { Performer } from "./outbox.ts";
import { lineFlow } from "./testing/flows.ts";
import { type KamWorld, kamWorld, ticketForm } from "./testing/kam-fixture.ts";

const webhookFlow = lineFlow("erp-sync", { type: "manual" }, [
  {
    id: "call",
    type: "webhook",
    config: {
      method: "POST",
      url: "https://erp.example.cn/orders",
      retries: { maxAttempts: 2, initialDelay: "PT10S" },
    },
  },
]);

const setStatus = (id: string, status: string) => ({
  id,
  type: "action",
  config: { operations: [{ kind: "set-fields", fields: { status } }] },
});

for (const database of testDatabases()) {
  describe(`incidents on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
    });
    afterEach(() => store.close());

    it("a failing webhook retries with back-off, becomes an incident, and a retry completes it", async () => {
      const { engine, ws, kam, clock } = world;
      await engine.definitions.publish(ws, webhookFlow);
      const instance = await engine.flows.start(ws, "erp-sync", { actor: kam });
      const calls: string[] = [];
      let up = false;
      const perform: Performer = async (message) => {
        calls.push(String(message.idempotencyKey));
        return up
          ? { ok: true, response: { status: 200, body: { id: "SO-1" } } }
          : { ok: false, error: "HTTP 500" };
      };
      const random = () => 0;

      expect(await engine.outbox.deliver({ perform, random })).toMatchObject({ retrying: 1 });
      expect(await engine.outbox.deliver({ perform, random })).toMatchObject({
        retrying: 0,
        failed: 0,
      });
      clock.advance(10_000);
      expect(await engine.outbox.deliver({ perform, random })).toMatchObject({ failed: 1 });
      const failed = await engine.instances.get(ws, instance.id);
      expect(failed?.status).toBe("incident");
      expect(calls).toHaveLength(2);
      expect(calls[0]).toBe(calls[1]);

      up = true;
      await engine.instances.retry(ws, instance.id, { actor: kam });
      expect(await engine.outbox.deliver({ perform, random })).toMatchObject({ delivered: 1 });
      expect((await engine.instances.get(ws, instance.id))?.status).toBe("completed");
      expect(calls[2]).not.toBe(calls[0]);
    });

    it("a step over its transition limit stops as an incident and goes on when retried", async () => {
      const limited = await kamWorld(store, { maxTransitions: 3 });
      const { engine, ws, kam } = limited;
      await engine.definitions.publish(
        ws,
        lineFlow("long", { type: "manual" }, [
          setStatus("a", "a"),
          setStatus("b", "b"),
          setStatus("c", "c"),
          setStatus("d", "d"),
        ]),
      );
      const record = await engine.records.create(ws, "ticket", { title: "t" }, { actor: kam });
      const instance = await engine.flows.start(ws, "long", { actor: kam, recordId: record.id });
      expect(instance.status).toBe("incident");
      expect(instance.state.incident?.code).toBe("FLOW_STEP_LIMIT_EXCEEDED");
      let current = instance;
      for (let i = 0; i < 5 && current.status === "incident"; i++) {
        current = await engine.instances.retry(ws, instance.id, { actor: kam });
      }
      expect(current.status).toBe("completed");
      expect((await engine.records.get(ws, record.id))?.data).toMatchObject({ status: "d" });
    });

    it("a timer whose step cannot be applied makes an incident, retried after the cause is fixed", async () => {
      const { engine, ws, kam, clock } = world;
      const tooLong = "长".repeat(300);
      await engine.definitions.publish(
        ws,
        lineFlow("late-write", { type: "manual" }, [
          { id: "pause", type: "wait", config: { kind: "duration", duration: "PT1H" } },
          setStatus("write", tooLong),
        ]),
      );
      const record = await engine.records.create(ws, "ticket", { title: "t" }, { actor: kam });
      const instance = await engine.flows.start(ws, "late-write", {
        actor: kam,
        recordId: record.id,
      });
      clock.advance(3_600_000);
      expect(await engine.timers.fireDue()).toBe(1);
      const stuck = await engine.instances.get(ws, instance.id);
      expect(stuck?.status).toBe("incident");
      expect(stuck?.incident).toMatchObject({ code: "FORM_VALUE_INVALID" });
      // Nothing is left to fire again in the background.
      expect(await engine.timers.fireDue()).toBe(0);

      const roomier = structuredClone(ticketForm);
      roomier.dataSchema.properties.status = {
        "x-kam-field": "text",
        type: "string",
        maxLength: 1000,
      };
      await engine.definitions.publish(ws, roomier);
      const retried = await engine.instances.retry(ws, instance.id, { actor: kam });
      expect(retried.status).toBe("completed");
    });
    it("a flow that starts itself as a subflow is refused with a typed error, writing nothing", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        lineFlow("loop", { type: "manual" }, [
          { id: "again", type: "subflow", config: { flow: "loop" } },
        ]),
      );
      const error = await engine.flows.start(ws, "loop", { actor: kam }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KamError);
      expect((error as KamError).code).toBe("RUNTIME_SUBFLOW_TOO_DEEP");
      const left = await store.db
        .selectFrom("flow_instances")
        .select("id")
        .where("workspace_id", "=", ws)
        .execute();
      expect(left).toEqual([]);
    });
  });
}
