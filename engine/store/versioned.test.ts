import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import {
  archiveDefinition,
  getDefinition,
  insertDefinition,
  latestPublished,
  publishDefinition,
  updateDraft,
} from "./definitions.repo.ts";
import {
  appendHistory,
  insertInstanceOnce,
  nextHistorySeq,
  readHistory,
  requireInstance,
  updateInstance,
} from "./instances.repo.ts";
import type { Store } from "./open-store.ts";
import {
  getRecord,
  insertRecord,
  listRecords,
  requireRecord,
  softDeleteRecord,
  updateRecord,
} from "./records.repo.ts";
import { cancelOpenTasks, insertTasks, listInbox, updateTask } from "./tasks.repo.ts";
import { testDatabases } from "./testing/databases.ts";
import { type Seeded, seedInstance, seedWorkspace, T0 } from "./testing/fixtures.ts";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KamError)) throw new Error(`expected a KamError, got ${String(error)}`);
  return error.code;
}

for (const database of testDatabases()) {
  describe(`${database.name}: versioned rows`, () => {
    let store: Store;
    let seeded: Seeded;

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
    });
    afterEach(() => store.close());

    it("updates a record at its version and rejects a stale version", async () => {
      const { workspaceId } = seeded;
      const created = await insertRecord(store.db, {
        workspaceId,
        formKey: "account",
        data: { name: "ACME", nps: 40 },
        ownerId: seeded.userId,
        now: T0,
      });
      const updated = await store.transaction((trx) =>
        updateRecord(trx, {
          workspaceId,
          id: created.id,
          expectedVersion: 1,
          data: { name: "ACME", nps: 60 },
          now: T0 + 1,
        }),
      );
      expect(updated).toMatchObject({
        version: 2,
        data: { name: "ACME", nps: 60 },
        ownerId: seeded.userId,
        updatedAt: T0 + 1,
      });
      const stale = store.transaction((trx) =>
        updateRecord(trx, {
          workspaceId,
          id: created.id,
          expectedVersion: 1,
          data: { nps: 0 },
          now: T0 + 2,
        }),
      );
      expect(await codeOf(stale)).toBe("STORE_CONFLICT");
      expect((await requireRecord(store.db, { workspaceId, id: created.id })).data).toEqual({
        name: "ACME",
        nps: 60,
      });
      const missing = updateRecord(store.db, {
        workspaceId,
        id: "nope",
        expectedVersion: 1,
        data: {},
        now: T0,
      });
      expect(await codeOf(missing)).toBe("STORE_NOT_FOUND");
    });

    it("scopes records to their workspace and hides soft-deleted ones", async () => {
      const { workspaceId } = seeded;
      const other = await seedWorkspace(store.db, "Other");
      const record = await insertRecord(store.db, {
        workspaceId,
        formKey: "account",
        data: { name: "A" },
        now: T0,
      });
      await insertRecord(store.db, {
        workspaceId,
        formKey: "account",
        data: { name: "B" },
        now: T0,
      });
      expect(
        await getRecord(store.db, { workspaceId: other.workspaceId, id: record.id }),
      ).toBeUndefined();
      const foreign = updateRecord(store.db, {
        workspaceId: other.workspaceId,
        id: record.id,
        expectedVersion: 1,
        data: {},
        now: T0,
      });
      expect(await codeOf(foreign)).toBe("STORE_NOT_FOUND");
      await softDeleteRecord(store.db, {
        workspaceId,
        id: record.id,
        expectedVersion: 1,
        now: T0 + 5,
      });
      expect(await getRecord(store.db, { workspaceId, id: record.id })).toBeUndefined();
      expect(
        (await getRecord(store.db, { workspaceId, id: record.id, includeDeleted: true }))
          ?.deletedAt,
      ).toBe(T0 + 5);
      expect(
        (await listRecords(store.db, { workspaceId, formKey: "account" })).map((r) => r.data),
      ).toEqual([{ name: "B" }]);
    });

    it("versions definitions: draft, ETag edit, publish, archive", async () => {
      const { workspaceId } = seeded;
      const draft = await insertDefinition(store.db, {
        workspaceId,
        kind: "flow",
        key: "escalation",
        body: { v: 2 },
        now: T0,
      });
      expect(draft).toMatchObject({ version: 2, status: "draft" });
      const edited = await updateDraft(store.db, {
        workspaceId,
        id: draft.id,
        expectedChecksum: draft.checksum,
        body: { v: 2, b: 1 },
      });
      expect(edited.checksum).not.toBe(draft.checksum);
      expect(
        await codeOf(
          updateDraft(store.db, {
            workspaceId,
            id: draft.id,
            expectedChecksum: draft.checksum,
            body: {},
          }),
        ),
      ).toBe("STORE_CONFLICT");
      expect(
        (await latestPublished(store.db, { workspaceId, kind: "flow", key: "escalation" }))
          ?.version,
      ).toBe(1);
      await publishDefinition(store.db, { workspaceId, id: draft.id, now: T0 + 1 });
      expect(
        (await latestPublished(store.db, { workspaceId, kind: "flow", key: "escalation" }))
          ?.version,
      ).toBe(2);
      expect(
        await codeOf(publishDefinition(store.db, { workspaceId, id: draft.id, now: T0 })),
      ).toBe("STORE_STATE_INVALID");
      expect(
        await codeOf(
          updateDraft(store.db, {
            workspaceId,
            id: draft.id,
            expectedChecksum: edited.checksum,
            body: {},
          }),
        ),
      ).toBe("STORE_STATE_INVALID");
      await archiveDefinition(store.db, { workspaceId, id: seeded.definitionId });
      expect(
        (await getDefinition(store.db, { workspaceId, id: seeded.definitionId }))?.status,
      ).toBe("archived");
      expect(await codeOf(archiveDefinition(store.db, { workspaceId, id: "nope" }))).toBe(
        "STORE_NOT_FOUND",
      );
    });

    it("locks instance steps and logs history once per seq", async () => {
      const { workspaceId } = seeded;
      const instance = await seedInstance(store.db, seeded);
      const step = (expectedVersion: number) =>
        store.transaction(async (trx) => {
          const next = await updateInstance(trx, {
            workspaceId,
            id: instance.id,
            expectedVersion,
            status: "waiting",
            state: { tokens: ["t2"] },
            now: T0 + 1,
          });
          const seq = await nextHistorySeq(trx, { workspaceId, instanceId: instance.id });
          await appendHistory(trx, workspaceId, [
            {
              instanceId: instance.id,
              seq,
              at: T0 + 1,
              kind: "branch.chosen",
              nodeId: "c1",
              data: { edge: "e2", rule: { version: 1 } },
            },
          ]);
          return next;
        });
      expect((await step(1)).version).toBe(2);
      expect(await codeOf(step(1))).toBe("STORE_CONFLICT");
      expect(await readHistory(store.db, { workspaceId, instanceId: instance.id })).toEqual([
        {
          instanceId: instance.id,
          seq: 1,
          at: T0 + 1,
          kind: "branch.chosen",
          nodeId: "c1",
          data: { edge: "e2", rule: { version: 1 } },
        },
      ]);
      const incident = await updateInstance(store.db, {
        workspaceId,
        id: instance.id,
        expectedVersion: 2,
        status: "incident",
        state: {},
        incident: { code: "FLOW_STEP_LIMIT" },
        now: T0 + 2,
      });
      expect(incident.incident).toEqual({ code: "FLOW_STEP_LIMIT" });
      expect((await requireInstance(store.db, { workspaceId, id: instance.id })).status).toBe(
        "incident",
      );
    });

    it("starts one instance per start key", async () => {
      const input = {
        workspaceId: seeded.workspaceId,
        flowKey: "escalation",
        flowVersion: 1,
        definitionId: seeded.definitionId,
        status: "running" as const,
        state: {},
        startKey: "schedule:r1:2026-01",
        now: T0,
      };
      expect(await insertInstanceOnce(store.db, input)).toBeDefined();
      expect(await insertInstanceOnce(store.db, input)).toBeUndefined();
    });

    it("lists the inbox by due date and cancels a token's tasks", async () => {
      const { workspaceId, userId } = seeded;
      const instance = await seedInstance(store.db, seeded);
      const base = {
        workspaceId,
        instanceId: instance.id,
        nodeId: "n",
        kind: "task" as const,
        assigneeId: userId,
        now: T0,
      };
      const [late, none, soon] = await insertTasks(store.db, [
        { ...base, tokenId: "a", dueAt: T0 + 200 },
        { ...base, tokenId: "b", dueAt: null },
        { ...base, tokenId: "a", dueAt: T0 + 100 },
      ]);
      expect(
        (await listInbox(store.db, { workspaceId, assigneeId: userId })).map((t) => t.id),
      ).toEqual([soon!.id, late!.id, none!.id]);
      expect(
        await cancelOpenTasks(store.db, {
          workspaceId,
          instanceId: instance.id,
          tokenId: "a",
          now: T0,
        }),
      ).toBe(2);
      const racing = updateTask(store.db, {
        workspaceId,
        id: soon!.id,
        expectedVersion: 1,
        patch: { status: "completed" },
        now: T0,
      });
      expect(await codeOf(racing)).toBe("STORE_CONFLICT");
      expect(
        (await listInbox(store.db, { workspaceId, assigneeId: userId })).map((t) => t.id),
      ).toEqual([none!.id]);
    });

    it("lets exactly one of two concurrent completions of a task win", async () => {
      const { workspaceId, userId } = seeded;
      const instance = await seedInstance(store.db, seeded);
      const [task] = await insertTasks(store.db, [
        {
          workspaceId,
          instanceId: instance.id,
          tokenId: "a",
          nodeId: "approve",
          kind: "approval",
          assigneeId: userId,
          now: T0,
        },
      ]);
      const complete = (outcome: string) =>
        store.transaction((trx) =>
          updateTask(trx, {
            workspaceId,
            id: task!.id,
            expectedVersion: 1,
            now: T0 + 1,
            patch: { status: "completed", outcome, completedAt: T0 + 1, completedBy: userId },
          }),
        );
      const results = await Promise.allSettled([complete("approve"), complete("reject")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((loser.reason as KamError).code).toBe("STORE_CONFLICT");
    });
  });
}
