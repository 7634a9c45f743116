/**
 * Timers on SQLite and PostgreSQL: a wait node fires once when due, never early, and two
 * schedulers racing on PostgreSQL fire each of many due timers exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { createEngine } from "./create-engine.ts";
import { lineFlow } from "./testing/flows.ts";
import { type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

const waitFlow = lineFlow("follow-up", { type: "manual" }, [
  { id: "pause", type: "wait", config: { kind: "duration", duration: "PT15M" } },
  {
    id: "mark",
    type: "action",
    config: { operations: [{ kind: "set-fields", fields: { status: "followed-up" } }] },
  },
]);

/** Only a wait: no record needed, so many instances start quickly. */
const pauseFlow = lineFlow("pause", { type: "manual" }, [
  { id: "pause", type: "wait", config: { kind: "duration", duration: "PT15M" } },
]);

for (const database of testDatabases()) {
  describe(`timers on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await world.engine.definitions.publish(world.ws, waitFlow);
    });
    afterEach(() => store.close());

    it("fires a wait timer once when due, never before", async () => {
      const { engine, ws, kam, clock } = world;
      const record = await engine.records.create(ws, "ticket", { title: "t" }, { actor: kam });
      const instance = await engine.flows.start(ws, "follow-up", {
        actor: kam,
        recordId: record.id,
      });
      expect(instance.status).toBe("waiting");
      clock.advance(14 * 60_000);
      expect(await engine.timers.fireDue()).toBe(0);
      clock.advance(60_000);
      expect(await engine.timers.fireDue()).toBe(1);
      expect(await engine.timers.fireDue()).toBe(0);
      expect((await engine.instances.get(ws, instance.id))?.status).toBe("completed");
      expect((await engine.records.get(ws, record.id))?.data).toMatchObject({
        status: "followed-up",
      });
      const fired = await store.db.selectFrom("timer_history").selectAll().execute();
      expect(fired).toHaveLength(1);
      expect(await store.db.selectFrom("timers").selectAll().execute()).toHaveLength(0);
    });

    it("on a stop, fires no more of its claims and hands them back, due at once for anyone", async () => {
      const { engine, ws, kam, clock } = world;
      await engine.definitions.publish(ws, pauseFlow);
      for (let i = 0; i < 5; i++) await engine.flows.start(ws, "pause", { actor: kam });
      clock.advance(15 * 60_000);
      let asked = 0;
      // The host starts shutting down once two firings have begun.
      const fired = await engine.timers.fireDue({ concurrency: 1, shouldStop: () => ++asked > 2 });
      expect(fired).toBe(2);
      const timers = await store.db.selectFrom("timers").select(["status", "claimed_by"]).execute();
      expect(timers).toEqual(Array(3).fill({ status: "pending", claimed_by: null }));
      // Not left to the lease: another process fires them now, with the clock unmoved.
      const other = createEngine({ store, clock, owner: "other" });
      expect(await other.timers.fireDue()).toBe(3);
    });

    // PostgreSQL only: on SQLite one process holds the single writer, so there is no race to test.
    if (database.name === "postgres") {
      it("two engines racing over 200 due timers fire each exactly once", async () => {
        const location = await database.location();
        const first = await location.open();
        await first.migrate();
        const second = await location.open();
        try {
          const { engine, ws, kam, clock } = await kamWorld(first);
          await engine.definitions.publish(ws, pauseFlow);
          const count = 200;
          for (let i = 0; i < count; i++) await engine.flows.start(ws, "pause", { actor: kam });
          clock.advance(16 * 60_000);
          const other = createEngine({ store: second, clock, owner: "other" });
          const drain = async (e: typeof engine) => {
            let total = 0;
            for (;;) {
              const fired = await e.timers.fireDue({ limit: 7 });
              if (fired === 0) return total;
              total += fired;
            }
          };
          const [a, b] = await Promise.all([drain(engine), drain(other)]);
          expect(a + b).toBe(count);
          expect(a).toBeGreaterThan(0);
          expect(b).toBeGreaterThan(0);
          const completed = await first.db
            .selectFrom("flow_instances")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("status", "=", "completed")
            .executeTakeFirstOrThrow();
          expect(Number(completed.n)).toBe(count);
          expect(await first.db.selectFrom("timer_history").select("id").execute()).toHaveLength(
            count,
          );
        } finally {
          await second.close();
          await first.close();
          await location.dispose();
        }
      });
    }
  });
}
