/**
 * @module server/serve
 * Runs kamflow: opens the store (`DATABASE_URL`, default the embedded SQLite file), migrates it,
 * creates the demo workspace on first run (printing its passwords once), serves the app and runs
 * the scheduler; `runServer` also stops cleanly on SIGINT/SIGTERM.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Clock } from "../engine/ports.ts";
import { createEngine, type Engine } from "../engine/runtime/index.ts";
import { openStore, type Store, type StoreOptions } from "../engine/store/index.ts";
import { createApp } from "./app.ts";
import { createLoginLimiter } from "./auth/rate-limit.ts";
import { type DatabaseClock, startDatabaseClock } from "./database-clock.ts";
import {
  type DemoOptions,
  type DemoWorkspace,
  ensureDemoWorkspace,
  formatDemoCredentials,
} from "./demo/demo-workspace.ts";
import type { ServerDeps } from "./deps.ts";
import { startChangeFanout } from "./fanout/pg-change-fanout.ts";
import { createLogger, errorFields, type Logger } from "./logging.ts";
import type { OpsOptions } from "./ops/ops-deps.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";
import { version } from "./version.ts";

export interface ServeOptions {
  /** 0 picks a free port. @default PORT or 8787 */
  readonly port?: number;
  /** @default HOST or 127.0.0.1 */
  readonly host?: string;
  /** @default DATABASE_URL or file:./data/kamflow.db */
  readonly databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing). @default DATABASE_SCHEMA, else the search_path */
  readonly databaseSchema?: string;
  /** More options of `openStore` (pool size, serial queries…; tests pass their location's). */
  readonly storeOptions?: StoreOptions;
  /** Create the demo workspace when the database holds none. @default true */
  readonly demo?: boolean;
  /** How the demo workspace is made (tests make fewer sample accounts). */
  readonly demoOptions?: DemoOptions;
  /** Run the scheduler loop. @default true */
  readonly scheduler?: boolean;
  /**
   * The scheduler's pause between idle ticks and its claim leases (timers, outbox).
   * @default schedulerSettingsFrom(process.env): 1 s, 30 s and 60 s unless set there
   */
  readonly schedulerSettings?: SchedulerSettings;
  /**
   * @default the system clock on SQLite; on PostgreSQL the system clock corrected to the
   * database's (server/database-clock), so processes on machines whose clocks drift agree
   */
  readonly clock?: Clock;
  /** @default a JSON logger to stdout at LOG_LEVEL */
  readonly logger?: Logger;
  /** Where the once-only demo credentials go. @default stdout */
  readonly print?: (text: string) => void;
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly engine: Engine;
  readonly store: Store;
  readonly scheduler: Scheduler;
  /** The demo workspace created by this start, or null. */
  readonly demo: DemoWorkspace | null;
  /** Stops the scheduler and the HTTP server, then closes the store. */
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };
/** How long a stop lets requests in progress finish before it closes their connections. */
const HTTP_DRAIN_MS = 5_000;

/** The scheduler's tunable timings (tests shorten them; production keeps the defaults). */
export interface SchedulerSettings {
  readonly intervalMs?: number;
  readonly timerLeaseMs?: number;
  readonly outboxLeaseMs?: number;
}

/**
 * The scheduler's timings from the environment: `KAMFLOW_SCHEDULER_INTERVAL_MS` (pause between
 * idle ticks) and `KAMFLOW_LEASE_MS` (how long a timer or outbox claim is exclusive; a process
 * that dies holding claims delays them by at most this). Unset means the scheduler's defaults.
 * @throws Error when a value is not a positive whole number of milliseconds.
 * @example schedulerSettingsFrom({ KAMFLOW_LEASE_MS: "5000" }) // { timerLeaseMs: 5000, outboxLeaseMs: 5000 }
 */
export function schedulerSettingsFrom(env: NodeJS.ProcessEnv): SchedulerSettings {
  const ms = (name: string): number | undefined => {
    const text = env[name]?.trim();
    if (!text) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < 1) {
      throw new Error(`${name} must be a positive number of milliseconds, not "${text}".`);
    }
    return Number(text);
  };
  const intervalMs = ms("KAMFLOW_SCHEDULER_INTERVAL_MS");
  const leaseMs = ms("KAMFLOW_LEASE_MS");
  return {
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    ...(leaseMs !== undefined ? { timerLeaseMs: leaseMs, outboxLeaseMs: leaseMs } : {}),
  };
}

/**
 * The database URL and schema from options, else the environment.
 * @example databaseFrom({}) // { url: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA }
 */
