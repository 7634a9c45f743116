import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Clock, manualClock } from "../ports.ts";
import { armFault, disarmFaults, InjectedFault } from "../store/fault-points.ts";
import { enqueueOutbox, type Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { type Seeded, seedInstance, seedWorkspace, T0 } from "../store/testing/fixtures.ts";
import { createEngine } from "./create-engine.ts";
import type { Performer } from "./outbox.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const systemClock: Clock = { now: () => Date.now() };

for (const database of testDatabases()) {
  describe(`${database.name}: outbox delivery`, () => {
    let store: Store;
    let seeded: Seeded;

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
    });
    afterEach(async () => {
      disarmFaults();
      await store.close();
    });

    /** `perInstance` e-mails for each of `instances` new instances, due at `now`. */
    async function enqueue(instances: number, perInstance: number, now: number) {
      for (let i = 0; i < instances; i++) {
        const instance = await seedInstance(store.db, seeded);
        for (let seq = 0; seq < perInstance; seq++)
          await enqueueOutbox(store.db, {
            workspaceId: seeded.workspaceId,
            instanceId: instance.id,
            kind: "email",
            payload: { instance: i, seq },
            now,
          });
      }
    }

    const statuses = async () =>
      (await store.db.selectFrom("outbox").select(["status", "claimed_by"]).execute()).map(
        (row) => `${row.status}:${row.claimed_by ?? "-"}`,
      );

    it("renews the lease while a slow delivery runs, so another process does not send it again", async () => {
      await enqueue(1, 1, Date.now());
      const a = createEngine({ store, clock: systemClock, owner: "a" });
      const b = createEngine({ store, clock: systemClock, owner: "b" });
      let calls = 0;
      const slow: Performer = async () => {
        calls++;
        await sleep(3_000); // three leases long
        return { ok: true };
      };
      const first = a.outbox.deliver({ perform: slow, leaseMs: 1_000 });
      await sleep(2_000); // the first lease passed long ago; the renewed one has not
      const second = await b.outbox.deliver({ perform: slow, leaseMs: 1_000 });
      expect(second).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      expect(await first).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(calls).toBe(1);
      expect(await statuses()).toEqual(["done:a"]);
    });

    it("delivers different instances side by side and one instance's messages in order", async () => {
      await enqueue(3, 2, Date.now());
      const engine = createEngine({ store, clock: systemClock, owner: "a" });
      let inFlight = 0;
      let most = 0;
      const order: string[] = [];
      const perform: Performer = async (message) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await sleep(50);
        const { instance, seq } = message.payload as { instance: number; seq: number };
        order.push(`${instance}.${seq}`);
        inFlight--;
        return { ok: true };
      };
      expect(await engine.outbox.deliver({ perform })).toEqual({
        delivered: 6,
        retrying: 0,
        failed: 0,
      });
      expect(most).toBeGreaterThanOrEqual(2);
      for (const i of [0, 1, 2])
        expect(order.indexOf(`${i}.0`)).toBeLessThan(order.indexOf(`${i}.1`));
    });

    it("does not let one message's failure hold up the others of the pass", async () => {
      await enqueue(3, 1, T0);
      const engine = createEngine({ store, clock: manualClock(T0), owner: "a" });
      // The first result to be recorded fails as a lost database connection would.
      armFault({ point: "outbox.publish.after", times: 1 });
      let calls = 0;
      const perform: Performer = async () => {
        calls++;
        return { ok: true };
      };
      await expect(engine.outbox.deliver({ perform })).rejects.toBeInstanceOf(InjectedFault);
      expect(calls).toBe(3);
      // The failed one stays claimed until its lease passes (its outcome is unknown); the
      // others were delivered in the same pass.
      expect((await statuses()).sort()).toEqual(["claimed:a", "done:a", "done:a"]);
    });

    it("on a stop, starts no more deliveries and hands the rest back at once", async () => {
      await enqueue(4, 1, T0);
      const engine = createEngine({ store, clock: manualClock(T0), owner: "a" });
      let asked = 0;
      const perform: Performer = async () => ({ ok: true });
      const pass = { perform, concurrency: 1, shouldStop: () => ++asked > 1 };
      expect(await engine.outbox.deliver(pass)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect((await statuses()).sort()).toEqual(["done:a", "pending:-", "pending:-", "pending:-"]);
    });

    it("starts no delivery past startWithinMs and hands the rest back at once", async () => {
      await enqueue(1, 4, T0);
      const clock = manualClock(T0);
      const engine = createEngine({ store, clock, owner: "a" });
      const perform: Performer = async () => {
        clock.advance(6_000); // a receiver taking 6 s
        return { ok: true };
      };
      const pass = { perform, startWithinMs: 10_000 };
      // 0 s: the first; 6 s: the second; 12 s: too late to start the third.
      expect(await engine.outbox.deliver(pass)).toEqual({ delivered: 2, retrying: 0, failed: 0 });
      expect((await statuses()).sort()).toEqual(["done:a", "done:a", "pending:-", "pending:-"]);
      // Handed back, not left to its lease: the next pass (here another process) takes them.
      const other = createEngine({ store, clock, owner: "b" });
      expect(await other.outbox.deliver(pass)).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    });
  });
}
