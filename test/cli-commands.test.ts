/**
 * The database commands of `kamflow` on SQLite and PostgreSQL: `migrate`, `user add` (then the
 * user signs in over HTTP), `seed --accounts N` (progress lines, or a bar on a TTY) and their exit
 * codes. They run in-process through `main(argv, io)`; one test spawns the real command.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestLocation, testDatabases } from "../engine/store/testing/databases.ts";
import type { CliIo } from "../server/cli/command.ts";
import { main } from "../server/cli/main.ts";
import { createLogger } from "../server/logging.ts";
import { startServer } from "../server/serve.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Captured extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly raw: string[];
}

function captureIo(location: TestLocation, extra: Partial<CliIo> = {}): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const raw: string[] = [];
  return {
    stdout,
    stderr,
    raw,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    write: (text) => raw.push(text),
    isTTY: false,
    storeOptions: location.options,
    env: {
      LANG: "en_US.UTF-8",
      ...(location.options.schema ? { DATABASE_SCHEMA: location.options.schema } : {}),
    },
    ...extra,
  };
}

async function canSignIn(location: TestLocation, email: string, password: string) {
  const server = await startServer({
    port: 0,
    databaseUrl: location.url,
    ...(location.options.schema ? { databaseSchema: location.options.schema } : {}),
    storeOptions: location.options,
    demo: false,
    scheduler: false,
    logger: createLogger({ level: "silent" }),
  });
  try {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    return { status: res.status, body: (await res.json()) as { role?: string } };
  } finally {
    await server.stop();
  }
}

for (const database of testDatabases()) {
  describe(`kamflow database commands on ${database.name}`, () => {
    let location: TestLocation;
    beforeEach(async () => {
      location = await database.location();
    });
    afterEach(() => location.dispose());

    const run = (io: Captured, ...args: string[]) =>
      main([...args, "--database-url", location.url], io);

    it("migrate applies every migration once, then reports the database up to date", async () => {
      const io = captureIo(location);
      expect(await run(io, "migrate")).toBe(0);
      expect(io.stdout[0]).toBe("applied 0001-initial");
      expect(io.stdout.length).toBeGreaterThanOrEqual(5);
      const again = captureIo(location);
      expect(await run(again, "migrate")).toBe(0);
      expect(again.stdout).toEqual(["up to date"]);
    });

    it("user add creates a user who signs in with the given or the generated password", async () => {
      const seed = captureIo(location);
      expect(await run(seed, "seed", "--accounts", "1")).toBe(0);
      const ws = /workspace "[^"]+" \(([^)]+)\)/.exec(seed.stdout.join("\n"))?.[1] ?? "";

      const io = captureIo(location);
      const code = await run(
        io,
        "user",
        "add",
        "--workspace",
        ws,
        "--email",
        "Zhao.Min@Example.com",
        "--name",
        "赵敏",
        "--role",
        "manager",
        "--password",
        "correct horse battery staple",
        "--business-role",
        "sales-director",
      );
      expect(code).toBe(0);
      expect(io.stdout[0]).toMatch(/^added zhao\.min@example\.com \(manager\) to workspace /);
      expect(
        await canSignIn(location, "zhao.min@example.com", "correct horse battery staple"),
      ).toMatchObject({ status: 200, body: { role: "manager" } });

      // No --password and no terminal to ask on: one is generated and printed once.
      const generated = captureIo(location);
      expect(
        await run(
          generated,
          "user",
          "add",
          "--email",
          "qian@example.com",
          "--name",
          "钱",
          "--role",
          "viewer",
        ),
      ).toBe(0);
      const password = /^password: (\S+)/m.exec(generated.stdout.join("\n"))?.[1] ?? "";
      expect(password.length).toBeGreaterThanOrEqual(8);
      expect(await canSignIn(location, "qian@example.com", password)).toMatchObject({
        status: 200,
        body: { role: "viewer" },
      });

      // On a terminal the password is asked for, twice.
      const answers = ["s3cret-passw0rd", "s3cret-passw0rd"];
      const asked = captureIo(location, { prompt: async () => answers.shift() ?? "" });
      expect(
        await run(
          asked,
          "user",
          "add",
          "--email",
          "sun@example.com",
          "--name",
          "孙",
          "--role",
          "member",
        ),
      ).toBe(0);
      expect(asked.stdout.join("\n")).not.toContain("s3cret");
      expect((await canSignIn(location, "sun@example.com", "s3cret-passw0rd")).status).toBe(200);
    });

    it("user add fails with 1 on a taken e-mail, a short password or an unknown workspace", async () => {
      expect(await run(captureIo(location), "seed", "--accounts", "1")).toBe(0);
      const add = (...extra: string[]) => {
        const io = captureIo(location);
        return run(io, "user", "add", "--name", "X", "--role", "member", ...extra).then((code) => ({
          code,
          err: io.stderr.join("\n"),
        }));
      };
      const taken = await add("--email", "wang.lei@example.com", "--password", "long enough");
      expect(taken).toMatchObject({
        code: 1,
        err: expect.stringContaining("already has an account"),
      });
      expect((await add("--email", "x@example.com", "--password", "short")).code).toBe(1);
      expect((await add("--email", "not-an-email", "--password", "long enough")).code).toBe(1);
      const unknown = await add(
        "--email",
        "y@example.com",
        "--password",
        "long enough",
        "--workspace",
        "01a20000-0000-7000-8000-000000000000",
      );
      expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining("STORE_NOT_FOUND") });
    });

    it("seed creates the demo workspace on an empty database, then N accounts with progress lines", async () => {
      const io = captureIo(location);
      expect(await run(io, "seed", "--accounts", "30", "--seed", "7")).toBe(0);
      const text = io.stdout.join("\n");
      expect(text).toContain("admin@example.com");
      expect(io.stdout).toContain("accounts: 3/30");
      expect(io.stdout).toContain("accounts: 30/30");
      expect(io.stdout.at(-1)).toMatch(
        /^seeded 30 accounts in workspace \S+ in [\d.]+ s \(seed 7\)$/,
      );
      expect(io.raw).toEqual([]);

      // A second run reuses the workspace and draws a progress bar on a terminal.
      const tty = captureIo(location, { isTTY: true });
      expect(await run(tty, "seed", "--accounts", "20")).toBe(0);
      expect(tty.stdout.join("\n")).not.toContain("admin@example.com");
      expect(tty.raw.at(-2)).toMatch(/^\raccounts \[█{30}\] 100% 20\/20$/);
      expect(tty.raw.at(-1)).toBe("\n");

      const { store } = await import("../server/serve.ts").then((m) =>
        m.openMigratedStore(
          { databaseUrl: location.url, storeOptions: location.options },
          createLogger({ level: "silent" }),
        ),
      );
      try {
        const accounts = await store.db
          .selectFrom("records")
          .select(["data", "owner_id"])
          .where("form_key", "=", "account")
          .execute();
        // Five demo accounts, then 30 and 20 seeded ones, each owned by the demo KAM.
        expect(accounts).toHaveLength(55);
        const names = accounts.map((a) => (JSON.parse(a.data) as { name: string }).name);
        expect(new Set(names).size).toBe(55);
        expect(names.every((n) => /^[\u4e00-\u9fff]+(（\d+号分公司）)?$/.test(n))).toBe(true);
        expect(names.filter((n) => /公司/.test(n))).toHaveLength(55);
        expect(new Set(accounts.map((a) => a.owner_id)).size).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
}

describe("kamflow migrate as a process", () => {
  it("migrates a fresh SQLite file and exits 0", () => {
    const folder = mkdtempSync(join(tmpdir(), "kamflow-cli-"));
    try {
      const result = spawnSync(
        process.execPath,
        ["bin/kamflow.js", "migrate", "--database-url", `file:${join(folder, "k.db")}`],
        { cwd: root, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "" } },
      );
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("applied 0001-initial");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
