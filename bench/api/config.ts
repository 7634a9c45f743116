/**
 * @module bench/api/config
 * Settings of `npm run bench:api`, read once from the environment. The defaults keep the run
 * under three minutes on a 2-core VM, most of it creating the tasks to complete; raise the duration or passes for steadier figures.
 */

export interface ApiBenchConfig {
  /** Concurrent connections autocannon keeps open (the issue asks for 50). */
  readonly connections: number;
  /** Seconds per timed pass of each case. */
  readonly seconds: number;
  /** Timed passes per case, interleaved across the cases; the median is reported. */
  readonly passes: number;
  /** Open tasks in the inbox user's inbox. */
  readonly inboxTasks: number;
  /**
   * Tasks created for the completion case: each request completes a different one; after a
   * warm-up's share, each pass completes an equal part of them (a fixed amount, not a duration).
   */
  readonly completionTasks: number;
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
 * Reads `BENCH_API_CONNECTIONS` (default 50), `BENCH_API_SECONDS` (5), `BENCH_API_PASSES` (3),
 * `BENCH_API_INBOX` (50) and `BENCH_API_TASKS` (10,000: 500 for the warm-up, then 3,166 per pass).
 * @throws Error when a variable is set to something other than a positive integer.
 */
export function readApiConfig(): ApiBenchConfig {
  return {
    connections: positiveInteger("BENCH_API_CONNECTIONS", 50),
    seconds: positiveInteger("BENCH_API_SECONDS", 5),
    passes: positiveInteger("BENCH_API_PASSES", 3),
    inboxTasks: positiveInteger("BENCH_API_INBOX", 50),
    completionTasks: positiveInteger("BENCH_API_TASKS", 10_000),
  };
}
