/**
 * Generated KAM accounts for benchmarks: a seeded generator, so every run sees the same data.
 */
import { seededRandom } from "../engine/templates/seeded-random.ts";

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
