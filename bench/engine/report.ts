/**
 * @module bench/engine/report
 * Printing: the raw-limit table, the main table (rate, spread of passes, cost of a durable step
 * in raw transactions, ratio to xstate in the same mode) and the three target lines.
 * Figures are printed, never asserted: the machine is shared and noisy.
 */
import type { Rate } from "./measure.ts";
import { DURABLE_STEPS } from "./process.ts";
import type { RawLimit } from "./raw.ts";
import { type BenchRow, rawTransactionsPerStep } from "./rows.ts";

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const range = (rate: Rate) =>
  `${fmt(rate.passes[0] as number)}–${fmt(rate.passes.at(-1) as number)}`;

/** The raw limit as a table row: the instances/s of an engine that only writes its rows. */
export function rawLimitRow(raw: RawLimit): BenchRow {
  const perInstance = (r: number) => r / DURABLE_STEPS;
  return {
    engine: "raw limit (3 single-row tx per instance, no engine)",
    kind: "raw",
    rate: {
      perSecond: perInstance(raw.instanceShaped.perSecond),
      passes: raw.instanceShaped.passes.map(perInstance),
      count: raw.instanceShaped.count / DURABLE_STEPS,
    },
    stepsPerItem: DURABLE_STEPS,
    kamflow: false,
    notes: "INSERT tx, UPDATE tx, UPDATE tx of one 256-byte row",
  };
}

/** Prints the four raw patterns in transactions per second. */
export function printRawLimit(raw: RawLimit): void {
  console.log(`\nRaw limit — ${fmt(raw.insert.count)} transactions per pass`);
  console.log("| transaction | tx/s | passes |");
  console.log("| --- | ---: | ---: |");
  const line = (what: string, rate: Rate) =>
    console.log(`| ${what} | ${fmt(rate.perSecond)} | ${range(rate)} |`);
  line("single-row INSERT", raw.insert);
  line("single-row UPDATE (by primary key)", raw.update);
  line("INSERT + UPDATE in one transaction", raw.insertAndUpdate);
  line("instance-shaped: INSERT, UPDATE, UPDATE (the raw limit)", raw.instanceShaped);
}

/** The xstate rows every other row of the same mode is compared with. */
export interface XstateReferences {
  readonly persisted: BenchRow;
  readonly memory: BenchRow;
}

/** Prints the main table; `rows` exclude the raw-limit row, which is added first. */
export function printTable(
  rows: readonly BenchRow[],
  raw: RawLimit,
  xstate: XstateReferences,
): void {
  const rawTx = raw.instanceShaped.perSecond;
  const all = [rawLimitRow(raw), ...rows];
  console.log("\n| engine | instances/s | passes | raw tx per durable step | × xstate | notes |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const row of all) {
    const unit = row.kind === "timers" ? " timers/s" : "";
    const perStep = rawTransactionsPerStep(row, rawTx);
    const reference = row.kind === "memory" ? xstate.memory : xstate.persisted;
    const ratio =
      row.kind === "timers" || reference === row
        ? "—"
        : `${(row.rate.perSecond / reference.rate.perSecond).toFixed(2)}×`;
    const name = row.kamflow ? `**${row.engine}**` : row.engine;
    console.log(
      `| ${name} | ${fmt(row.rate.perSecond)}${unit} | ${range(row.rate)} | ` +
        `${perStep === undefined ? "—" : perStep.toFixed(2)} | ${ratio} | ${row.notes} |`,
    );
  }
  console.log(
    "\nraw tx per durable step = raw limit tx/s ÷ (rate × durable steps per item); " +
      `${DURABLE_STEPS} steps per instance, 1 per timer. × xstate: durable rows against xstate ` +
      "persisted, in-memory rows against xstate in memory.",
  );
}

const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

/** Prints the targets, computed from kamflow's rows, or says they were not measured. */
export function printTargets(
  rows: readonly BenchRow[],
  raw: RawLimit,
  xstate: XstateReferences,
): void {
  const rawTx = raw.instanceShaped.perSecond;
  const ours = (kind: BenchRow["kind"]) => rows.find((r) => r.kamflow && r.kind === kind);
  const notYet = "not measured (kamflow runtime not available yet)";
  console.log("\nTargets (issue #3):");

  const memory = ours("memory");
  if (memory) {
    const r = memory.rate.perSecond / xstate.memory.rate.perSecond;
    console.log(
      `- in-memory interpreter ≥ xstate in memory: ${r.toFixed(2)}× — ${verdict(r >= 1)}`,
    );
  } else console.log(`- in-memory interpreter ≥ xstate in memory: ${notYet}`);

  const durable = ours("durable");
  if (durable) {
    const cost = rawTransactionsPerStep(durable, rawTx) as number;
    console.log(
      `- one durable step ≤ 3 raw single-row transactions: ${cost.toFixed(2)} — ${verdict(cost <= 3)}`,
    );
  } else console.log(`- one durable step ≤ 3 raw single-row transactions: ${notYet}`);
  if (durable) {
    const r = durable.rate.perSecond / xstate.persisted.rate.perSecond;
    console.log(`- kamflow ≥ ½ xstate persisted: ${r.toFixed(2)}× — ${verdict(r >= 0.5)}`);
    const belowRaw = rawTx / DURABLE_STEPS / durable.rate.perSecond;
    console.log(
      `  kamflow reaches ${(r * 100).toFixed(0)}% of xstate's persisted rate and ` +
        `1/${belowRaw.toFixed(1)} of the raw limit`,
    );
  } else console.log(`- kamflow ≥ ½ xstate persisted: ${notYet}`);

  const timers = ours("timers");
  if (timers) {
    const cost = rawTransactionsPerStep(timers, rawTx) as number;
    console.log(`- timers: ${fmt(timers.rate.perSecond)} fired/s, ${cost.toFixed(2)} raw tx each`);
  }
}
