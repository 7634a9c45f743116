/**
 * Triggers on SQLite and PostgreSQL: record created and updated (changed fields, condition),
 * tier changed (a record update that moves a tier starts the flow listening for it), flow
 * completed, and schedules that start once per record and period however often they run.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { markerFlow } from "./testing/flows.ts";
import { type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

for (const database of testDatabases()) {
  describe(`triggers on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
    });
    afterEach(() => store.close());

    const instancesOf = (flow: string) =>
      store.db.selectFrom("flow_instances").selectAll().where("flow_key", "=", flow).execute();

    it("record.created starts a flow when its condition holds, and the flow writes the record", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("big-ticket", {
          type: "record.created",
          form: "ticket",
          condition: { ">": [{ var: "amount" }, 100] },
        }),
      );
      const small = await engine.records.create(
        ws,
        "ticket",
        { title: "s", amount: 1 },
        { actor: kam },
      );
      const big = await engine.records.create(
        ws,
        "ticket",
        { title: "b", amount: 500 },
        { actor: kam },
      );
      const started = await instancesOf("big-ticket");
      expect(started).toHaveLength(1);
      // Whoever raised the record is the requester of the flow it started ("my requests").
      expect(started[0]?.initiator_id).toBe(kam);
      expect((await engine.records.get(ws, big.id))?.data).toMatchObject({ status: "big-ticket" });
      expect((await engine.records.get(ws, small.id))?.data).not.toHaveProperty("status");
    });

    it("reads record.* and previous.* in conditions, and listens to the flow's form by default", async () => {
      const { engine, ws, kam } = world;
      // No `form` on the trigger: the flow's form (ticket) — as the schema says.
      await engine.definitions.publish(
        ws,
        markerFlow("escalated", {
          type: "record.updated",
          condition: {
            and: [
              { ">": [{ var: "record.amount" }, 1000] },
              { "<=": [{ var: "previous.amount" }, 1000] },
            ],
          },
        }),
      );
      await engine.definitions.publish(ws, {
        kind: "form",
        key: "memo",
        name: { "zh-CN": "备忘", en: "Memo" },
        dataSchema: {
          type: "object",
          properties: { amount: { "x-kam-field": "number", type: "number" } },
        },
        uiSchema: {},
        rules: {},
      });
      const ticket = await engine.records.create(
        ws,
        "ticket",
        { title: "t", amount: 10 },
        { actor: kam },
      );
      const memo = await engine.records.create(ws, "memo", { amount: 10 }, { actor: kam });
      await engine.records.update(ws, memo.id, { amount: 5000 }, { actor: kam });
      expect(await instancesOf("escalated")).toHaveLength(0);
      await engine.records.update(ws, ticket.id, { amount: 5000 }, { actor: kam });
      expect(await instancesOf("escalated")).toHaveLength(1);
      // Already above the line before: previous.amount > 1000, so no new start.
      await engine.records.update(ws, ticket.id, { amount: 6000 }, { actor: kam });
      expect(await instancesOf("escalated")).toHaveLength(1);
    });

    it("record.updated fires only on the listed fields, and not on the flow's own write", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("amount-changed", {
          type: "record.updated",
          form: "ticket",
          changedFields: ["amount"],
        }),
      );
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "t", amount: 1 },
        { actor: kam },
      );
      await engine.records.update(ws, record.id, { title: "renamed" }, { actor: kam });
      expect(await instancesOf("amount-changed")).toHaveLength(0);
      await engine.records.update(ws, record.id, { amount: 2 }, { actor: kam });
      // The flow sets `status`, which is an update too: it must not start itself again.
      const started = await instancesOf("amount-changed");
      expect(started).toHaveLength(1);
      // An update is no request: the flow it starts has no requester.
      expect(started[0]?.initiator_id).toBeNull();
    });

    it("tier.changed: a record update that makes an account key starts the flow listening for it", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("became-key", { type: "tier.changed", model: "value-tier", to: ["key"] }),
      );
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "t", annualPurchase: 10 },
        { actor: kam },
      );
      expect(await instancesOf("became-key")).toHaveLength(0);
      await engine.records.update(ws, record.id, { annualPurchase: 5_000_000 }, { actor: kam });
      const started = await instancesOf("became-key");
      expect(started).toHaveLength(1);
      expect(started[0]?.record_id).toBe(record.id);
      expect((await engine.records.get(ws, record.id))?.data).toMatchObject({
        status: "became-key",
      });
    });

    it("flow.completed starts the follow-up flow with the outcome it listens for", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(ws, markerFlow("first", { type: "manual" }));
      await engine.definitions.publish(
        ws,
        markerFlow("second", { type: "flow.completed", flow: "first", outcomes: ["done"] }),
      );
      const record = await engine.records.create(ws, "ticket", { title: "t" }, { actor: kam });
      await engine.flows.start(ws, "first", { actor: kam, recordId: record.id });
      const second = await instancesOf("second");
      expect(second).toHaveLength(1);
      expect(second[0]?.status).toBe("completed");
    });

    it("schedule: one instance per record and period, however often the scheduler runs", async () => {
      const { engine, ws, kam, clock } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("daily-review", {
          type: "schedule",
          cron: "0 9 * * *",
          records: { form: "ticket" },
        }),
      );
      await engine.records.create(ws, "ticket", { title: "a" }, { actor: kam });
      await engine.records.create(ws, "ticket", { title: "b" }, { actor: kam });
      // T0 is 09:00 in Shanghai: the period that began then.
      expect(await engine.flows.runSchedules(ws)).toBe(2);
      expect(await engine.flows.runSchedules(ws)).toBe(0);
      clock.advance(3_600_000);
      expect(await engine.flows.runSchedules(ws)).toBe(0);
      clock.advance(24 * 3_600_000);
      expect(await engine.flows.runSchedules(ws)).toBe(2);
      expect(await instancesOf("daily-review")).toHaveLength(4);
    });

    it("schedule: starts only for the records its where rule selects", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("big-tickets", {
          type: "schedule",
          cron: "0 9 * * *",
          records: { form: "ticket", where: { ">=": [{ var: "record.amount" }, 10_000] } },
        }),
      );
      await engine.records.create(ws, "ticket", { title: "big", amount: 50_000 }, { actor: kam });
      await engine.records.create(ws, "ticket", { title: "small", amount: 900 }, { actor: kam });
      await engine.records.create(ws, "ticket", { title: "none" }, { actor: kam });
      expect(await engine.flows.runSchedules(ws)).toBe(1);
      const [started] = await instancesOf("big-tickets");
      const record = await engine.records.get(ws, started?.record_id as string);
      expect(record?.data).toMatchObject({ title: "big" });
    });

    it("schedule: where reads the clock at the cron time, so a record that matches from midnight waits for 09:00", async () => {
      const { engine, ws, kam, clock } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("stale", {
          type: "schedule",
          cron: "0 9 * * *",
          records: {
            form: "ticket",
            where: { ">=": [{ days_since: { var: "record.status" } }, 30] },
          },
        }),
      );
      // T0 is Monday 23 November, 09:00 in Shanghai: 29 days after 25 October.
      await engine.records.create(
        ws,
        "ticket",
        { title: "t", status: "2026-10-25" },
        { actor: kam },
      );
      expect(await engine.flows.runSchedules(ws)).toBe(0);
      clock.advance(15.5 * 3_600_000); // 24 November 00:30: 30 days old, but 09:00 has not come
      expect(await engine.flows.runSchedules(ws)).toBe(0);
      clock.advance(8.5 * 3_600_000); // 09:00
      expect(await engine.flows.runSchedules(ws)).toBe(1);
    });

    it("a wait for a condition on the record resumes when someone updates the record", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        lineFlow("await-close", { type: "manual" }, [
          {
            id: "until-closed",
            type: "wait",
            config: {
              kind: "condition",
              condition: { "==": [{ var: "record.status" }, "closed"] },
            },
          },
        ]),
      );
      const ticket = await engine.records.create(ws, "ticket", { title: "t" }, { actor: kam });
      const started = await engine.flows.start(ws, "await-close", {
        actor: kam,
        recordId: ticket.id,
      });
      expect(started.status).toBe("waiting");
      await engine.records.update(ws, ticket.id, { status: "open" }, { actor: kam });
      expect((await engine.instances.get(ws, started.id))?.status).toBe("waiting");
      await engine.records.update(ws, ticket.id, { status: "closed" }, { actor: kam });
      expect((await engine.instances.get(ws, started.id))?.status).toBe("completed");
    });

    it("a flow woken by a record write that writes the record again does not re-step the flow whose step wrote first", async () => {
      const { engine, ws, kam } = world;
      const waitThenSet = (key: string, until: unknown, status: string) =>
        lineFlow(key, { type: "manual" }, [
          { id: "until", type: "wait", config: { kind: "condition", condition: until } },
          {
            id: "set",
            type: "action",
            config: { operations: [{ kind: "set-fields", fields: { status } }] },
          },
        ]);
      const is = (value: string) => ({ "==": [{ var: "record.status" }, value] });
      // A waits for "go" or "b" and answers "a"; B waits for "a" and answers "b".
      await engine.definitions.publish(ws, waitThenSet("ping", { or: [is("go"), is("b")] }, "a"));
      await engine.definitions.publish(ws, waitThenSet("pong", is("a"), "b"));
      const ticket = await engine.records.create(ws, "ticket", { title: "t" }, { actor: kam });
      const ping = await engine.flows.start(ws, "ping", { actor: kam, recordId: ticket.id });
      const pong = await engine.flows.start(ws, "pong", { actor: kam, recordId: ticket.id });
      await engine.records.update(ws, ticket.id, { status: "go" }, { actor: kam });
      expect((await engine.instances.get(ws, ping.id))?.status).toBe("completed");
      expect((await engine.instances.get(ws, pong.id))?.status).toBe("completed");
      expect((await engine.records.get(ws, ticket.id))?.data).toMatchObject({ status: "b" });
    });

    it("refuses to start a triggered flow by hand", async () => {
      const { engine, ws, kam } = world;
      await engine.definitions.publish(
        ws,
        markerFlow("auto", { type: "record.created", form: "ticket" }),
      );
      await expect(engine.flows.start(ws, "auto", { actor: kam })).rejects.toMatchObject({
        code: "RUNTIME_TRIGGER_MISMATCH",
      });
    });
  });
}

import { createHmac } from "node:crypto";
import { lineFlow } from "./testing/flows.ts";

for (const database of testDatabases()) {
  describe(`webhook trigger on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await store.db
        .updateTable("workspaces")
        .set({ settings: JSON.stringify({ secrets: { erp: "s3cret" } }) })
        .where("id", "=", world.ws)
        .execute();
      await world.engine.definitions.publish(
        world.ws,
        lineFlow(
          "erp-order",
          { type: "webhook", secret: "erp", variables: { amount: { var: "body.order.amount" } } },
          [{ id: "pause", type: "wait", config: { kind: "duration", duration: "P1D" } }],
          { variables: { amount: { type: "number", label: { "zh-CN": "金额", en: "Amount" } } } },
        ),
      );
    });
    afterEach(() => store.close());

    const sign = (body: string, secret = "s3cret") =>
      `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

    it("starts the flow for a correctly signed body, once per delivery id", async () => {
      const { engine, ws } = world;
      const rawBody = JSON.stringify({ order: { amount: 88_000 } });
      const hook = {
        workspaceId: ws,
        flowKey: "erp-order",
        rawBody,
        signature: sign(rawBody),
        deliveryId: "d-1",
      };
      const instance = await engine.flows.startFromWebhook(hook);
      expect(instance?.state.variables).toMatchObject({ amount: 88_000 });
      expect(await engine.flows.startFromWebhook(hook)).toBeUndefined();
    });

    it("rejects a missing, wrong or replayed-with-another-body signature", async () => {
      const { engine, ws } = world;
      const rawBody = JSON.stringify({ order: { amount: 1 } });
      for (const signature of ["", sign(rawBody, "guess"), sign(`${rawBody} `)]) {
        await expect(
          engine.flows.startFromWebhook({
            workspaceId: ws,
            flowKey: "erp-order",
            rawBody,
            signature,
          }),
        ).rejects.toMatchObject({ code: "RUNTIME_SIGNATURE_INVALID" });
      }
      expect(await store.db.selectFrom("flow_instances").select("id").execute()).toHaveLength(0);
    });
  });
}
