import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AuditVerification, appendAudit, verifyAudit } from "./audit.repo.ts";
import type { Store } from "./open-store.ts";
import type { Db } from "./store-errors.ts";
import { onlyOn, testDatabases } from "./testing/databases.ts";
import { T0 } from "./testing/fixtures.ts";
import { insertWorkspace } from "./workspaces.repo.ts";

/** Rolls back whatever `fn` did, after reading its verification. */
async function inRollback(store: Store, fn: (trx: Db) => Promise<AuditVerification>) {
  let result: AuditVerification | undefined;
  await store
    .transaction(async (trx) => {
      result = await fn(trx);
      throw new Error("rollback");
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === "rollback")) throw error;
    });
  return result!;
}

/** A seeded PRNG (mulberry32), so a failing tamper case can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const database of testDatabases()) {
  describe(`${database.name}: audit chain`, () => {
    let store: Store;
    let workspaceId: string;

    beforeEach(async () => {
      store = await database.open();
      workspaceId = await insertWorkspace(store.db, { name: "ACME", now: T0 });
      for (let i = 0; i < 20; i++) {
        await store.transaction((trx) =>
          appendAudit(trx, {
            workspaceId,
            at: T0 + i,
            actorId: i % 2 ? "u1" : null,
            action: "record.update",
            entityKind: "record",
            entityId: `r${i % 5}`,
            before: i === 0 ? undefined : { n: i - 1, tags: ["a", "b"] },
            after: { n: i, nested: { z: 1, a: [1.5, "二"] } },
          }),
        );
      }
    });
    afterEach(() => store.close());

    it("numbers events per workspace and verifies the chain", async () => {
      expect(await verifyAudit(store.db, workspaceId)).toEqual({ ok: true, count: 20 });
      expect(await verifyAudit(store.db, workspaceId, { pageSize: 3 })).toEqual({
        ok: true,
        count: 20,
      });
      const other = await insertWorkspace(store.db, { name: "Other", now: T0 });
      const first = await store.transaction((trx) =>
        appendAudit(trx, {
          workspaceId: other,
          at: T0,
          actorId: null,
          action: "login",
          entityKind: "user",
          entityId: "u",
        }),
      );
      expect(first.seq).toBe(1);
      expect(await verifyAudit(store.db, other)).toEqual({ ok: true, count: 1 });
    });

    it("detects an edited event", async () => {
      const result = await inRollback(store, async (trx) => {
        await trx
          .updateTable("audit_events")
          .set({ after: '{"n":999}' })
          .where("workspace_id", "=", workspaceId)
          .where("seq", "=", 7)
          .execute();
        return verifyAudit(trx, workspaceId);
      });
      expect(result).toEqual({ ok: false, firstBadSeq: 7, reason: "hash-mismatch" });
    });

    it("detects a deleted event, in the middle and at the end", async () => {
      const middle = await inRollback(store, async (trx) => {
        await trx
          .deleteFrom("audit_events")
          .where("workspace_id", "=", workspaceId)
          .where("seq", "=", 12)
          .execute();
        return verifyAudit(trx, workspaceId);
      });
      expect(middle).toEqual({ ok: false, firstBadSeq: 12, reason: "seq-gap" });
      const tail = await inRollback(store, async (trx) => {
        await trx
          .deleteFrom("audit_events")
          .where("workspace_id", "=", workspaceId)
          .where("seq", "=", 20)
          .execute();
        return verifyAudit(trx, workspaceId);
      });
      expect(tail).toEqual({ ok: false, firstBadSeq: 20, reason: "head-mismatch" });
    });

    it("detects an event forged in front of the chain (seq 0 or below)", async () => {
      const result = await inRollback(store, async (trx) => {
        const first = await trx
          .selectFrom("audit_events")
          .selectAll()
          .where("workspace_id", "=", workspaceId)
          .where("seq", "=", 1)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("audit_events")
          .values({ ...first, id: `${first.id}-forged`, seq: 0 })
          .execute();
        return verifyAudit(trx, workspaceId);
      });
      expect(result).toEqual({ ok: false, firstBadSeq: 0, reason: "chain-broken" });
    });

    it("detects two events swapped", async () => {
      const result = await inRollback(store, async (trx) => {
        const ws = (q: ReturnType<typeof trx.updateTable<"audit_events">>) =>
          q.where("workspace_id", "=", workspaceId);
        await ws(trx.updateTable("audit_events").set({ seq: -1 }))
          .where("seq", "=", 4)
          .execute();
        await ws(trx.updateTable("audit_events").set({ seq: 4 }))
          .where("seq", "=", 9)
          .execute();
        await ws(trx.updateTable("audit_events").set({ seq: 9 }))
          .where("seq", "=", -1)
          .execute();
        return verifyAudit(trx, workspaceId);
      });
      expect(result.ok).toBe(false);
      expect(result.ok === false && result.firstBadSeq).toBe(4);
    });

    it("detects 20 random tampers (seeded)", async () => {
      const random = prng(20260101);
      const pick = (n: number) => Math.floor(random() * n);
      const kinds = [
        "edit-after",
        "edit-actor",
        "edit-at",
        "delete",
        "rehash-edit",
        "swap",
      ] as const;
      for (let trial = 0; trial < 20; trial++) {
        const kind = kinds[pick(kinds.length)]!;
        const seq = 1 + pick(19);
        const result = await inRollback(store, async (trx) => {
          const row = trx
            .updateTable("audit_events")
            .where("workspace_id", "=", workspaceId)
            .where("seq", "=", seq);
          if (kind === "edit-after")
            await row.set({ after: `{"n":${seq},"x":${trial}}` }).execute();
          if (kind === "edit-actor") await row.set({ actor_id: "intruder" }).execute();
          if (kind === "edit-at") await row.set({ at: T0 - 1 }).execute();
          if (kind === "delete")
            await trx
              .deleteFrom("audit_events")
              .where("workspace_id", "=", workspaceId)
              .where("seq", "=", seq)
              .execute();
          // The attacker also rewrites this event's hash; the next event still names the old one.
          if (kind === "rehash-edit")
            await row.set({ action: "record.delete", hash: "f".repeat(64) }).execute();
          if (kind === "swap") {
            await row.set({ seq: -1 }).execute();
            await trx
              .updateTable("audit_events")
              .set({ seq })
              .where("workspace_id", "=", workspaceId)
              .where("seq", "=", seq + 1)
              .execute();
            await trx
              .updateTable("audit_events")
              .set({ seq: seq + 1 })
              .where("workspace_id", "=", workspaceId)
              .where("seq", "=", -1)
              .execute();
          }
          return verifyAudit(trx, workspaceId);
        });
        expect(result.ok, `trial ${trial}: ${kind} at ${seq}`).toBe(false);
        expect(result.ok === false && result.firstBadSeq, `trial ${trial}: ${kind} at ${seq}`).toBe(
          seq,
        );
      }
      expect(await verifyAudit(store.db, workspaceId)).toEqual({ ok: true, count: 20 });
    });

    // The pool has several connections, so these transactions run in parallel sessions.
    onlyOn(database, "postgres")("serialises concurrent appends into one chain", async () => {
      const appends = Array.from({ length: 30 }, (_, i) =>
        store.transaction((trx) =>
          appendAudit(trx, {
            workspaceId,
            at: T0 + 100 + i,
            actorId: null,
            action: "x",
            entityKind: "y",
            entityId: String(i),
          }),
        ),
      );
      const seqs = (await Promise.all(appends)).map((a) => a.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => 21 + i));
      expect(await verifyAudit(store.db, workspaceId)).toEqual({ ok: true, count: 50 });
    });
  });
}
