/**
 * `npm run bench:api`: autocannon against a local kamflow server on 127.0.0.1, over a SQLite file
 * in a temporary directory, 50 connections. One run measures, in interleaved passes:
 * - the ceiling: a bare Hono route returning a small JSON, served by the same process on the
 *   same @hono/node-server;
 * - the ceiling for the inbox's size: a bare Hono route returning the very bytes of the inbox
 *   below (about 23 KB for 50 tasks), which shows how much of the gap is the response's size
 *   (copying it through loopback and autocannon parsing it, on the same two cores);
 * - kamflow's middleware alone: `/healthz` (request id, logging and metrics, secure headers);
 * - the inbox list `GET /api/v1/tasks` of a user with 50 open tasks;
 * - a record read `GET /api/v1/records/{id}`;
 * - a task completion `POST /api/v1/tasks/{id}/complete`, each request a different task (a
 *   fixed number per pass, so the pre-created tasks never run out).
 * Every API request authenticates with a bearer API token, which the server resolves from its
 * caller cache (a query every 2 s TTL; server/auth/caller-cache). The inbox is served from the
 * server's inbox cache: nothing changes the inbox user's tasks while that case runs, so it
 * measures the cached path (one query per 2 s TTL) — the path of every read between two changes
 * of the workspace's tasks (server/routes/inbox-cache). The server runs in a child process
 * (bench/api/server.ts) as `kamflow serve` runs it, so load generator and server do not share an
 * event loop. Prints a markdown table and whether the inbox reaches 50% of the bare route.
 * Settings come from the environment (bench/api/config.ts); the temporary directory is removed.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CaseRequest, type PassResult, runCase } from "./api/cannon.ts";
import { readApiConfig } from "./api/config.ts";
import type { ApiFixture } from "./api/fixture.ts";
import { type CaseRow, printFailures, printTable, printTarget } from "./api/report.ts";

function versionOf(name: string): string {
  const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

const config = readApiConfig();
const n = (x: number) => x.toLocaleString("en");

console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "?"}; ` +
    `hono ${versionOf("hono")}, @hono/node-server ${versionOf("@hono/node-server")}, ` +
    `autocannon ${versionOf("autocannon")}`,
);
console.log(
  `${config.connections} connections, ${config.passes} interleaved passes of ${config.seconds} s ` +
    `per case (completions: a fixed share of the tasks per pass) after a warm-up, median reported; server in a child process, SQLite (WAL) in a ` +
    `temporary directory, request logs at LOG_LEVEL=${process.env.LOG_LEVEL ?? "info"} (to /dev/null)`,
);

interface Ready {
  readonly type: "ready";
  readonly url: string;
  readonly bareUrl: string;
  readonly fixture: ApiFixture;
}

/** The next message of `type` from the child. */
function nextMessage<T>(child: ChildProcess, type: string, onOther?: (m: unknown) => void) {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== type) return onOther?.(message);
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the bench server exited (code ${code}) before sending "${type}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

const dir = mkdtempSync(join(tmpdir(), "kamflow-bench-api-"));
const child = fork(fileURLToPath(new URL("./api/server.ts", import.meta.url)), [], {
  execArgv: ["--import", "tsx"],
  env: {
    ...process.env,
    BENCH_API_DIR: dir,
    BENCH_API_INBOX: String(config.inboxTasks),
    BENCH_API_TASKS: String(config.completionTasks),
  },
  stdio: ["ignore", "ignore", "inherit", "ipc"],
});

