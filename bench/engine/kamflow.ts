/**
 * @module bench/engine/kamflow
 * THE SEAM: kamflow's own rows of `npm run bench:engine`. The runtime (engine/store,
 * engine/flows interpreter, engine/runtime `createEngine`) is not ready, so for now this returns
 * no rows and says so; the harness prints the peers, the raw limit and "not measured" targets.
 *
 * To plug kamflow in, return up to three rows built with ./rows.ts (pass `kamflow: true` to
 * durableRow/memoryRow; timersRow is kamflow's by definition):
 *
 * 1. `memoryRow("kamflow interpreter (pure step), in memory", rate, notes, true)`:
 *    `ctx.measureInstances("kamflow-mem", { count: ctx.config.memoryInstances, warmup:
 *    warmupFor(count), passes: ctx.config.passes }, (id, i) => …)` where the run drives the pure
 *    step function over `ctx.flow` from start with `{ amount: amountFor(i) }`, completes "fill",
 *    approves, and returns true only if the instance ended through the approval. Synchronous
 *    runs are not awaited, so return a boolean, not a promise, if the step function is sync.
 * 2. `durableRow("kamflow createEngine (SQLite)", rate, notes, true)`: open
 *    `createEngine({ db: ctx.tempDatabase("kamflow").url, clock })`, install and publish
 *    `ctx.flow` (users: BENCH_USERS), then `ctx.measureInstances("kamflow", { count:
 *    ctx.config.instances, … }, async (id, i) => …)`: start the flow with `{ amount:
 *    amountFor(i) }` (idempotency key `id`), complete the "fill" task as BENCH_USERS.filler,
 *    approve as BENCH_USERS.approver, and return whether the instance's state is completed.
 *    After the passes, count completed instances through the API and throw if any is missing.
 *    Three durable steps per instance, the same as the peers (see ./process.ts).
 * 3. `timersRow("kamflow timers fired, 10,000 due", rate, notes)`: per pass, on a fresh
 *    `ctx.tempDatabase("kamflow-timers")`, create `ctx.config.timers` instances parked on a due
 *    timer (or insert due timers through the store), then time firing them all with
 *    `ctx.timeIt(() => engine.fireDueTimers())`; `rateOf(ctx.config.timers, durationsMs)` from
 *    ./measure.ts turns the passes into a rate. Check every timer fired exactly once.
 *
 * Temporary databases are removed by the harness at the end even if a measurement throws; close
 * the engine (and its database handle) before returning.
 */
import { validateFlowShape } from "../../engine/flows/index.ts";
import type { approvalFlow } from "./approval-flow.ts";
import type { BenchConfig } from "./config.ts";
import type { measureInstances, timeIt } from "./measure.ts";
import type { BenchRow } from "./rows.ts";
import type { TempDatabase } from "./sqlite.ts";

/** What the harness hands kamflow's measurements: the same counts and tools the peers use. */
export interface KamflowBenchContext {
  readonly config: BenchConfig;
  /** The benchmark process as a kamflow flow definition. */
  readonly flow: typeof approvalFlow;
  /** A fresh SQLite file under os.tmpdir(); `url` is what `createEngine` takes. */
  readonly tempDatabase: (label: string) => TempDatabase;
  readonly measureInstances: typeof measureInstances;
  readonly timeIt: typeof timeIt;
}

/**
 * kamflow's rows: (1) the pure interpreter in memory, (2) durable instances/s through
 * `createEngine` on a SQLite file, (3) timers fired/s with `config.timers` due timers.
 * For now: none, with a line saying why, after checking that the bench flow's shape is valid.
 */
export async function kamflowRows(ctx: KamflowBenchContext): Promise<BenchRow[]> {
  const shape = validateFlowShape(ctx.flow);
  if (shape.ok) {
    console.log("kamflow bench flow: shape valid (validateFlowShape)");
  } else {
    console.log("kamflow bench flow: shape INVALID, fix bench/engine/approval-flow.ts:");
    for (const issue of shape.issues) console.log(`  ${issue.pointer}: ${issue.message}`);
  }
  console.log("kamflow rows: runtime not available yet");
  return [];
}
