import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "./open-store.ts";
import {
  claimDueOutbox,
  enqueueOutbox,
  markOutboxDone,
  markOutboxFailed,
  type RetryPolicy,
  retryDelay,
} from "./outbox.repo.ts";
import { testDatabases } from "./testing/databases.ts";
import { type Seeded, seedInstance, seedWorkspace, T0 } from "./testing/fixtures.ts";

describe("retryDelay", () => {
  it("doubles from the base, caps at the maximum and takes jitter off", () => {
    const policy: RetryPolicy = { baseMs: 1000, maxMs: 10_000, jitter: 0.2 };
    expect([0, 1, 2, 3, 4, 10].map((n) => retryDelay(n, policy, () => 0))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(retryDelay(2, policy, () => 0.5)).toBe(3600);
    expect(retryDelay(2, policy, () => 0.999_999)).toBe(3200);
  });
});

for (const database of testDatabases()) {
  describe(`${database.name}: outbox`, () => {
    let store: Store;
    let seeded: Seeded;
    let instanceId: string;
    const policy: RetryPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 3, jitter: 0.2 };

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
      instanceId = (await seedInstance(store.db, seeded)).id;
    });
    afterEach(() => store.close());

    const claim = (now: number, owner = "w1") =>
      claimDueOutbox(store, { now, limit: 10, owner, leaseMs: 30_000 });

    it("drops a second message with the same idempotency key", async () => {
      const message = {
        workspaceId: seeded.workspaceId,
        instanceId,
        kind: "webhook",
        payload: { url: "https://erp.example/api" },
        idempotencyKey: "i1:n1",
        now: T0,
      };
      expect(await enqueueOutbox(store.db, message)).toBeTypeOf("string");
      expect(await enqueueOutbox(store.db, message)).toBeUndefined();
      expect(await claim(T0)).toHaveLength(1);
    });

    it("backs off exponentially with jitter, then fails after the last attempt", async () => {
      const id = await enqueueOutbox(store.db, {
        workspaceId: seeded.workspaceId,
        instanceId,
        kind: "webhook",
        payload: {},
        now: T0,
      });
      const random = () => 0.5; // takes 10% off each delay
      let now = T0;
      const outcomes = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const [message] = await claim(now);
        expect(message).toMatchObject({ id, attempts: attempt, epoch: attempt + 1 });
        const outcome = await store.transaction((trx) =>
          markOutboxFailed(trx, {
            workspaceId: seeded.workspaceId,
            id: id!,
            epoch: message!.epoch,
            attempts: message!.attempts,
            now,
            error: "HTTP 503",
            policy,
            random,
          }),
        );
        outcomes.push(outcome);
        if (outcome?.status === "pending") {
          expect(await claim(outcome.nextAttemptAt - 1)).toEqual([]);
          now = outcome.nextAttemptAt;
        }
      }
      expect(outcomes).toEqual([
        { status: "pending", attempts: 1, nextAttemptAt: T0 + 900 },
        { status: "pending", attempts: 2, nextAttemptAt: T0 + 900 + 1800 },
        { status: "failed", attempts: 3 },
      ]);
      expect(await claim(now + 10_000_000)).toEqual([]);
      const row = await store.db
        .selectFrom("outbox")
        .select(["status", "last_error", "attempts"])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "failed", last_error: "HTTP 503", attempts: 3 });
    });

    it("ignores a stale worker's result after its lease was taken over", async () => {
      const id = await enqueueOutbox(store.db, {
        workspaceId: seeded.workspaceId,
        kind: "email",
        payload: {},
        now: T0,
      });
      const [stale] = await claim(T0, "slow");
      const [fresh] = await claim(T0 + 30_000, "w2");
      expect(fresh).toMatchObject({ id, epoch: 2 });
      const claimOf = (m: typeof stale) => ({
        workspaceId: seeded.workspaceId,
        id: id!,
        epoch: m!.epoch,
        now: T0 + 31_000,
      });
      expect(await markOutboxDone(store.db, claimOf(stale))).toBe(false);
      expect(
        await markOutboxFailed(store.db, {
          ...claimOf(stale),
          attempts: 0,
          error: "timeout",
          policy,
          random: () => 0,
        }),
      ).toBeUndefined();
      expect(await markOutboxDone(store.db, claimOf(fresh))).toBe(true);
      expect(await claim(T0 + 10_000_000)).toEqual([]);
    });
  });
}