try {
  const started = performance.now();
  const ready = await nextMessage<Ready>(child, "ready", (m) => {
    const p = m as { type?: string; done?: number; total?: number };
    if (p.type !== "progress") return;
    const line = `creating tickets and tasks: ${n(p.done ?? 0)}/${n(p.total ?? 0)}`;
    // A progress line on a terminal, plain lines (every 2,500) otherwise.
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if ((p.done ?? 0) % 2500 === 0 || p.done === p.total) console.log(line);
  });
  const { fixture } = ready;
  console.log(
    `${process.stdout.isTTY ? "\n" : ""}fixture: ${n(config.inboxTasks)} open tasks in the inbox, ` +
      `${n(fixture.taskIds.length)} to complete (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  // Each case answers as expected before anything is timed.
  const get = async (url: string, token: string) => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { items?: unknown[] } };
  };
  const inbox = await get(`${ready.url}/api/v1/tasks`, fixture.kamToken);
  if (inbox.status !== 200 || inbox.body.items?.length !== config.inboxTasks)
    throw new Error(`the inbox answered ${inbox.status} with ${inbox.body.items?.length} tasks`);
  const record = await get(`${ready.url}/api/v1/records/${fixture.recordId}`, fixture.kamToken);
  if (record.status !== 200) throw new Error(`the record read answered ${record.status}`);
  const bare = await get(`${ready.bareUrl}/bare`, fixture.kamToken);
  if (bare.status !== 200) throw new Error(`the bare route answered ${bare.status}`);

  // Completions make a fixed number of requests, so they never run out of tasks: a warm-up's
  // share, then the rest split evenly over the passes.
  let nextTask = 0;
  const taskPath = () =>
    `/api/v1/tasks/${fixture.taskIds[nextTask++ % fixture.taskIds.length]}/complete`;
  const warmupCompletions = Math.min(500, Math.floor(fixture.taskIds.length / 20));
  const completionsPerPass = Math.floor(
    (fixture.taskIds.length - warmupCompletions) / config.passes,
  );
  const cases: Array<{ row: CaseRow; url: string; request: CaseRequest }> = [
    {
      row: {
        name: "bare Hono route (ceiling)",
        notes: "`c.json` of 3 fields",
        kamflow: false,
        passes: [],
      },
      url: ready.bareUrl,
      request: { method: "GET", path: "/bare", token: fixture.kamToken },
    },
    {
      row: {
        name: "bare Hono route, the inbox's JSON (ceiling for its size)",
        notes: "`c.body` of the inbox's bytes, read once from kamflow",
        kamflow: false,
        passes: [],
      },
      url: ready.bareUrl,
      request: { method: "GET", path: "/bare-inbox", token: fixture.kamToken },
    },
    {
      row: {
        name: "kamflow middleware only: `GET /healthz`",
        notes: "request id, log line, metrics, secure headers; no auth, no database",
        kamflow: false,
        passes: [],
      },
      url: ready.url,
      request: { method: "GET", path: "/healthz", token: fixture.kamToken },
    },
    {
      row: {
        name: `inbox: \`GET /api/v1/tasks\` (${config.inboxTasks} open tasks)`,
        notes: "bearer token (cached caller), inbox from the cache (JSON kept serialized)",
        kamflow: true,
        passes: [],
      },
      url: ready.url,
      request: { method: "GET", path: "/api/v1/tasks", token: fixture.kamToken },
    },
    {
      row: {
        name: "record read: `GET /api/v1/records/{id}`",
        notes: "bearer token (cached caller), org tree for row-level visibility, one scoped query",
        kamflow: true,
        passes: [],
      },
      url: ready.url,
      request: {
        method: "GET",
        path: `/api/v1/records/${fixture.recordId}`,
        token: fixture.kamToken,
      },
    },
    {
      row: {
        name: "task completion: `POST /api/v1/tasks/{id}/complete`",
        notes:
          "a different task each request; bearer token (cached caller); one durable step (task, state, history, audit)",
        kamflow: true,
        passes: [],
      },
      url: ready.url,
      request: {
        method: "POST",
        path: taskPath,
        token: fixture.closerToken,
        body: "{}",
        amount: completionsPerPass,
      },
    },
  ];

  const options = { connections: config.connections, seconds: config.seconds };
  const completionOf = (passes: readonly PassResult[]) =>
    passes.reduce((sum, p) => sum + (p.statuses["200"] ?? 0), 0);
  const warmups: PassResult[] = [];
  for (const { url, request, row } of cases) {
    process.stdout.write(`warm-up: ${row.name}\n`);
    const warmup =
      request.amount === undefined ? request : { ...request, amount: warmupCompletions };
    warmups.push(await runCase(url, warmup, { ...options, seconds: 1 }));
  }
  for (let pass = 1; pass <= config.passes; pass++) {
    for (const { url, request, row } of cases) {
      process.stdout.write(`pass ${pass}/${config.passes}: ${row.name}\n`);
      (row.passes as PassResult[]).push(await runCase(url, request, options));
    }
  }

  const rows = cases.map((c) => c.row);
  const [ceiling, sizeCeiling, , inboxRow, , completion] = rows as [
    CaseRow,
    CaseRow,
    CaseRow,
    CaseRow,
    CaseRow,
    CaseRow,
  ];
  printTable(rows, ceiling);
  printTarget(inboxRow, ceiling, sizeCeiling);

  // Every 200 of the completion case completed exactly one task, and no other request did.
  child.send({ type: "count" });
  const { count } = await nextMessage<{ count: number }>(child, "completed");
  const answered = completionOf(completion.passes) + completionOf(warmups.slice(-1));
  console.log(
    `\ncompletions: ${n(answered)} answered 200, ${n(count)} tasks completed in the database ` +
      `(of ${n(fixture.taskIds.length)}; ${n(completionsPerPass)} per pass) — ` +
      `${answered === count ? "consistent" : "MISMATCH"}`,
  );
  if (answered !== count) process.exitCode = 1;
  if (printFailures(rows)) {
    console.log(
      "Some requests failed; if the completion case ran out of tasks, raise BENCH_API_TASKS.",
    );
    process.exitCode = 1;
  } else console.log("Every request of every case answered 2xx.");
} finally {
  if (child.connected) {
    child.send({ type: "stop" });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  rmSync(dir, { recursive: true, force: true });
}
