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
   * Called when an idle pooled connection fails (e.g. the server restarted). The pool drops the
   * connection and opens a new one on demand; without a listener Node would crash the process.
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
}

/** The dialect and its pool for a `postgres://` URL. `schema` must be validated by the caller. */
export function postgresDialect(url: string, options: PostgresOptions = {}): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    ...(options.schema || options.serialQueries
      ? {
          options: [
            options.schema ? `-c search_path=${options.schema}` : "",
            options.serialQueries ? "-c max_parallel_workers_per_gather=0" : "",
          ]
            .filter(Boolean)
            .join(" "),
        }
      : {}),
  });
  pool.on("error", options.onPoolError ?? ((error) => process.emitWarning(error)));
  return new PostgresDialect({ pool });
}
