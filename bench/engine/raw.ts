/**
 * @module bench/engine/raw
 * The raw limit: how many single-row write transactions per second SQLite takes with kamflow's
 * settings, with no engine at all. Rows have the shape of `peer_instances` and a 256-byte state
 * (an xstate snapshot is about 110 bytes, a kamflow instance row will be larger, bpmn-engine's
 * state is 10 KB). A durable engine that writes one row per step can at best complete
 * `instance-shaped tx/s ÷ 3` instances per second.
 */
import type Database from "better-sqlite3";
import type { BenchConfig } from "./config.ts";
import { warmupFor } from "./config.ts";
import { measureInstances, type Rate } from "./measure.ts";
import { DURABLE_STEPS } from "./process.ts";
import { openBenchDatabase, tempDatabase } from "./sqlite.ts";

/** Transactions per second of each raw pattern. */
export interface RawLimit {
  /** `BEGIN IMMEDIATE; INSERT one row; COMMIT`. */
  readonly insert: Rate;
  /** `BEGIN IMMEDIATE; UPDATE one row by primary key; COMMIT`. */
  readonly update: Rate;
  /** `BEGIN IMMEDIATE; INSERT one row; UPDATE another; COMMIT`: one transaction, two rows. */
  readonly insertAndUpdate: Rate;
  /**
   * An instance's write pattern with no engine: an INSERT transaction, then two UPDATE
   * transactions of that row (rate in transactions/s). This is the reference: "raw limit".
   */
  readonly instanceShaped: Rate;
}

const STATE = JSON.stringify({ value: "approval", context: { pad: "x".repeat(200) } }).padEnd(
  256,
  " ",
);

function statements(db: Database.Database) {
  db.exec(`create table raw_rows (
    id text primary key,
    status text not null,
    state text not null,
    version integer not null
  )`);
  const insert = db.prepare(
    "insert into raw_rows (id, status, state, version) values (?, 'waiting', ?, 1)",
  );
  const update = db.prepare(
    "update raw_rows set status = ?, state = ?, version = version + 1 where id = ?",
  );
  const checked = (changes: number, what: string) => {
    if (changes !== 1) throw new Error(`raw ${what} changed ${changes} rows`);
  };
  return {
    insert: db.transaction((id: string) => checked(insert.run(id, STATE).changes, "insert")),
    update: db.transaction((id: string, status: string) =>
      checked(update.run(status, STATE, id).changes, "update"),
    ),
    insertAndUpdate: db.transaction((id: string, other: string) => {
      checked(insert.run(id, STATE).changes, "insert");
      checked(update.run("waiting", STATE, other).changes, "update");
    }),
  };
}

/**
 * Measures the four raw patterns on one temporary file, removed afterwards.
 * @param config `rawTransactions` transactions per timed pass of each pattern.
 */
export async function measureRawLimit(config: BenchConfig): Promise<RawLimit> {
  const file = tempDatabase("raw");
  const db = openBenchDatabase(file.path);
  try {
    const tx = statements(db);
    const count = config.rawTransactions;
    const options = { count, warmup: warmupFor(count), passes: config.passes };

    const insert = await measureInstances("ins", options, (id) => {
      tx.insert.immediate(id);
      return true;
    });
    // Updates the rows the INSERT measurement's first pass wrote (the same ids in every pass).
    const rowOf = (i: number) => `ins-p0-${String(i).padStart(7, "0")}`;
    const update = await measureInstances("upd", options, (_id, i) => {
      tx.update.immediate(rowOf(i), i % 2 === 0 ? "waiting" : "completed");
      return true;
    });
    const insertAndUpdate = await measureInstances("iu", options, (id, i) => {
      tx.insertAndUpdate.immediate(id, rowOf(i));
      return true;
    });
    const perInstance = Math.ceil(count / DURABLE_STEPS);
    const shaped = await measureInstances(
      "shape",
      { count: perInstance, warmup: warmupFor(perInstance), passes: config.passes },
      (id) => {
        tx.insert.immediate(id);
        tx.update.immediate(id, "waiting");
        tx.update.immediate(id, "completed");
        return true;
      },
    );
    const instanceShaped: Rate = {
      perSecond: shaped.perSecond * DURABLE_STEPS,
      passes: shaped.passes.map((r) => r * DURABLE_STEPS),
      count: perInstance * DURABLE_STEPS,
    };
    return { insert, update, insertAndUpdate, instanceShaped };
  } finally {
    db.close();
    file.remove();
  }
}
