/**
 * S6 of the reliability plan (§5.2): the audit trail's hash chain detects tampering, on SQLite
 * and PostgreSQL. Real activity goes through the API first (records, flows and their tasks, org
 * changes), so the chain holds the events the product writes — not hand-made ones as in
 * engine/store/audit.repo.test.ts. Then seeded random single-row tampers, done by SQL as a
 * database owner would (edit one column of one row, delete a row, swap two rows, insert a forged
 * row), each in a transaction that is rolled back after `verifyAudit` read it: 100 % detected.
 * One tamper is committed to show `GET /audit/verify` reports it too, then undone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditVerification, verifyAudit } from "../../engine/store/audit.repo.ts";
import type { Store } from "../../engine/store/index.ts";
import type { Db } from "../../engine/store/store-errors.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, startApi } from "../api/harness.ts";
import { count, recordFigure, scaled } from "../reliability/figures.ts";
import { ownTaskFlow, pick, prng, ticketForm } from "./support.ts";

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
  return result as AuditVerification;
}

/** Columns the hash covers, and an edit of each that changes what the row says. */
const EDITS: Record<string, (row: Record<string, unknown>, n: number) => unknown> = {
  at: (row) => Number(row.at) + 1,
  actor_id: (row) => (row.actor_id === null ? "forged-actor" : null),
  action: (row) => `${row.action}.forged`,
  entity_kind: (row) => `${row.entity_kind}x`,
  entity_id: (row) => `${row.entity_id}x`,
  before: (_row, n) => JSON.stringify({ forged: n }),
  after: (_row, n) => JSON.stringify({ forged: n }),
  prev_hash: () => "0".repeat(64),
  hash: () => "f".repeat(64),
};
const KINDS = [...Object.keys(EDITS).map((c) => `edit ${c}`), "delete", "swap", "insert"];

for (const database of testDatabases()) {
  describe(`S6 audit tamper detection on ${database.name}`, () => {
    let world: ApiWorld;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws } = world;
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, ownTaskFlow);
      const admin = await world.client("admin");
      const kam = await world.client("kam");
      // Real activity: org writes, records created and changed, flows started and completed.
      const team = await admin.post("/api/v1/teams", { key: "east", name: "华东" });
      expect(team.status).toBe(201);
      for (let i = 0; i < 10; i++) {
        const made = await kam.post("/api/v1/records", {
          form: "ticket",
          data: { title: `客户 ${i}`, amount: i * 100 },
        });
        expect(made.status).toBe(201);
        const id = made.body.record.id;
        await kam.patch(
          `/api/v1/records/${id}`,
          { data: { status: "open" } },
          { "if-match": '"1"' },
        );
        const started = await kam.post("/api/v1/instances", { flow: "own-task", recordId: id });
        const [task] = await engine.instances.tasks(ws, started.body.instance.id);
        await kam.post(`/api/v1/tasks/${task!.id}/complete`);
      }
      await admin.post("/api/v1/memberships", {
        userId: world.people.kam!.id,
        teamId: team.body.team.id,
        role: "member",
      });
    });
    afterAll(() => world.close());

    it("the audit holds the activity and verifies", async () => {
      const admin = await world.client("admin");
      const verified = await admin.get("/api/v1/audit/verify");
      expect(verified.body.ok).toBe(true);
      expect(verified.body.count).toBeGreaterThanOrEqual(20);
    });

    it("detects 100 % of seeded random single-row tampers", async () => {
      const { store, ws } = world;
      const random = prng(0x5eed_0006);
      const trials = scaled(200, 1_000);
      const total = (await verifyAudit(store.db, ws)) as { ok: true; count: number };
      const events = total.count;
      const byKind: Record<string, number> = {};
      const missed: string[] = [];
      const rowAt = (trx: Db, seq: number) =>
        trx
          .selectFrom("audit_events")
          .selectAll()
          .where("workspace_id", "=", ws)
          .where("seq", "=", seq)
          .executeTakeFirstOrThrow();
      for (let trial = 0; trial < trials; trial++) {
        const kind = KINDS[pick(random, KINDS.length)]!;
        const seq = 1 + pick(random, events);
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        const result = await inRollback(store, async (trx) => {
          const row = (await rowAt(trx, seq)) as unknown as Record<string, unknown>;
          const where = trx
            .updateTable("audit_events")
            .where("workspace_id", "=", ws)
            .where("seq", "=", seq);
          if (kind.startsWith("edit ")) {
            const column = kind.slice(5);
            // biome-ignore lint/suspicious/noExplicitAny: one column by name, as an attacker would
            await where.set({ [column]: EDITS[column]!(row, trial) } as any).execute();
          } else if (kind === "delete") {
            await trx
              .deleteFrom("audit_events")
              .where("workspace_id", "=", ws)
              .where("seq", "=", seq)
              .execute();
          } else if (kind === "swap") {
            // Two rows trade places: their seqs swap (through a free one, for the unique key).
            const other = seq === events ? seq - 1 : seq + 1;
            await where.set({ seq: -1 }).execute();
            await trx
              .updateTable("audit_events")
              .set({ seq })
              .where("workspace_id", "=", ws)
              .where("seq", "=", other)
              .execute();
            await trx
              .updateTable("audit_events")
              .set({ seq: other })
              .where("workspace_id", "=", ws)
              .where("seq", "=", -1)
              .execute();
          } else {
            // A forged event appended after the last one, chained to it like a real one.
            const last = (await rowAt(trx, events)) as unknown as Record<string, unknown>;
            await trx
              .insertInto("audit_events")
              .values({
                ...(last as object),
                id: `forged-${trial}`,
                seq: events + 1,
                prev_hash: last.hash as string,
                action: "record.delete",
              } as never)
              .execute();
          }
          return verifyAudit(trx, ws);
        });
        if (result.ok) missed.push(`trial ${trial}: ${kind} at ${seq}`);
      }
      expect(await verifyAudit(store.db, ws)).toEqual({ ok: true, count: events });
      recordFigure({
        id: "S6",
        test: "hash chain detects random single-row tampers of real API activity",
        backend: database.name,
        size: `${count(trials)} tampers over ${events} events`,
        figures: {
          tampers: trials,
          detected: trials - missed.length,
          "detected %": Math.round((10_000 * (trials - missed.length)) / trials) / 100,
          kinds: Object.keys(byKind).length,
        },
      });
      expect(missed).toEqual([]);
    });

    it("GET /audit/verify reports a committed tamper, and ok again once undone", async () => {
      const { store, ws } = world;
      const admin = await world.client("admin");
      const target = await store.db
        .selectFrom("audit_events")
        .select(["seq", "action"])
        .where("workspace_id", "=", ws)
        .where("seq", "=", 3)
        .executeTakeFirstOrThrow();
      const set = (action: string) =>
        store.db
          .updateTable("audit_events")
          .set({ action })
          .where("workspace_id", "=", ws)
          .where("seq", "=", 3)
          .execute();
      await set("login");
      const bad = await admin.get("/api/v1/audit/verify");
      await set(target.action);
      expect(bad.body).toEqual({ ok: false, firstBadSeq: 3, reason: "hash-mismatch" });
      expect((await admin.get("/api/v1/audit/verify")).body.ok).toBe(true);
    });
  });
}
