/**
 * @module store/postgres-dialect
 * Kysely's PostgreSQL dialect on a `pg` pool whose type parsers suit kamflow. The parsers are set
 * per pool, never on pg's global `types`, so other pg users in the process are unaffected.
 */
import { PostgresDialect } from "kysely";
import pg from "pg";

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/** BIGINT columns (epoch-ms times, counts) as JS numbers; a value past 2^53 is an error, not a silent rounding. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} exceeds 2^53`);
  return value;
}

const identity = (text: string) => text;

/**
 * JSON stays text so both dialects hand repositories the same `string` (see store/json):
 * pg would otherwise parse jsonb into objects here and SQLite would not.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID) return parseInt8;
    if (oid === JSON_OID || oid === JSONB_OID) return identity;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  /** Schema to create tables in and read from (the connections' search_path). */
  readonly schema?: string;
  /**
   * Connections in the pool.
   * @default 10
   */
  readonly poolSize?: number;
  /**
   * Called when a pooled connection fails, idle or in use (e.g. the server restarted, or ended an
   * idle transaction). The pool drops the connection and opens a new one on demand; without a
   * listener Node would crash the process.
   * @default process.emitWarning
   */
  readonly onPoolError?: (error: Error) => void;
  /**
   * Turns off parallel query for the pool's sessions. Test stores set it: with hundreds of
   * throw-away schemas in pg_catalog the planner picks parallel scans for the migrator's
   * introspection, and a parallel worker failed to resolve a schema created moments earlier.
   * @default false
   */
  readonly serialQueries?: boolean;
  /**
   * PostgreSQL ends a session that sits idle inside a transaction this long, releasing its row
   * locks. Every step takes the workspace's audit-head row lock until it commits, so a process
   * frozen mid-transaction (a long GC pause, SIGSTOP, a VM stall) would otherwise hold up every
   * step of that workspace on every process until it woke. Its own transaction then fails and
   * rolls back, as if it had crashed. Keep it well above any pause between a transaction's
   * queries (milliseconds in kamflow); 0 turns it off.
   * @default 30 000 ms (the timer lease)
   */
  readonly idleInTransactionTimeoutMs?: number;
  /**
   * How long opening a connection may take before it fails (then the request answers 503). A
   * database that vanished without resetting its connections (a failover, dropped packets) would
   * otherwise hang every request that needs a new connection. TCP keep-alive is on as well, so
   * the pool notices dead idle connections.
   * @default 10 000 ms
   */
  readonly connectTimeoutMs?: number;
}

/** Whole milliseconds, never negative (the value goes into a connection option). */
function idleTimeout(ms: number | undefined): number {
  const value = Math.floor(ms ?? 30_000);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * A connection URL split into the URL without its `options` parameter and that parameter
 * (`?options=-c%20statement_timeout%3D5000`). pg lets the URL's parameters override the pool's
 * own, so an `options=` left in the URL would replace kamflow's session settings — the schema's
 * search_path among them — instead of adding to them.
 */
function splitOptions(url: string): { url: string; options: string } {
  try {
    const parsed = new URL(url);
    const options = parsed.searchParams.get("options");
    if (options === null) return { url, options: "" };
    parsed.searchParams.delete("options");
    return { url: parsed.toString(), options };
  } catch {
    return { url, options: "" }; // not a URL (a keyword/value string): pg reads it as it is
  }
}

/** The dialect and its pool for a `postgres://` URL. `schema` must be validated by the caller. */
export function postgresDialect(url: string, options: PostgresOptions = {}): PostgresDialect {
  const connection = splitOptions(url);
  const pool = new pg.Pool({
    connectionString: connection.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    types,
    // A later `-c` wins: the URL's own `options=` may override the defaults before it, but not
    // the schema kamflow was told to use.
    options: [
      options.serialQueries ? "-c max_parallel_workers_per_gather=0" : "",
      `-c idle_in_transaction_session_timeout=${idleTimeout(options.idleInTransactionTimeoutMs)}`,
      connection.options,
      options.schema ? `-c search_path=${options.schema}` : "",
    ]
      .filter(Boolean)
      .join(" "),
  });
  const onError = options.onPoolError ?? ((error: Error) => process.emitWarning(error));
  pool.on("error", onError);
  // A connection in use can fail too (the server ended an idle transaction, or restarted): its
  // query rejects, and the client's own 'error' event must not go unheard and crash the process.
  pool.on("connect", (client) => client.on("error", onError));
  return new PostgresDialect({ pool });
}
