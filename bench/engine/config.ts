/**
 * @module bench/engine/config
 * Counts of `npm run bench:engine`, read once from the environment. The defaults keep the whole
 * run under about two minutes on a 2-core VM; each can be raised for steadier figures.
 */

/** How much work each measurement does; every peer of a mode does the same work. */
export interface BenchConfig {
  /** Durable instances per timed pass: xstate persisted and kamflow through createEngine. */
  readonly instances: number;
  /** Durable instances per timed pass for bpmn-engine, which is about 100× slower. */
  readonly bpmnInstances: number;
  /** In-memory instances per timed pass: xstate in memory and kamflow's pure interpreter. */
  readonly memoryInstances: number;
  /** Transactions per timed pass of each raw-limit measurement. */
  readonly rawTransactions: number;
  /** Due timers kamflow fires in its timer measurement (the issue asks for 10,000). */
  readonly timers: number;
  /** Timed passes per measurement; the median is reported, the range printed beside it. */
  readonly passes: number;
}

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${text}"`);
  }
  return value;
}

/**
 * Reads the counts: `BENCH_INSTANCES` (default 10,000), `BENCH_BPMN_INSTANCES` (300),
 * `BENCH_MEMORY_INSTANCES` (50,000), `BENCH_RAW_TRANSACTIONS` (30,000), `BENCH_TIMERS` (10,000)
 * and `BENCH_PASSES` (3).
 * @throws Error when a variable is set to something other than a positive integer.
 */
export function readConfig(): BenchConfig {
  return {
    instances: positiveInteger("BENCH_INSTANCES", 10_000),
    bpmnInstances: positiveInteger("BENCH_BPMN_INSTANCES", 300),
    memoryInstances: positiveInteger("BENCH_MEMORY_INSTANCES", 50_000),
    rawTransactions: positiveInteger("BENCH_RAW_TRANSACTIONS", 30_000),
    timers: positiveInteger("BENCH_TIMERS", 10_000),
    passes: positiveInteger("BENCH_PASSES", 3),
  };
}

/**
 * Warm-up size for a measurement of `count` items: a tenth, at least 50, so the JIT has
 * compiled the hot paths (and SQLite has its pages cached) before the clock starts.
 */
export function warmupFor(count: number): number {
  return Math.max(50, Math.ceil(count / 10));
}
