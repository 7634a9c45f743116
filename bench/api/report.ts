/**
 * @module bench/api/report
 * Printing: one markdown table (median requests/s with the range of the passes, median p50 and
 * p99 latency, the ratio to the bare route) and the target. Figures are printed, never
 * asserted: the machine is shared and noisy.
 */
import type { PassResult } from "./cannon.ts";

/** A case with its passes. */
export interface CaseRow {
  readonly name: string;
  readonly notes: string;
  readonly passes: readonly PassResult[];
  /** Bold in the table (kamflow's own API cases). */
  readonly kamflow: boolean;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >>> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en");
/** Latency in ms; autocannon records whole milliseconds, so 0 means under one. */
const ms = (n: number) => (n === 0 ? "<1" : n < 10 ? n.toFixed(1) : fmt(n));

/** Median requests per second of a case. */
export const rateOf = (row: CaseRow) => median(row.passes.map((p) => p.perSecond));

/** Prints the table; `ceiling` is the bare route's row. */
export function printTable(rows: readonly CaseRow[], ceiling: CaseRow): void {
  console.log("\n| case | req/s | passes | p50 ms | p99 ms | × bare | notes |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  const bare = rateOf(ceiling);
  for (const row of rows) {
    const rates = row.passes.map((p) => p.perSecond).sort((a, b) => a - b);
    const name = row.kamflow ? `**${row.name}**` : row.name;
    const ratio = row === ceiling ? "1.00×" : `${(rateOf(row) / bare).toFixed(2)}×`;
    console.log(
      `| ${name} | ${fmt(rateOf(row))} | ${fmt(rates[0] as number)}–${fmt(rates.at(-1) as number)} | ` +
        `${ms(median(row.passes.map((p) => p.p50)))} | ${ms(median(row.passes.map((p) => p.p99)))} | ` +
        `${ratio} | ${row.notes} |`,
    );
  }
}

/**
 * Prints the target: the inbox at ≥ 50% of the bare route's requests/s; and, for context, the
 * inbox against `sizeCeiling`, a bare route answering the same bytes.
 */
export function printTarget(inbox: CaseRow, ceiling: CaseRow, sizeCeiling?: CaseRow): void {
  const ratio = rateOf(inbox) / rateOf(ceiling);
  // The same pass of each case ran back to back, so per-pass ratios share the machine's state.
  const perPass = inbox.passes
    .map((p, i) => p.perSecond / (ceiling.passes[i]?.perSecond ?? Number.NaN))
    .sort((a, b) => a - b);
  console.log("\nTarget (issue #5):");
  console.log(
    `- inbox list ≥ 50% of the bare route's requests/s: ${(ratio * 100).toFixed(0)}% ` +
      `(passes ${(perPass[0]! * 100).toFixed(0)}–${(perPass.at(-1)! * 100).toFixed(0)}%) — ` +
      `${ratio >= 0.5 ? "met" : "MISSED"}`,
  );
  if (sizeCeiling)
    console.log(
      `- for context: inbox list / a bare route answering the same bytes: ` +
        `${((rateOf(inbox) / rateOf(sizeCeiling)) * 100).toFixed(0)}%; that route / the small ` +
        `bare route: ${((rateOf(sizeCeiling) / rateOf(ceiling)) * 100).toFixed(0)}%`,
    );
}

/** Prints every pass that had answers other than 2xx, with their statuses. */
export function printFailures(rows: readonly CaseRow[]): boolean {
  let any = false;
  for (const row of rows)
    row.passes.forEach((p, i) => {
      if (p.failures === 0) return;
      any = true;
      console.log(
        `! ${row.name}, pass ${i + 1}: ${p.failures} of ${p.total} failed ${JSON.stringify(p.statuses)}`,
      );
    });
  return any;
}
