import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import { withIdempotency } from "./idempotency.repo.ts";
import type { Store } from "./open-store.ts";
import { onlyOn, testDatabases } from "./testing/databases.ts";
import { T0 } from "./testing/fixtures.ts";
import { insertWorkspace } from "./workspaces.repo.ts";

for (const database of testDatabases()) {
  describe(`${database.name}: idempotency keys`, () => {
    let store: Store;
    let workspaceId: string;
    let runs: number;
    const command = (key: string, request: unknown, name = "task.complete") => ({
      workspaceId,
      key,
      command: name,
      request,
      now: T0,
    });
    const run = async () => {
      runs++;
      return { taskId: "t1", outcome: "approve", run: runs };
    };

    beforeEach(async () => {
      store = await database.open();
      workspaceId = await insertWorkspace(store.db, { name: "ACME", now: T0 });
      runs = 0;
    });
    afterEach(() => store.close());

    it("runs a command once and replays its response for the same request", async () => {
      const request = { taskId: "t1", outcome: "approve", data: { a: 1, b: [1, 2] } };
      const first = await store.transaction((trx) =>
        withIdempotency(trx, command("k1", request), run),
      );
      // Same request with its keys in another order: the same canonical JSON.
      const reordered = { data: { b: [1, 2], a: 1 }, outcome: "approve", taskId: "t1" };
      const second = await store.transaction((trx) =>
        withIdempotency(trx, command("k1", reordered), run),
      );
      expect(first).toEqual({
        replayed: false,
        response: { taskId: "t1", outcome: "approve", run: 1 },
      });
      expect(second).toEqual({ replayed: true, response: first.response });
      expect(runs).toBe(1);
    });

    it("rejects a reused key with a different request or command", async () => {
      await store.transaction((trx) =>
        withIdempotency(trx, command("k1", { outcome: "approve" }), run),
      );
      for (const repeat of [
        command("k1", { outcome: "reject" }),
        command("k1", { outcome: "approve" }, "task.reject"),
      ]) {
        const error = await store
          .transaction((trx) => withIdempotency(trx, repeat, run))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(KamError);
        expect((error as KamError).code).toBe("STORE_IDEMPOTENCY_MISMATCH");
      }
      expect(runs).toBe(1);
    });

    it("forgets a key whose command failed, so a retry runs it", async () => {
      const failing = store.transaction((trx) =>
        withIdempotency(trx, command("k2", {}), async () => {
          throw new Error("approver not found");
        }),
      );
      await expect(failing).rejects.toThrow("approver not found");
      const retry = await store.transaction((trx) => withIdempotency(trx, command("k2", {}), run));
      expect(retry.replayed).toBe(false);
    });

    it("keeps keys per workspace", async () => {
      const other = await insertWorkspace(store.db, { name: "Other", now: T0 });
      await store.transaction((trx) => withIdempotency(trx, command("k1", {}), run));
      const elsewhere = await store.transaction((trx) =>
        withIdempotency(trx, { ...command("k1", {}), workspaceId: other }, run),
      );
      expect(elsewhere.replayed).toBe(false);
      expect(runs).toBe(2);
    });

    onlyOn(database, "postgres")("runs once when the same key arrives concurrently", async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.transaction((trx) => withIdempotency(trx, command("k3", { x: 1 }), run)),
        ),
      );
      expect(runs).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      for (const result of results) expect(result.response).toEqual(results[0]!.response);
    });
  });
}