export function databaseFrom(options: Pick<ServeOptions, "databaseUrl" | "databaseSchema">) {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const schema = options.databaseSchema ?? process.env.DATABASE_SCHEMA;
  return { url, schema: schema === "" ? undefined : schema };
}

/**
 * Opens and migrates the store; returns it with the migrations applied (also logged).
 * @example const { store, applied } = await openMigratedStore({ databaseUrl }, logger);
 */
export async function openMigratedStore(
  options: Pick<ServeOptions, "databaseUrl" | "databaseSchema" | "storeOptions">,
  logger: Logger,
): Promise<{ store: Store; applied: string[] }> {
  const { url, schema } = databaseFrom(options);
  const store = await openStore(url, { ...options.storeOptions, ...(schema ? { schema } : {}) });
  try {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info("migrated", { applied });
    return { store, applied };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Starts kamflow and returns once it listens.
 * @example
 * const server = await startServer({ port: 0, databaseUrl: "file:/tmp/kamflow.db" });
 * await fetch(`${server.url}/readyz`);
 * await server.stop();
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  // Read before anything opens, so a bad setting fails the start with nothing to clean up.
  const settings = options.schedulerSettings ?? schedulerSettingsFrom(process.env);
  const { store } = await openMigratedStore(options, logger);
  let databaseClock: DatabaseClock | undefined;
  if (!options.clock && store.dialect === "postgres") {
    try {
      databaseClock = await startDatabaseClock(store, { logger });
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const clock = options.clock ?? databaseClock ?? systemClock;
  const engine = createEngine({ store, clock });
  // Several processes on one PostgreSQL: each tells the others what it committed.
  const { url: databaseUrl, schema } = databaseFrom(options);
  const fanout =
    store.dialect === "postgres" && databaseUrl
      ? startChangeFanout(engine, { url: databaseUrl, schema, logger })
      : undefined;
  await fanout?.ready;
  let demo: DemoWorkspace | null = null;
  try {
    if (options.demo !== false) demo = await ensureDemoWorkspace(engine, options.demoOptions);
  } catch (error) {
    await fanout?.stop();
    databaseClock?.stop();
    await store.close();
    throw error;
  }
  const shutdown = new AbortController();
  const deps: ServerDeps & OpsOptions = {
    engine,
    store,
    clock,
    limiter: createLoginLimiter(),
    version,
    logger,
    shutdown: shutdown.signal,
  };
  const app = createApp(deps);
  const port = options.port ?? Number(process.env.PORT ?? 8787);
  const hostname = options.host ?? process.env.HOST ?? "127.0.0.1";
  const server = serve({ fetch: app.fetch, port, hostname });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
  } catch (error) {
    await fanout?.stop();
    databaseClock?.stop();
    await store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const scheduler = createScheduler({ engine, clock, logger, ...settings });
  if (options.scheduler !== false) scheduler.start();
  logger.info("listening", { version, url, health: `${url}/healthz` });
  if (demo) print(formatDemoCredentials(demo, url));

  let stopping: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    engine,
    store,
    scheduler,
    demo,
    stop: () => {
      stopping ??= (async () => {
        // No new connections; idle keep-alive ones close now, requests in progress may finish
        // (a load balancer has already sent the next ones elsewhere); event streams end, and
        // the browsers reconnect to another process.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        shutdown.abort();
        await scheduler.stop();
        // Hands a running job back at once, so another process resumes it without waiting out the lease.
        await engine.jobs.stop();
        let drainTimer: NodeJS.Timeout | undefined;
        await Promise.race([
          closed,
          new Promise<void>((resolve) => {
            drainTimer = setTimeout(resolve, HTTP_DRAIN_MS);
          }),
        ]);
        clearTimeout(drainTimer);
        // What is still open after the drain is cut; its clients retry.
        if ("closeAllConnections" in server) server.closeAllConnections();
        await closed;
        await fanout?.stop();
        databaseClock?.stop();
        await store.close();
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}

/**
 * Starts kamflow and runs until SIGINT or SIGTERM (a second signal exits at once).
 * @example
 * await runServer({ port: 8787 });
 */
export async function runServer(options: ServeOptions = {}): Promise<void> {
  const logger = options.logger ?? createLogger();
  const server = await startServer({ ...options, logger });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info("stopping", { signal });
      process.once(signal, () => process.exit(130));
      server.stop().then(resolve, (error: unknown) => {
        logger.error("stop failed", errorFields(error));
        resolve();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}
