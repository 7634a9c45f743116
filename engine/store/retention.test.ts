import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withIdempotency } from "./idempotency.repo.ts";
import { appendHistory, updateInstance } from "./instances.repo.ts";
import type { Store } from "./open-store.ts";
import { enqueueOutbox } from "./outbox.repo.ts";
import { pruneHistory } from "./retention.ts";
import type { Db } from "./store-errors.ts";
import { testDatabases } from "./testing/databases.ts";
import { type Seeded, seedInstance, seedWorkspace, T0 } from "./testing/fixtures.ts";
import { claimDueTimers, completeTimer, scheduleTimer } from "./timers.repo.ts";

const DAY = 86_400_000;

for (const database of testDatabases()) {
  describe(`${database.name}: retention`, () => {
    let store: Store;
    let seeded: Seeded;

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
    });
    afterEach(() => store.close());

    /** An instance with 3 history entries, a fired timer and a delivered and a failed message. */
    async function instanceWithHistory(finishedAt: number | null): Promise<string> {
      const { workspaceId } = seeded;
      const instance = await seedInstance(store.db, seeded);
      await appendHistory(
        store.db,
        workspaceId,
        [1, 2, 3].map((seq) => ({
          instanceId: instance.id,
          seq,
          at: T0,
          kind: "node.entered",
          nodeId: "n",
          data: {},
        })),
      );
      await scheduleTimer(store.db, {
        workspaceId,
        instanceId: instance.id,
        kind: "wait",
        dueAt: T0,
        now: T0,
      });
      const [timer] = await claimDueTimers(store, { now: T0, limit: 1, owner: "p", leaseMs: 1000 });
      await completeTimer(store.db, {
        workspaceId,
        id: timer!.id,
        epoch: timer!.epoch,
        firedAt: T0,
      });
      for (const status of ["done", "failed"] as const) {
        const id = await enqueueOutbox(store.db, {
          workspaceId,
          instanceId: instance.id,
          kind: "webhook",
          payload: {},
          now: T0,
        });
        await store.db.updateTable("outbox").set({ status }).where("id", "=", id!).execute();
      }
      if (finishedAt !== null) {
        await updateInstance(store.db, {
          workspaceId,
          id: instance.id,
          expectedVersion: 1,
          status: "completed",
          state: {},
          completedAt: finishedAt,
          now: finishedAt,
        });
      }
      return instance.id;
    }

    const count = async (
      db: Db,
      table: "instance_history" | "timer_history" | "outbox",
      instanceId: string,
    ) =>
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("instance_id", "=", instanceId)
          .executeTakeFirstOrThrow()
      ).n;

    it("prunes the history of instances finished before the cutoff, and nothing else", async () => {
      const old = await instanceWithHistory(T0 + DAY);
      const recent = await instanceWithHistory(T0 + 80 * DAY);
      const running = await instanceWithHistory(null);
      const now = T0 + 100 * DAY;
      const pruned = await pruneHistory(store, { now, olderThanMs: 90 * DAY, batchSize: 1 });
      expect(pruned).toEqual({
        instanceHistory: 3,
        timerHistory: 1,
        outbox: 1,
        idempotencyKeys: 0,
      });
      expect([
        await count(store.db, "instance_history", old),
        await count(store.db, "timer_history", old),
        await count(store.db, "outbox", old),
      ]).toEqual([0, 0, 1]);
      for (const kept of [recent, running]) {
        expect([
          await count(store.db, "instance_history", kept),
          await count(store.db, "timer_history", kept),
          await count(store.db, "outbox", kept),
        ]).toEqual([3, 1, 2]);
      }
      expect(await pruneHistory(store, { now, olderThanMs: 90 * DAY })).toEqual({
        instanceHistory: 0,
        timerHistory: 0,
        outbox: 0,
        idempotencyKeys: 0,
      });
      await store.checkpoint();
    });

    it("drops old idempotency keys only when asked", async () => {
      const { workspaceId } = seeded;
      for (const [key, now] of [
        ["old", T0],
        ["new", T0 + 2 * DAY],
      ] as const) {
        await store.transaction((trx) =>
          withIdempotency(trx, { workspaceId, key, command: "c", request: {}, now }, async () => 1),
        );
      }
      const now = T0 + 3 * DAY;
      expect((await pruneHistory(store, { now, olderThanMs: DAY })).idempotencyKeys).toBe(0);
      expect(
        (await pruneHistory(store, { now, olderThanMs: DAY, idempotencyKeysOlderThanMs: 2 * DAY }))
          .idempotencyKeys,
      ).toBe(1);
      const left = await store.db.selectFrom("idempotency_keys").select("key").execute();
      expect(left).toEqual([{ key: "new" }]);
    });
  });
}
