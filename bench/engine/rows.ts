/**
 * @module bench/engine/rows
 * A row of the engine benchmark's table, and the constructors the harness and the kamflow seam
 * use, so every row states its kind and its cost in raw transactions the same way.
 */
import type { Rate } from "./measure.ts";
import { DURABLE_STEPS } from "./process.ts";

/**
 * - `durable`: instances/s, state on a SQLite file; compared with xstate persisted.
 * - `memory`: instances/s, no database; compared with xstate in memory.
 * - `timers`: due timers fired/s on a SQLite file (kamflow only; no peer fires timers).
 * - `raw`: the raw limit, as the instances/s an engine writing one row per step could reach.
 */
export type RowKind = "durable" | "memory" | "timers" | "raw";

/** One line of the table. */
export interface BenchRow {
  readonly engine: string;
  readonly kind: RowKind;
  /** The median rate, with its passes and count. */
  readonly rate: Rate;
  /** Durable steps per counted item: 3 per instance, 1 per timer firing, 0 in memory. */
  readonly stepsPerItem: number;
  /** True for kamflow's own rows, which the targets are computed from. */
  readonly kamflow: boolean;
  readonly notes: string;
}

/** A durable row: `rate` in instances/s, each instance being {@link DURABLE_STEPS} steps. */
export function durableRow(engine: string, rate: Rate, notes: string, kamflow = false): BenchRow {
  return { engine, kind: "durable", rate, stepsPerItem: DURABLE_STEPS, kamflow, notes };
}

/** An in-memory row: `rate` in instances/s, no database. */
export function memoryRow(engine: string, rate: Rate, notes: string, kamflow = false): BenchRow {
  return { engine, kind: "memory", rate, stepsPerItem: 0, kamflow, notes };
}

/** kamflow's timer row: `rate` in timers fired/s, each firing being one durable step. */
export function timersRow(engine: string, rate: Rate, notes: string): BenchRow {
  return { engine, kind: "timers", rate, stepsPerItem: 1, kamflow: true, notes };
}

/**
 * The cost of one durable step in raw single-row transactions: 1.0 means the engine's step is as
 * cheap as a bare row write; the target for kamflow is ≤ 3.
 * @returns undefined for in-memory rows.
 */
export function rawTransactionsPerStep(row: BenchRow, rawTxPerSecond: number): number | undefined {
  if (row.stepsPerItem === 0) return undefined;
  return rawTxPerSecond / (row.rate.perSecond * row.stepsPerItem);
}
