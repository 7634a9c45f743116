/**
 * @module test/reliability/pace
 * How the reliability tests pace their load: `sleep`, and a small seeded PRNG so that a run's
 * schedule (kills, pauses, think times) can be replayed from its printed seed.
 *
 * @example
 * const random = rng(SEED);
 * await sleep(100 + Math.floor(random() * 300));
 */

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
