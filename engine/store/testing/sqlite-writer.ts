/**
 * @module store/testing/sqlite-writer
 * A child process for immediate.test.ts: opens a SQLite store, and at the parent's signals
 * migrates it and then writes N read-then-write transactions, counting SQLITE_BUSY failures.
 *
 * Protocol (lines): prints `opened`, waits for `go`, migrates, prints `migrated`, waits for `go`,
 * writes, prints the JSON summary `{ "ok": n, "busy": n, "other": [messages] }`.
 *
 * Usage: `node --import tsx engine/store/testing/sqlite-writer.ts <file> <count> <label>`
 */
import { createInterface } from "node:readline";
import { openStore } from "../open-store.ts";

const [file, countText, label] = process.argv.slice(2);
if (!file || !countText || !label) throw new Error("usage: sqlite-writer <file> <count> <label>");
const count = Number(countText);

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function waitForGo(): Promise<void> {
  const next = await lines.next();
  if (next.done || next.value.trim() !== "go") throw new Error("expected go");
}

// A long busy timeout: a loaded CI machine may deschedule the lock holder for seconds, and the
// test is about deferred transactions, which fail at once whatever the timeout.
const store = await openStore(`file:${file}`, { busyTimeoutMs: 60_000 });
console.log("opened");
await waitForGo();
await store.migrate();
await store.db
  .insertInto("workspaces")
  .values({ id: "w", name: "shared", created_at: 0 })
  .onConflict((oc) => oc.doNothing())
  .execute();
console.log("migrated");
await waitForGo();

let ok = 0;
let busy = 0;
const other: string[] = [];
for (let i = 0; i < count; i++) {
  try {
    // Read first, then write: the pattern that fails with SQLITE_BUSY under deferred BEGIN when
    // the other process commits between this transaction's read and its first write.
    await store.transaction(async (trx) => {
      const seen = await trx
        .selectFrom("records")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("records")
        .values({
          id: `${label}-${i}`,
          workspace_id: "w",
          form_key: "writer",
          data: JSON.stringify({ seen: seen.n }),
          version: 1,
          created_at: i,
          updated_at: i,
        })
        .execute();
      await trx
        .updateTable("workspaces")
        .set({ name: `${label}-${i}` })
        .where("id", "=", "w")
        .execute();
    });
    ok++;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) busy++;
    else other.push(error instanceof Error ? error.message : String(error));
  }
}
console.log(JSON.stringify({ ok, busy, other }));
await store.close();
process.exit(0);
