/**
 * @module store/clock
 * "Now" for due-ness queries: a time the caller passes (tests and simulations move it with an
 * injected clock) or the database's clock (`"db"`), which several server processes share even
 * when their own clocks drift apart.
 */

import { databaseNow } from "./raw-sql.ts";
import type { Db } from "./store-errors.ts";

/** Epoch milliseconds, or `"db"` for the database's clock. */
export type StoreNow = number | "db";

/**
 * The instant `now` stands for. With `"db"` it reads the database clock once; on PostgreSQL,
 * inside a transaction, that is the transaction's start time.
 */
export async function resolveNow(
  db: Db,
  dialect: "sqlite" | "postgres",
  now: StoreNow,
): Promise<number> {
  if (now !== "db") return now;
  const row = await db.selectNoFrom(databaseNow(dialect).as("now")).executeTakeFirstOrThrow();
  return Number(row.now);
}
