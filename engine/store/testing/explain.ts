/**
 * @module store/testing/explain
 * The query plan of a Kysely query, for tests that check an index is used.
 */
import { type Compilable, CompiledQuery } from "kysely";
import type { Store } from "../open-store.ts";

/**
 * The plan's text: SQLite `EXPLAIN QUERY PLAN` details, or PostgreSQL `EXPLAIN` lines. On
 * PostgreSQL sequential scans are disabled for the plan: test tables are tiny, and the question
 * is whether an index *can* serve the query.
 */
export function explain(store: Store, query: Compilable): Promise<string> {
  const compiled = query.compile();
  return store.transaction(async (trx) => {
    if (store.dialect === "postgres") {
      await trx.executeQuery(CompiledQuery.raw("set local enable_seqscan = off"));
    }
    const prefix = store.dialect === "sqlite" ? "explain query plan " : "explain ";
    const result = await trx.executeQuery(
      CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
    );
    return result.rows
      .map((row) => Object.values(row as Record<string, unknown>).join(" "))
      .join("\n");
  });
}
