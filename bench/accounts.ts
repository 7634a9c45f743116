/**
 * Generated KAM accounts for benchmarks: a seeded generator, so every run sees the same data.
 */

/** mulberry32: a small seeded PRNG, so benchmark inputs are identical across runs and engines. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchAccount {
  id: string;
  industry: string;
  featureUsage: number;
  meetingHours: number;
  openIssues: number;
  nps: number;
  annualPurchase: number;
  margin: number;
  strategicInfluence: number;
  cooperationYears: number;
}

const INDUSTRIES = ["manufacturing", "retail", "saas", "energy", "finance", "logistics"];

export function generateAccounts(count: number, seed = 20261123): BenchAccount[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const accounts: BenchAccount[] = [];
  for (let i = 0; i < count; i++) {
    accounts.push({
      id: `acc-${i}`,
      industry: pick(INDUSTRIES),
      featureUsage: Math.round(random() * 100),
      meetingHours: Math.round(random() * 150) / 10,
      openIssues: Math.floor(random() * 24),
      nps: Math.round(random() * 200) - 100,
      annualPurchase: Math.round(random() * 2_000_000),
      margin: Math.round(random() * 400) / 1000,
      strategicInfluence: Math.floor(random() * 5) + 1,
      cooperationYears: Math.floor(random() * 15),
    });
  }
  return accounts;
}
