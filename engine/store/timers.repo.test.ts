import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "./open-store.ts";
import { onlyOn, testDatabases } from "./testing/databases.ts";
import { explain } from "./testing/explain.ts";
import { type Seeded, seedInstance, seedWorkspace, T0 } from "./testing/fixtures.ts";
import {
  cancelTimers,
  claimDueTimers,
  completeTimer,
  releaseTimer,
  scheduleTimer,
} from "./timers.repo.ts";

for (const database of testDatabases()) {
  describe(`${database.name}: timers`, () => {
    let store: Store;
    let seeded: Seeded;
    let instanceId: string;

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
      instanceId = (await seedInstance(store.db, seeded)).id;
    });
    afterEach(() => store.close());

    const schedule = (dueAt: number, tokenId = "t1") =>
      scheduleTimer(store.db, {
        workspaceId: seeded.workspaceId,
        instanceId,
        tokenId,
        kind: "wait",
        dueAt,
        payload: { node: "w1" },
        now: T0,
      });
    const claim = (now: number, owner = "p1", limit = 10) =>
      claimDueTimers(store, { now, limit, owner, leaseMs: 30_000 });

    it("claims only due timers, earliest first, and fires each once", async () => {
      const late = await schedule(T0 + 2000);
      const early = await schedule(T0 + 1000);
      await schedule(T0 + 9000);
      expect(await claim(T0 + 999)).toEqual([]);
      const due = await claim(T0 + 2000);
      expect(due.map((t) => [t.id, t.epoch, t.leaseUntil])).toEqual([
        [early, 1, T0 + 32_000],
        [late, 1, T0 + 32_000],
      ]);
      expect(due[0]).toMatchObject({
        instanceId,
        tokenId: "t1",
        kind: "wait",
        payload: { node: "w1" },
      });
      // Claimed timers are not claimable again while their lease runs.
      expect(await claim(T0 + 5000, "p2")).toEqual([]);
      const fired = await store.transaction((trx) =>
        completeTimer(trx, {
          workspaceId: seeded.workspaceId,
          id: early,
          epoch: 1,
          firedAt: T0 + 2001,
        }),
      );
      expect(fired).toBe(true);
      expect(
        await store.db
          .selectFrom("timer_history")
          .select(["id", "fired_at", "claim_epoch", "fired_by"])
          .execute(),
      ).toEqual([{ id: early, fired_at: T0 + 2001, claim_epoch: 1, fired_by: "p1" }]);
      const again = await completeTimer(store.db, {
        workspaceId: seeded.workspaceId,
        id: early,
        epoch: 1,
        firedAt: T0 + 2002,
      });
      expect(again).toBe(false);
    });

    it("re-claims a timer whose lease expired with a higher epoch and rejects the stale completion", async () => {
      const id = await schedule(T0);
      const [first] = await claim(T0, "paused");
      expect(first?.epoch).toBe(1);
      const [second] = await claim(T0 + 30_000, "p2");
      expect(second).toMatchObject({ id, epoch: 2, leaseUntil: T0 + 60_000 });
      // The paused process wakes up and tries to apply its firing: rejected, nothing written.
      const stale = await store.transaction((trx) =>
        completeTimer(trx, { workspaceId: seeded.workspaceId, id, epoch: 1, firedAt: T0 + 40_000 }),
      );
      expect(stale).toBe(false);
      expect(
        await completeTimer(store.db, {
          workspaceId: seeded.workspaceId,
          id,
          epoch: 2,
          firedAt: T0 + 40_001,
        }),
      ).toBe(true);
      const history = await store.db
        .selectFrom("timer_history")
        .select(["claim_epoch", "fired_by"])
        .execute();
      expect(history).toEqual([{ claim_epoch: 2, fired_by: "p2" }]);
    });

    it("cancels an instance's or a token's timers, and a cancelled claim cannot complete", async () => {
      await schedule(T0, "a");
      await schedule(T0, "b");
      await schedule(T0 + 10, "b");
      const [claimed] = await claim(T0);
      expect(
        await cancelTimers(store.db, { workspaceId: seeded.workspaceId, instanceId, tokenId: "a" }),
      ).toBe(1);
      expect(
        await completeTimer(store.db, {
          workspaceId: seeded.workspaceId,
          id: claimed!.id,
          epoch: 1,
          firedAt: T0,
        }),
      ).toBe(claimed!.tokenId !== "a");
      expect(await cancelTimers(store.db, { workspaceId: seeded.workspaceId, instanceId })).toBe(
        claimed!.tokenId === "a" ? 2 : 1,
      );
    });

    it("releases a claim without firing it", async () => {
      const id = await schedule(T0);
      const [claimed] = await claim(T0);
      expect(
        await releaseTimer(store.db, {
          workspaceId: seeded.workspaceId,
          id,
          epoch: claimed!.epoch,
        }),
      ).toBe(true);
      expect((await claim(T0, "p2")).map((t) => [t.id, t.epoch])).toEqual([[id, 2]]);
    });

    it("judges due-ness by the database clock", async () => {
      const past = await schedule(T0);
      await schedule(Date.UTC(2999, 0, 1));
      const due = await claimDueTimers(store, { now: "db", limit: 10, owner: "p1", leaseMs: 1000 });
      expect(due.map((t) => t.id)).toEqual([past]);
      // The lease starts at the database's now, which is after T0.
      expect(due[0]!.leaseUntil).toBeGreaterThan(T0 + 1000);
    });

    it("finds due timers through the partial index", async () => {
      await schedule(T0);
      const query = store.db
        .selectFrom("timers")
        .select("id")
        .where("status", "=", "pending")
        .where("due_at", "<=", T0);
      expect(await explain(store, query)).toContain("timers_due");
    });

    onlyOn(database, "postgres")(
      "two claimers racing over 500 due timers claim each exactly once",
      async () => {
        // Two schedulers: two stores (pools) on one database, as two server processes would be.
        const where = await database.location();
        const [one, two] = [await where.open(), await where.open()];
        await one.migrate();
        const shared = await seedWorkspace(one.db);
        const target = (await seedInstance(one.db, shared)).id;
        await one.transaction(async (trx) => {
          for (let i = 0; i < 500; i++) {
            await scheduleTimer(trx, {
              workspaceId: shared.workspaceId,
              instanceId: target,
              tokenId: `t${i}`,
              kind: "wait",
              dueAt: T0 + i,
              now: T0,
            });
          }
        });
        const drain = async (claimer: Store, owner: string) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await claimDueTimers(claimer, {
              now: T0 + 1000,
              limit: 25,
              owner,
              leaseMs: 60_000,
            });
            if (batch.length === 0) return mine;
            mine.push(...batch.map((t) => t.id));
          }
        };
        const [a, b, c, d] = await Promise.all([
          drain(one, "a"),
          drain(two, "b"),
          drain(one, "c"),
          drain(two, "d"),
        ]);
        const all = [...a, ...b, ...c, ...d];
        await one.close();
        await two.close();
        await where.dispose();
        expect(all).toHaveLength(500);
        expect(new Set(all).size).toBe(500);
        expect(a.length + c.length > 0 && b.length + d.length > 0).toBe(true);
      },
    );
  });
}
