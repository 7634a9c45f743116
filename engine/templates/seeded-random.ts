/**
 * @module templates/seeded-random
 * mulberry32: a small, fast, well-distributed 32-bit PRNG in [0, 1). Enough for demo data and
 * benchmark inputs, which must be the same on every run with the same seed.
 * @example const random = seededRandom(42); random(); // the same value on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
