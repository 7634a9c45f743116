/**
 * @module test/reliability/figures
 * The record the reliability and security suites keep: each test states its figure (what it
 * injected, what it counted) with `recordFigure`. The line is printed in every run; when
 * `npm run test:reliability` runs the suites it also sets `KAMFLOW_FIGURES` to a file, collects
 * the lines and prints them as the table in docs/RELIABILITY.md.
 *
 * Sizes: `npm test` (and CI) runs the smaller size; `KAMFLOW_SCALE=full` (what
 * `npm run test:reliability -- --full` sets) runs the sizes. Same code either way.
 */
import { appendFileSync } from "node:fs";

/** One test's figure: one row of the table. */
export interface Figure {
  /** The reliability-plan id, e.g. "R2" or "S4". */
  readonly id: string;
  /** What the test does, in a few words. */
  readonly test: string;
  /** "sqlite", "postgres", "3 × postgres", "browser", "engine"… */
  readonly backend: string;
  /** The size it ran at, e.g. "10,000 timers, 3 processes". */
  readonly size: string;
  /** What it counted, e.g. { "fired": 10000, "duplicates": 0, "lost": 0 }. */
  readonly figures: Readonly<Record<string, string | number>>;
}

/** Whether the suites run at the full sizes. */
export const FULL_SCALE = process.env.KAMFLOW_SCALE === "full";

/**
 * The size for this run: `ci` in `npm test`, `full` under `KAMFLOW_SCALE=full`.
 * @example const TIMERS = scaled(2_000, 10_000);
 */
export function scaled(ci: number, full: number): number {
  return FULL_SCALE ? full : ci;
}

/** Formats a count for the table: 10000 → "10,000". */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * Prints the figure and, under `npm run test:reliability`, appends it to the collected record.
 * @example
 * recordFigure({ id: "R2", test: "timers fire exactly once", backend: "3 × postgres",
 *   size: "10,000 timers", figures: { fired: 10000, duplicates: 0 } });
 */
export function recordFigure(figure: Figure): void {
  const line = JSON.stringify(figure);
  console.log(`[figure] ${line}`);
  const file = process.env.KAMFLOW_FIGURES;
  if (file) appendFileSync(file, `${line}\n`);
}
