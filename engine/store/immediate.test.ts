import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.ts";

const script = fileURLToPath(new URL("./testing/sqlite-writer.ts", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "kamflow-immediate-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Writer {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

function startWriter(file: string, count: number, label: string): Writer {
  const child = spawn(process.execPath, ["--import", "tsx", script, file, String(count), label], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    async next() {
      const line = await lines.next();
      if (line.done) throw new Error(`writer ${label} ended early: ${stderr}`);
      return line.value;
    },
  };
}

describe("sqlite: IMMEDIATE transactions across processes", () => {
  it("two processes migrate one fresh file and write 200 transactions each with no SQLITE_BUSY", async () => {
    const file = join(folder, "shared.db");
    const writers = [startWriter(file, 200, "a"), startWriter(file, 200, "b")];
    // Barriers: both migrate at once, then both write at once.
    expect(await Promise.all(writers.map((w) => w.next()))).toEqual(["opened", "opened"]);
    for (const w of writers) w.child.stdin.write("go\n");
    expect(await Promise.all(writers.map((w) => w.next()))).toEqual(["migrated", "migrated"]);
    for (const w of writers) w.child.stdin.write("go\n");
    const summaries = (await Promise.all(writers.map((w) => w.next()))).map(
      (line) => JSON.parse(line) as { ok: number; busy: number; other: string[] },
    );
    for (const w of writers) w.child.stdin.end();

    expect(summaries).toEqual([
      { ok: 200, busy: 0, other: [] },
      { ok: 200, busy: 0, other: [] },
    ]);
    const store = await openStore(`file:${file}`);
    const rows = await store.db
      .selectFrom("records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(rows.n).toBe(400);
    expect(await store.migrate()).toEqual([]);
    await store.close();
  });
});
