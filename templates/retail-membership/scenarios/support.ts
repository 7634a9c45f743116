/**
 * Helpers shared by the retail-membership scenarios: Shanghai calendar dates relative to the
 * simulated clock, and the member's RFM assignment (score and per-measure breakdown).
 */
import { getTierAssignment } from "../../../engine/store/index.ts";
import { DAY, HOUR, type Scenario } from "../../testing/scenario.ts";

/** The Shanghai calendar date (YYYY-MM-DD) `days` days before the scenario's current time. */
export function daysAgo(s: Scenario, days: number): string {
  return new Date(s.clock.now() + 8 * HOUR - days * DAY).toISOString().slice(0, 10);
}

/** Score, tier and each measure's 1–5 score of a member under `member-rfm`. */
export async function rfm(
  s: Scenario,
  recordId: string,
): Promise<{ score: number | null; tier: string | null; r: unknown; f: unknown; m: unknown }> {
  const a = await getTierAssignment(s.store.db, {
    workspaceId: s.ws,
    recordId,
    modelKey: "member-rfm",
  });
  if (!a) return { score: null, tier: null, r: null, f: null, m: null };
  const measures = (a.breakdown as { measures: Array<{ key: string; score: unknown }> }).measures;
  const scoreOf = (key: string) => measures.find((x) => x.key === key)?.score ?? null;
  return {
    score: a.score,
    tier: await s.tier(recordId, "member-rfm"),
    r: scoreOf("recency"),
    f: scoreOf("frequency"),
    m: scoreOf("monetary"),
  };
}

/** A valid member with the given RFM inputs (the advisor is a sample person's user id). */
export function member(
  name: string,
  fields: {
    lastPurchaseDate?: string;
    purchaseCount12m?: number;
    spend12m?: number;
    advisor?: string;
    vip?: boolean;
  },
): Record<string, unknown> {
  return {
    name,
    phone: "13812345678",
    city: "shanghai",
    joinDate: "2021-03-15",
    ...fields,
  };
}
