/**
 * A small measuring helper: warm up, then time whole passes over the data and keep the median.
 */
import { performance } from "node:perf_hooks";

export interface Measurement {
  readonly name: string;
  readonly recordsPerSecond: number;
  readonly checksum: string;
}

export function measure<T>(
  name: string,
  records: readonly T[],
  evaluate: (record: T) => unknown,
  passes = 5,
): Measurement {
  const counts = new Map<unknown, number>();
  for (const record of records) {
    const result = evaluate(record);
    counts.set(result, (counts.get(result) ?? 0) + 1);
  }
  const times: number[] = [];
  let sink = 0;
  for (let p = 0; p < passes; p++) {
    const start = performance.now();
    for (let i = 0; i < records.length; i++) {
      if (evaluate(records[i] as T) !== undefined) sink++;
    }
    times.push(performance.now() - start);
  }
  if (sink === -1) console.log(sink);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const checksum = [...counts.entries()]
    .map(([k, n]) => `${String(k)}=${n}`)
    .sort()
    .join(",");
  return { name, recordsPerSecond: (records.length / median) * 1000, checksum };
}
