/**
 * @module test/reliability/server-process
 * Real kamflow servers as child OS processes, for tests and benchmarks that need what an
 * in-process server cannot give: `kill -9` at any instant, SIGSTOP/SIGCONT, several processes
 * sharing one PostgreSQL schema, each with its own pid, pool and scheduler.
 *
 * Each child runs `node bin/kamflow.js serve --port 0 --no-demo` (the same command production
 * runs) on the given database, with its logs (JSON lines) captured; `startServerProcess` resolves
 * once the child logged "listening", with the URL it logged. Children never outlive the test:
 * each holds an IPC channel to this process and SIGKILLs itself when it closes (this process
 * exited or crashed), and `stopAll` (call it in `afterAll`) plus an exit hook kill the rest.
 *
 * @example
 * const server = await startServerProcess({ databaseUrl: location.url, schema, env: { KAMFLOW_LEASE_MS: "3000" } });
 * await fetch(`${server.url}/readyz`);
 * server.kill("SIGKILL");
 * const again = await server.restart();   // same database, same settings, a new pid
 * await stopAll();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = fileURLToPath(new URL("../../bin/kamflow.js", import.meta.url));

/**
 * Loaded into each child before kamflow: when this process goes away, its IPC channel closes and
 * the child kills itself, so no server outlives a crashed or killed test run. The channel is
 * unreferenced, so it does not keep a child that stopped gracefully from exiting.
 */
const WATCHDOG = `data:text/javascript,${encodeURIComponent(
  "process.channel?.unref(); process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));",
)}`;

export interface ServerProcessOptions {
  /** `file:/…/kamflow.db` or `postgres://…`. */
  readonly databaseUrl: string;
  /** PostgreSQL schema (`DATABASE_SCHEMA`). */
  readonly schema?: string;
  /**
   * Extra environment, e.g. `KAMFLOW_SCHEDULER_INTERVAL_MS`, `KAMFLOW_LEASE_MS`. `LOG_LEVEL` is
   * `info` (the harness waits for the "listening" line); `debug` also works.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** A name for messages (e.g. "server 2"). @default "kamflow" */
  readonly name?: string;
  /** How long to wait for "listening". @default 60 000 ms */
  readonly startTimeoutMs?: number;
  /** Called with each log line the child writes (parsed when it is JSON). */
  readonly onLog?: (line: LogLine, server: ServerProcess) => void;
}

/** One line a child logged: the parsed JSON fields, or `{ msg: text }` for other output. */
export type LogLine = Readonly<Record<string, unknown>> & { readonly msg?: unknown };

export interface ServerProcess {
  readonly name: string;
  /** `http://127.0.0.1:<port>`, as the child logged it. */
  readonly url: string;
  readonly pid: number;
  /** The engine's owner id this process writes in `claimed_by` / `fired_by`: `<host>:<pid>`. */
  readonly owner: string;
  /** Sends a signal (default SIGKILL); SIGSTOP/SIGCONT pause and resume it. */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (or 128 + signal number) once the process is gone. */
  readonly stopped: Promise<number>;
  /** Whether the process is still running (not yet exited). */
  readonly alive: boolean;
  /** The last log lines (at most 200), for failure messages. */
  readonly logs: readonly LogLine[];
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves with the exit code. */
  stop(graceMs?: number): Promise<number>;
  /** Kills this process if it still runs, then starts a new one with the same options. */
  restart(): Promise<ServerProcess>;
}

const SIGNALS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
const live = new Set<ChildProcess>();
let hooked = false;

function hookExit() {
  if (hooked) return;
  hooked = true;
  // Synchronous, so it runs even when the test process exits abruptly.
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

/**
 * The child's environment: ours minus Vitest's markers (the server logs nothing under Vitest)
 * and fault points, plus the database and the caller's settings.
 */
function childEnv(options: ServerProcessOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Fault points are armed only where a caller asks (options.env), never inherited.
    const ours = key.startsWith("VITEST") || key.startsWith("FAULT_") || key === "TEST";
    if (!ours && key !== "NODE_ENV") env[key] = value;
  }
  return {
    ...env,
    LOG_LEVEL: "info",
    DATABASE_URL: options.databaseUrl,
    DATABASE_SCHEMA: options.schema ?? "",
    ...options.env,
  };
}

