/**
 * The template-pack commands of `kamflow` on SQLite and PostgreSQL: `install` (dry run saves
 * nothing; install; re-install leaves all alone; an invalid pack and a conflict exit 1 with what
 * is wrong), `export` then `install` of the file into another workspace (the same definitions),
 * `retier` and `seed --pack` (progress lines, sample people who can sign in).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../engine/runtime/create-engine.ts";
import { listDefinitions } from "../engine/store/index.ts";
import { type TestLocation, testDatabases } from "../engine/store/testing/databases.ts";
import { bundledPacksFolder } from "../engine/templates/bundled.ts";
import type { CliIo } from "../server/cli/command.ts";
import { main } from "../server/cli/main.ts";

interface Captured extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

function captureIo(location: TestLocation): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    write: (text) => stdout.push(text),
    isTTY: false,
    storeOptions: location.options,
    env: {
      LANG: "en_US.UTF-8",
      ...(location.options.schema ? { DATABASE_SCHEMA: location.options.schema } : {}),
    },
  };
}

async function definitions(location: TestLocation, ws?: string) {
  const store = await location.open();
  try {
    await store.migrate(); // a command that failed early may not have migrated it
    const workspaces = await store.db.selectFrom("workspaces").select("id").execute();
    const workspaceId = ws ?? workspaces[0]?.id;
    if (!workspaceId) return [];
    const rows = await listDefinitions(store.db, { workspaceId, status: "published" });
    return rows.map((d) => `${d.kind}/${d.key}@${d.version}:${d.checksum}`);
  } finally {
    await store.close();
  }
}

for (const database of testDatabases()) {
  describe(`kamflow template commands on ${database.name}`, () => {
    let location: TestLocation;
    let dir: string;
    beforeEach(async () => {
      location = await database.location();
      dir = mkdtempSync(join(tmpdir(), "kamflow-cli-"));
    });
    afterEach(async () => {
      await location.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    const run = (io: Captured, ...args: string[]) =>
      main([...args, "--database-url", location.url], io);

    it("install: a dry run saves nothing, the install publishes all, a re-install changes nothing", async () => {
      const dry = captureIo(location);
      expect(await run(dry, "install", "strategic-service-sla", "--dry-run")).toBe(0);
      expect(dry.stdout.join("\n")).toMatch(/create +flow\/strategic-ticket → v1/);
      expect(dry.stdout.at(-1)).toBe("dry run: nothing was saved");
      expect(await definitions(location)).toEqual([]);

      const io = captureIo(location);
      expect(await run(io, "install", "strategic-service-sla")).toBe(0);
      expect(io.stdout.join("\n")).toMatch(
        /installed strategic-service-sla@1\.0\.0 into workspace/,
      );
      const installed = await definitions(location);
      expect(installed.length).toBe(4);

      const again = captureIo(location);
      expect(await run(again, "install", "strategic-service-sla")).toBe(0);
      expect(again.stdout[0]).toMatch(/policy fail: 4 unchanged/);
      expect(await definitions(location)).toEqual(installed);
    });

    it("install: an invalid pack folder exits 1 naming the file and pointer, and saves nothing", async () => {
      const folder = join(dir, "broken");
      cpSync(join(bundledPacksFolder, "strategic-service-sla"), folder, { recursive: true });
      const flowFile = join(folder, "flows", "strategic-ticket.json");
      const flow = JSON.parse(readFileSync(flowFile, "utf8"));
      flow.form = "no-such-form";
      writeFileSync(flowFile, JSON.stringify(flow));
      const io = captureIo(location);
      expect(await run(io, "install", folder)).toBe(1);
      expect(io.stderr.join("\n")).toContain(
        'flows/strategic-ticket.json#/form: This refers to the form "no-such-form", which the pack does not contain.',
      );
      expect(await definitions(location)).toEqual([]);
    });

    it("install: a workspace's own change is a conflict (exit 1) unless a policy settles it", async () => {
      expect(await run(captureIo(location), "install", "strategic-service-sla")).toBe(0);
      const store = await location.open();
      const ws = (await store.db.selectFrom("workspaces").select("id").executeTakeFirstOrThrow())
        .id;
      const engine = createEngine({ store, clock: { now: () => Date.now() } });
      const form = await engine.definitions.latest(ws, "form", "service-ticket");
      await engine.definitions.publish(ws, {
        ...(form?.body as object),
        description: { "zh-CN": "我们改过", en: "Ours" },
      });
      await store.close();
      // The pack's version is the same, so its definitions are what the workspace changed.
      const refused = captureIo(location);
      expect(
        await run(
          refused,
          "install",
          "strategic-service-sla",
          "--policy",
          "new-version",
          "--dry-run",
        ),
      ).toBe(0);
      expect(refused.stdout.join("\n")).toMatch(/update +form\/service-ticket v2 → v3/);
      const failed = captureIo(location);
      expect(await run(failed, "install", "strategic-service-sla")).toBe(1);
      expect(failed.stderr.join("\n")).toMatch(
        /PACK_CONFLICT: 1 definition\(s\).*form\/service-ticket/,
      );
      const skipped = captureIo(location);
      expect(await run(skipped, "install", "strategic-service-sla", "--policy", "skip")).toBe(0);
      expect(skipped.stdout.join("\n")).toMatch(/skip +form\/service-ticket v2/);
    });

    it("export writes a pack that installs into an empty database as the same definitions", async () => {
      expect(await run(captureIo(location), "install", "retail-membership")).toBe(0);
      const file = join(dir, "export.json");
      const io = captureIo(location);
      expect(await run(io, "export", "--out", file)).toBe(0);
      expect(io.stdout[0]).toMatch(/^exported \d+ definitions of workspace .* to /);
      const other = await database.location();
      try {
        const installIo = captureIo(other);
        expect(await main(["install", file, "--database-url", other.url], installIo)).toBe(0);
        const strip = (rows: string[]) => rows.map((r) => r.replace(/@\d+:/, ":")).sort();
        expect(strip(await definitions(other))).toEqual(strip(await definitions(location)));
      } finally {
        await other.dispose();
      }
    });

    it("seed --pack installs the pack, creates its people and records; retier re-evaluates them", async () => {
      const io = captureIo(location);
      expect(
        await run(io, "seed", "--pack", "retail-membership", "--accounts", "6", "--seed", "7"),
      ).toBe(0);
      const out = io.stdout.join("\n");
      expect(out).toMatch(/installed retail-membership@1\.0\.0/);
      expect(out).toMatch(/sample people \(shared password, shown only this once: \S+\)/);
      expect(out).toMatch(/records: \d+\/\d+/);
      expect(out).toMatch(/created \d+ sample records of retail-membership/);

      const retier = captureIo(location);
      expect(await run(retier, "retier", "member-rfm")).toBe(0);
      expect(retier.stdout.at(-1)).toMatch(/^re-evaluated member-rfm for 6 records/);
      const missing = captureIo(location);
      expect(await run(missing, "retier", "no-such-model")).toBe(1);
    });
  });
}
