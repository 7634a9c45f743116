/**
 * Business-time waits through the runtime, on SQLite and PostgreSQL: a two-hour wait on the
 * business calendar started the evening before China's National Day falls due at 10:00 on the
 * first working day after the holiday — not a minute before.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { lineFlow } from "./testing/flows.ts";
import { type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

const businessWait = lineFlow("business-wait", { type: "manual" }, [
  {
    id: "pause",
    type: "wait",
    config: { kind: "duration", duration: "PT2H", calendar: "business" },
  },
]);

// 2026-09-30 17:00 in Shanghai; the holiday runs Oct 1–7 (Oct 10, a Saturday, is worked).
const EVE_OF_HOLIDAY = Date.UTC(2026, 8, 30, 9, 0);
const DUE = Date.UTC(2026, 9, 8, 2, 0); // Oct 8, 10:00 in Shanghai

for (const database of testDatabases()) {
  describe(`business calendar on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await world.engine.definitions.publish(world.ws, businessWait);
    });
    afterEach(() => store.close());

    it("counts a business-time wait in working hours, across the National Day holiday", async () => {
      const { engine, ws, kam, clock } = world;
      clock.set(EVE_OF_HOLIDAY);
      const instance = await engine.flows.start(ws, "business-wait", { actor: kam });
      const [timer] = await store.db.selectFrom("timers").select("due_at").execute();
      expect(timer?.due_at).toBe(DUE);
      clock.set(DUE - 60_000);
      expect(await engine.timers.fireDue()).toBe(0);
      clock.set(DUE);
      expect(await engine.timers.fireDue()).toBe(1);
      expect((await engine.instances.get(ws, instance.id))?.status).toBe("completed");
    });
  });
}
