/**
 * @module bench/engine/measure
 * Timing for the engine benchmark: a warm-up, then timed passes, each over fresh instances; the
 * median pass is reported and the range kept, because the machine is shared and noisy.
 * Every run reports whether its instance completed, and a single miss fails the bench.
 */
import { performance } from "node:perf_hooks";

/** Rates of one measurement, in items per second. */
export interface Rate {
  /** The median of the timed passes. */
  readonly perSecond: number;
  /** Every timed pass, slowest first. */
  readonly passes: readonly number[];
  /** Items per timed pass. */
  readonly count: number;
}

/** Runs one instance to its end; returns true only when the instance really completed. */
export type InstanceRun = (id: string, index: number) => boolean | Promise<boolean>;

/** How many items, warm-up items and passes a measurement runs. */
export interface MeasureOptions {
  readonly count: number;
  readonly warmup: number;
  readonly passes: number;
}

/** Thrown when a peer did not finish an instance: its figure would be meaningless. */
export class IncompleteRunError extends Error {
  override readonly name = "IncompleteRunError";
}

/** Builds a {@link Rate} from the durations (ms) of the timed passes. */
export function rateOf(count: number, durationsMs: readonly number[]): Rate {
  const passes = durationsMs.map((ms) => (count / ms) * 1000).sort((a, b) => a - b);
  return { perSecond: passes[Math.floor(passes.length / 2)] as number, passes, count };
}

/**
 * Measures instances per second of `run`. Ids are `${label}-w-0000000`… for the warm-up and
 * `${label}-p<pass>-0000000`… for pass `<pass>`; the index is the same in every pass (instance
 * `i` always gets the same input).
 * Synchronous runs are not awaited, so an in-memory peer pays no promise per instance.
 * @throws IncompleteRunError when any run returns false.
 */
export async function measureInstances(
  label: string,
  options: MeasureOptions,
  run: InstanceRun,
): Promise<Rate> {
  const runAll = async (prefix: string, count: number) => {
    for (let i = 0; i < count; i++) {
      // Zero-padded so ids ascend like kamflow's time-ordered ids and rows append to the B-tree.
      const id = `${prefix}-${String(i).padStart(7, "0")}`;
      const result = run(id, i);
      const done = typeof result === "boolean" ? result : await result;
      if (!done) throw new IncompleteRunError(`${label}: instance ${id} did not complete`);
    }
  };
  await runAll(`${label}-w`, options.warmup);
  const durations: number[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    const start = performance.now();
    await runAll(`${label}-p${pass}`, options.count);
    durations.push(performance.now() - start);
  }
  return rateOf(options.count, durations);
}

/** Milliseconds `work` takes, awaited. For one-shot measurements such as firing due timers. */
export async function timeIt(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
