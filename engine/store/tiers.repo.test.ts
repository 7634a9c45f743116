import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import type { Store } from "./open-store.ts";
import { insertRecord } from "./records.repo.ts";
import { testDatabases } from "./testing/databases.ts";
import { type Seeded, seedWorkspace, T0 } from "./testing/fixtures.ts";
import { readTierHistory, saveTierEvaluation, setTierOverride } from "./tiers.repo.ts";

const DAY = 86_400_000;

for (const database of testDatabases()) {
  describe(`${database.name}: tier assignments`, () => {
    let store: Store;
    let seeded: Seeded;
    let recordId: string;

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
      recordId = (
        await insertRecord(store.db, {
          workspaceId: seeded.workspaceId,
          formKey: "account",
          data: {},
          now: T0,
        })
      ).id;
    });
    afterEach(() => store.close());

    const evaluate = (tier: string, score: number, now: number) =>
      store.transaction((trx) =>
        saveTierEvaluation(trx, {
          workspaceId: seeded.workspaceId,
          recordId,
          modelKey: "health",
          modelVersion: 1,
          score,
          tier,
          breakdown: { score },
          now,
        }),
      );

    it("reports and logs changes of the effective tier, with manual overrides and their expiry", async () => {
      expect((await evaluate("healthy", 85, T0)).change).toEqual({
        recordId,
        modelKey: "health",
        from: null,
        to: "healthy",
      });
      expect((await evaluate("healthy", 82, T0 + 1)).change).toBeUndefined();
      const down = await evaluate("watch", 70, T0 + 2);
      expect(down.change).toMatchObject({ from: "healthy", to: "watch" });

      const overridden = await store.transaction((trx) =>
        setTierOverride(trx, {
          workspaceId: seeded.workspaceId,
          assignmentId: down.assignment.id,
          expectedVersion: down.assignment.version,
          override: {
            tier: "healthy",
            reason: "renewal signed",
            by: seeded.userId,
            expiresAt: T0 + 30 * DAY,
          },
          actorId: seeded.userId,
          now: T0 + 3,
        }),
      );
      expect(overridden.change).toMatchObject({ from: "watch", to: "healthy" });
      // Under the override, a new evaluation changes nothing visible.
      expect((await evaluate("at-risk", 50, T0 + 4)).change).toBeUndefined();
      // At expiry the runtime's timer lifts the override: the evaluated tier is in force again.
      const current = (await evaluate("at-risk", 50, T0 + 5)).assignment;
      const lifted = await store.transaction((trx) =>
        setTierOverride(trx, {
          workspaceId: seeded.workspaceId,
          assignmentId: current.id,
          expectedVersion: current.version,
          override: null,
          actorId: null,
          cause: "override-expired",
          now: T0 + 30 * DAY,
        }),
      );
      expect(lifted.change).toMatchObject({ from: "healthy", to: "at-risk" });

      const history = await readTierHistory(store.db, {
        workspaceId: seeded.workspaceId,
        recordId,
      });
      expect(history.map((h) => [h.from, h.to, h.cause, h.actorId, h.reason])).toEqual([
        [null, "healthy", "evaluation", null, null],
        ["healthy", "watch", "evaluation", null, null],
        ["watch", "healthy", "override", seeded.userId, "renewal signed"],
        ["healthy", "at-risk", "override-expired", null, null],
      ]);

      const stale = store.transaction((trx) =>
        setTierOverride(trx, {
          workspaceId: seeded.workspaceId,
          assignmentId: down.assignment.id,
          expectedVersion: down.assignment.version,
          override: null,
          actorId: null,
          now: T0,
        }),
      );
      await expect(stale).rejects.toBeInstanceOf(KamError);
      expect(((await stale.catch((e: unknown) => e)) as KamError).code).toBe("STORE_CONFLICT");
    });
  });
}
