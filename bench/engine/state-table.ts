/**
 * @module bench/engine/state-table
 * The one table the durable peers persist into: a row per instance holding whatever state the
 * peer serialises, a status and a version. It is the least a durable engine needs — one row,
 * written in one IMMEDIATE transaction per step, with the optimistic-lock check kamflow's
 * runtime makes (`… where id = ? and version = ?`) — so the peers pay for their own
 * serialisation and nothing kamflow-specific (no tasks, history or audit rows).
 */
import type Database from "better-sqlite3";

/** Where an instance is: parked at a wait state, or finished. */
export type InstanceStatus = "waiting" | "completed";

/** A stored row as read back when an instance resumes. */
export interface StoredState {
  readonly state: string;
  readonly version: number;
}

/** Prepared statements over the `peer_instances` table of one benchmark database. */
export class InstanceStateTable {
  readonly #select: Database.Statement<[string], StoredState>;
  readonly #insert: Database.Transaction<(id: string, status: string, state: string) => void>;
  readonly #update: Database.Transaction<
    (id: string, version: number, status: string, state: string) => void
  >;
  readonly #countCompleted: Database.Statement<[number, string], { n: number }>;

  /** Creates the table if needed and prepares every statement once. */
  constructor(db: Database.Database) {
    db.exec(`create table if not exists peer_instances (
      id text primary key,
      status text not null,
      state text not null,
      version integer not null
    )`);
    this.#select = db.prepare("select state, version from peer_instances where id = ?");
    const insert = db.prepare(
      "insert into peer_instances (id, status, state, version) values (?, ?, ?, 1)",
    );
    const update = db.prepare(
      "update peer_instances set status = ?, state = ?, version = version + 1 " +
        "where id = ? and version = ?",
    );
    // db.transaction(…).immediate runs BEGIN IMMEDIATE … COMMIT (ROLLBACK if the body throws).
    this.#insert = db.transaction((id: string, status: string, state: string) => {
      insert.run(id, status, state);
    });
    this.#update = db.transaction((id: string, version: number, status: string, state: string) => {
      const { changes } = update.run(status, state, id, version);
      if (changes !== 1) throw new Error(`optimistic lock lost on ${id} at version ${version}`);
    });
    this.#countCompleted = db.prepare(
      "select count(*) as n from peer_instances where status = 'completed' and substr(id, 1, ?) = ?",
    );
  }

  /** Stores a new instance at its first wait state, in one IMMEDIATE transaction. */
  insert(id: string, status: InstanceStatus, state: string): void {
    this.#insert.immediate(id, status, state);
  }

  /** Reads an instance's state back to resume it (an autocommit read, as a resumer would). */
  load(id: string): StoredState {
    const row = this.#select.get(id);
    if (row === undefined) throw new Error(`instance ${id} is not stored`);
    return row;
  }

  /**
   * Stores the next state in one IMMEDIATE transaction, only if nobody wrote the row since it
   * was loaded.
   * @throws Error when the row's version is no longer `version`.
   */
  update(id: string, version: number, status: InstanceStatus, state: string): void {
    this.#update.immediate(id, version, status, state);
  }

  /** Counts the completed instances whose id starts with `prefix`. */
  countCompleted(prefix: string): number {
    return (this.#countCompleted.get(prefix.length, prefix) as { n: number }).n;
  }
}
