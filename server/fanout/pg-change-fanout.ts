/**
 * @module server/fanout/pg-change-fanout
 * Several kamflow processes on one PostgreSQL see each other's changes at once: each process
 * publishes the changes of every transaction with `pg_notify` **inside that transaction** (so a
 * change is told if and only if it commits, in commit order) and LISTENs on a dedicated
 * connection; what another process committed is delivered to this one's listeners — SSE streams
 * (a user connected to process A sees a task created by process B), the inbox and caller caches
 * (dropped at once instead of after their TTL).
 *
 * NOTIFY payloads are limited to 8000 bytes: changes are packed into messages under that, and a
 * record change too large on its own travels without its data (`data: null`; no listener of
 * another process reads it — webhooks run in the writing transaction). The channel is per
 * database schema, so several workspaces' deployments sharing one database do not mix.
 *
 * While the LISTEN connection is down (a restart of PostgreSQL) changes are missed; it reconnects
 * with back-off, and the caches' TTL bounds how stale they can get meanwhile.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import type { EngineChange } from "../../engine/runtime/changes.ts";
import type { Engine } from "../../engine/runtime/index.ts";
import type { Logger } from "../logging.ts";

/** Under PostgreSQL's 8000-byte NOTIFY limit, with room for the envelope. */
export const MAX_PAYLOAD = 7500;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** One NOTIFY: who sent it and the changes. */
interface Message {
  readonly o: string;
  readonly c: readonly EngineChange[];
}

/** The channel of a schema: letters, digits and _ only, at most 63 characters. */
export function channelOf(schema: string | undefined): string {
  const safe = (schema ?? "public").toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return `kamflow_changes_${safe}`.slice(0, 63);
}

/** A change small enough to send: an oversized record change without its data. */
function sendable(change: EngineChange): EngineChange {
  if (change.type !== "record.changed") return change;
  if (JSON.stringify(change).length <= MAX_PAYLOAD - 200) return change;
  return { ...change, data: null, changed: change.changed?.slice(0, 50) };
}

/**
 * The payloads that carry `changes` from `origin`, each under `MAX_PAYLOAD` characters.
 * @example packChanges("p1", changes) // ['{"o":"p1","c":[…]}', …]
 */
export function packChanges(origin: string, changes: readonly EngineChange[]): string[] {
  const payloads: string[] = [];
  let batch: EngineChange[] = [];
  const flush = () => {
    if (batch.length > 0) payloads.push(JSON.stringify({ o: origin, c: batch } satisfies Message));
    batch = [];
  };
  for (const change of changes.map(sendable)) {
    // A change that cannot fit even alone (a pool task with thousands of candidates) is not
    // told: a NOTIFY over the limit would fail the transaction that made it. Other processes'
    // caches then catch up within their TTL.
    if (JSON.stringify({ o: origin, c: [change] }).length > MAX_PAYLOAD) continue;
    const next = JSON.stringify({ o: origin, c: [...batch, change] });
    if (next.length > MAX_PAYLOAD && batch.length > 0) flush();
    batch.push(change);
  }
  flush();
  return payloads;
}

export interface ChangeFanout {
  /** This process's id in the messages. */
  readonly origin: string;
  /** Resolves once LISTEN is in place (the first time). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the fan-out of `engine`'s changes over `url`'s PostgreSQL, on the schema's channel.
 * @example const fanout = startChangeFanout(engine, { url, schema, logger }); await fanout.ready;
 */
export function startChangeFanout(
  engine: Engine,
  options: { url: string; schema?: string | undefined; logger: Logger },
): ChangeFanout {
  const origin = randomUUID();
  const channel = channelOf(options.schema);
  const removeHandler = engine.changes.onCommitting(async (trx, changes) => {
    for (const payload of packChanges(origin, changes))
      await sql`select pg_notify(${channel}, ${payload})`.execute(trx);
  });

  let client: pg.Client | undefined;
  let stopped = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || !message.payload) return;
    let parsed: Message;
    try {
      parsed = JSON.parse(message.payload) as Message;
    } catch {
      return; // not ours
    }
    if (parsed.o === origin || !Array.isArray(parsed.c)) return;
    engine.changes.receive(parsed.c);
  };

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: options.url });
    client = next;
    const retry = (error: unknown) => {
      if (stopped || client !== next) return;
      client = undefined;
      next.removeAllListeners();
      void next.end().catch(() => {});
      options.logger.warn("change fan-out disconnected, reconnecting", {
        error: error instanceof Error ? error.message : String(error),
        inMs: delay,
      });
      timer = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
    next.on("error", retry);
    next.on("end", () => retry(new Error("connection ended")));
    next.on("notification", onNotification);
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
      delay = RECONNECT_MIN_MS;
      markReady();
    } catch (error) {
      retry(error);
    }
  };
  void connect();

  return {
    origin,
    ready,
    async stop() {
      stopped = true;
      removeHandler();
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        await current.end().catch(() => {});
      }
    },
  };
}