/**
 * Starts `kamflow serve` as a child process and resolves once it listens.
 * @throws Error with the child's last log lines when it exits or times out before listening.
 */
export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  hookExit();
  const name = options.name ?? "kamflow";
  const level = options.env?.LOG_LEVEL;
  if (level !== undefined && level !== "info" && level !== "debug") {
    return Promise.reject(
      new Error(`LOG_LEVEL ${level} hides the "listening" line the harness waits for.`),
    );
  }
  const child = spawn(
    process.execPath,
    [
      "--import",
      WATCHDOG,
      CLI,
      "serve",
      "--port",
      "0",
      "--no-demo",
      "--database-url",
      options.databaseUrl,
    ],
    { cwd: ROOT, env: childEnv(options), stdio: ["ignore", "pipe", "pipe", "ipc"] },
  );
  live.add(child);
  // The channel must not keep this process alive; the child still sees it close when we exit.
  child.channel?.unref();
  const logs: LogLine[] = [];
  let exitCode: number | undefined;
  const stopped = new Promise<number>((resolve) => {
    child.once("exit", (code, signal) => {
      live.delete(child);
      exitCode = code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0);
      resolve(exitCode);
    });
  });
  let server: ServerProcess | undefined;

  const lines = (stream: NodeJS.ReadableStream | null) => {
    let rest = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      for (const text of parts) {
        if (text.trim() === "") continue;
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          line = { msg: text };
        }
        logs.push(line);
        if (logs.length > 200) logs.shift();
        onLine(line);
      }
    });
  };

  let onLine: (line: LogLine) => void = () => {};
  return new Promise<ServerProcess>((resolve, reject) => {
    const fail = (why: string) => {
      child.kill("SIGKILL");
      const tail = logs
        .slice(-20)
        .map((l) => JSON.stringify(l))
        .join("\n");
      reject(new Error(`${name} (pid ${child.pid}) ${why}. Last output:\n${tail}`));
    };
    const timeout = setTimeout(
      () => fail("did not log 'listening' in time"),
      options.startTimeoutMs ?? 60_000,
    );
    stopped.then((code) => {
      clearTimeout(timeout);
      if (server === undefined) fail(`exited with ${code} before listening`);
    });
    onLine = (line) => {
      if (server) {
        options.onLog?.(line, server);
        return;
      }
      if (line.msg !== "listening" || typeof line.url !== "string") return;
      clearTimeout(timeout);
      const pid = child.pid ?? 0;
      server = {
        name,
        url: line.url,
        pid,
        // The engine's default owner (engine/runtime/create-engine.ts); same machine, same host.
        owner: `${hostname()}:${pid}`,
        kill: (signal = "SIGKILL") => {
          if (exitCode === undefined) child.kill(signal);
        },
        stopped,
        get alive() {
          return exitCode === undefined;
        },
        logs,
        stop: async (graceMs = 10_000) => {
          if (exitCode !== undefined) return exitCode;
          child.kill("SIGCONT");
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
          const code = await stopped;
          clearTimeout(timer);
          return code;
        },
        restart: async () => {
          if (exitCode === undefined) child.kill("SIGKILL");
          await stopped;
          return startServerProcess(options);
        },
      };
      resolve(server);
    };
    lines(child.stdout);
    lines(child.stderr);
  });
}

/**
 * Stops every child this module started: SIGTERM (after SIGCONT, in case one is paused), then
 * SIGKILL after `graceMs`. Safe to call more than once.
 */
export async function stopAll(graceMs = 5_000): Promise<void> {
  const children = [...live];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGCONT");
          child.kill("SIGTERM");
        }),
    ),
  );
}
