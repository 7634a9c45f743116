/**
 * @module runtime/kpis/compute
 * The KPIs of a period as pure functions over rows already filtered to what the caller may see
 * (runtime/kpis/scope). Each follows one definition, stated on its function; a figure that has
 * no data (no responses, no base to divide by) is null rather than 0, so "no churn" and "nothing
 * to measure" stay apart.
 */
import { dayOfDate, instantOf } from "../../calendars/zone.ts";
import type {
  CompletedInstanceRow,
  KpiRecordRow,
  SlaOutcomeRow,
  TierChangeRow,
} from "../../store/index.ts";
import type { KpiConfig } from "./config.ts";
import type { Period } from "./period.ts";
import { type DataTimeline, dataTimeline, type TierTimeline, tierTimeline } from "./timeline.ts";

type Data = Readonly<Record<string, unknown>>;

/** A record field, own members only (a field named like a prototype member reads as absent). */
const read = (data: Data | undefined, field: string): unknown =>
  data !== undefined && Object.hasOwn(data, field) ? data[field] : undefined;

const finite = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** NPS over 0–10 scores: % promoters (9–10) − % detractors (0–6). */
export interface NpsFigure {
  readonly score: number | null;
  readonly responses: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/** NPS of `scores` (values outside 0–10 or not numbers are no response). */
export function npsOf(scores: readonly unknown[]): NpsFigure {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const value of scores) {
    const score = finite(value);
    if (score === null || score < 0 || score > 10) continue;
    if (score >= 9) promoters++;
    else if (score >= 7) passives++;
    else detractors++;
  }
  const responses = promoters + passives + detractors;
  return {
    score: responses === 0 ? null : ((promoters - detractors) / responses) * 100,
    responses,
    promoters,
    passives,
    detractors,
  };
}

/** NPS at the end and at the start of the period: the accounts' scores in force then. */
export function npsChange(
  accounts: readonly KpiRecordRow[],
  timeline: DataTimeline,
  field: string | null,
  period: Period,
) {
  const at = (t: number) =>
    npsOf(
      field === null
        ? []
        : accounts.map((a) => read(timeline.dataAt(a, t), field)).filter((v) => v !== undefined),
    );
  const end = at(period.to);
  const start = at(period.from);
  return {
    ...end,
    start,
    change: end.score === null || start.score === null ? null : end.score - start.score,
  };
}

/** Sum of the accounts' LTV at the start and at the end of the period (accounts existing then). */
export function ltvChange(
  accounts: readonly KpiRecordRow[],
  timeline: DataTimeline,
  field: string | null,
  period: Period,
) {
  const sumAt = (t: number) => {
    if (field === null) return 0;
    let sum = 0;
    for (const a of accounts) sum += finite(read(timeline.dataAt(a, t), field)) ?? 0;
    return sum;
  };
  const start = sumAt(period.from);
  const end = sumAt(period.to);
  const change = end - start;
  return { start, end, change, changeRate: start === 0 ? null : change / start };
}

/**
 * The instant of a date value: a `YYYY-MM-DD` date's midnight in `zone`, an ISO instant as it
 * is, or epoch milliseconds; null for anything else.
 */
export function dateValueOf(value: unknown, zone: string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const day = dayOfDate(value);
  if (day !== null) return instantOf(day, 0, zone);
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** What makes an account high value at a moment. */
export type HighValueTest = (account: KpiRecordRow, t: number) => boolean;

/** The high-value test of the configuration (a field's value then, or a model's tier then). */
export function highValueTest(
  config: KpiConfig["highValue"],
  timeline: DataTimeline,
  tiers: TierTimeline,
): HighValueTest {
  const wanted = new Set<unknown>(config.tiers);
  if (config.source === "model") return (a, t) => wanted.has(tiers.tierAt(a.recordId, t));
  return (a, t) => wanted.has(read(timeline.dataAt(a, t), config.key));
}

/**
 * Churn of high-value accounts:
 * - **base**: accounts that existed at the start, were high value then and had not churned by
 *   then (by their data at the start);
 * - **churned**: those of them that had churned by the end (by their data at the end). With a
 *   contract-end field, an account has churned once its contract end has passed (a contract
 *   extended meanwhile has a later end) and — when a churned flag is configured — it is flagged.
 *   With only a churned flag, it has churned once flagged.
 * - **rate**: churned ÷ base (null for an empty base or when neither field is configured).
 */
export function churnOf(
  accounts: readonly KpiRecordRow[],
  timeline: DataTimeline,
  fields: KpiConfig["accounts"],
  isHighValue: HighValueTest,
  period: Period,
  zone: string,
) {
  const { contractEndField: endField, churnedField: flagField } = fields;
  const flagged = (data: Data | undefined) => flagField === null || read(data, flagField) === true;
  const endOf = (data: Data | undefined) =>
    endField === null ? null : dateValueOf(read(data, endField), zone);
  /** Churned before `t`, by the data in force at `t`. */
  const churnedBefore = (data: Data | undefined, t: number) => {
    if (endField !== null) {
      const end = endOf(data);
      return end !== null && end < t && flagged(data);
    }
    return flagField !== null && flagged(data);
  };
  let base = 0;
  let churned = 0;
  for (const account of accounts) {
    const start = timeline.dataAt(account, period.from);
    if (start === undefined || !isHighValue(account, period.from)) continue;
    if (churnedBefore(start, period.from)) continue;
    base++;
    if (churnedBefore(timeline.dataAt(account, period.to), period.to)) churned++;
  }
  const measurable = endField !== null || flagField !== null;
  return {
    highValueAtStart: base,
    churned,
    rate: !measurable || base === 0 ? null : churned / base,
  };
}

/**
 * Upsell/cross-sell revenue: records of the revenue form whose fields hold one of the `match`
 * values, booked in the period — when an instance of the approval flow on them completed with
 * the outcome (`approvals`: completions in the period), or else when they were created. Each
 * record counts once; `total` adds its amount (a missing amount adds 0).
 */
export function revenueOf(
  config: KpiConfig["revenue"],
  records: readonly KpiRecordRow[],
  approvals: readonly CompletedInstanceRow[],
  period: Period,
) {
  const matches = (data: Data) =>
    Object.entries(config.match).every(([field, values]) =>
      (values as readonly unknown[]).includes(read(data, field)),
    );
  let booked: (r: KpiRecordRow) => boolean;
  const approval = config.approval;
  if (approval) {
    const approved = new Set(
      approvals
        .filter((i) => i.flowKey === approval.flow && i.outcome === approval.outcome)
        .map((i) => i.recordId),
    );
    booked = (r) => approved.has(r.recordId);
  } else {
    booked = (r) => r.createdAt >= period.from && r.createdAt < period.to;
  }
  let total = 0;
  let count = 0;
  for (const record of records) {
    if (!booked(record) || !matches(record.data)) continue;
    count++;
    total += finite(read(record.data, config.amountField)) ?? 0;
  }
  return { total, count };
}

/** Resolution time of tickets completed in the period: start → completion, average and median. */
export function resolutionOf(instances: readonly CompletedInstanceRow[]) {
  const durations = instances.map((i) => i.completedAt - i.startedAt).sort((a, b) => a - b);
  const count = durations.length;
  if (count === 0) return { count, averageMs: null, medianMs: null };
  const mid = count >>> 1;
  const medianMs =
    count % 2 === 1
      ? (durations[mid] as number)
      : ((durations[mid - 1] as number) + (durations[mid] as number)) / 2;
  return { count, averageMs: durations.reduce((s, d) => s + d, 0) / count, medianMs };
}

/** SLA breach rate: breached ÷ (met + breached) over the targets decided in the period. */
export function slaOf(outcomes: readonly SlaOutcomeRow[]) {
  const breached = outcomes.filter((o) => o.kind === "sla.breached").length;
  const met = outcomes.length - breached;
  return { met, breached, breachRate: outcomes.length === 0 ? null : breached / outcomes.length };
}

/**
 * Tiers of a model: how many records hold each tier at the end of the period (every tier of the
 * model listed, in its order, then any other), and how many moved from one tier at the start to
 * another at the end (net: an account that went A → B → A did not move; from null: it had no
 * tier at the start).
 */
export function tiersOf(timeline: TierTimeline, modelTiers: readonly string[], period: Period) {
  const counts = new Map<string, number>(modelTiers.map((t) => [t, 0]));
  const moves = new Map<string, { from: string | null; to: string; count: number }>();
  for (const id of timeline.recordIds) {
    const to = timeline.tierAt(id, period.to);
    if (to === null) continue;
    counts.set(to, (counts.get(to) ?? 0) + 1);
    const from = timeline.tierAt(id, period.from);
    if (from === to) continue;
    const key = JSON.stringify([from, to]);
    const move = moves.get(key) ?? { from, to, count: 0 };
    moves.set(key, { ...move, count: move.count + 1 });
  }
  const known = new Set(modelTiers);
  const others = [...counts.keys()].filter((t) => !known.has(t)).sort();
  return {
    distribution: [...modelTiers, ...others].map((tier) => ({
      tier,
      count: counts.get(tier) ?? 0,
    })),
    movement: [...moves.values()].sort(
      (a, b) =>
        b.count - a.count ||
        String(a.from).localeCompare(String(b.from)) ||
        a.to.localeCompare(b.to),
    ),
  };
}

/** Everything a report is computed from, filtered to what counts for the caller. */
export interface KpiInput {
  readonly config: KpiConfig;
  readonly period: Period;
  readonly zone: string;
  readonly accounts: readonly KpiRecordRow[];
  /** Versions of the accounts (all of them: unfiltered rows are harmless here). */
  readonly accountVersions: Parameters<typeof dataTimeline>[0];
  /** Changes under `config.tierModel`. */
  readonly tierChanges: readonly TierChangeRow[];
  /** Changes under the high-value model (when `highValue.source` is model). */
  readonly highValueChanges: readonly TierChangeRow[];
  /** The tiers of `config.tierModel`, in its order. */
  readonly modelTiers: readonly string[];
  readonly revenueRecords: readonly KpiRecordRow[];
  readonly approvals: readonly CompletedInstanceRow[];
  readonly tickets: readonly CompletedInstanceRow[];
  readonly sla: readonly SlaOutcomeRow[];
}

/** The report's figures (period and team are added by the caller). */
export function computeKpis(input: KpiInput) {
  const { config, period, accounts } = input;
  const timeline = dataTimeline(input.accountVersions);
  const highValue = highValueTest(config.highValue, timeline, tierTimeline(input.highValueChanges));
  return {
    nps: npsChange(accounts, timeline, config.accounts.npsField, period),
    churn: churnOf(accounts, timeline, config.accounts, highValue, period, input.zone),
    revenue: revenueOf(config.revenue, input.revenueRecords, input.approvals, period),
    ltv: ltvChange(accounts, timeline, config.accounts.ltvField, period),
    resolution: resolutionOf(input.tickets),
    sla: slaOf(input.sla),
    tiers: {
      model: config.tierModel,
      ...tiersOf(tierTimeline(input.tierChanges), input.modelTiers, period),
    },
  };
}

export type KpiFigures = ReturnType<typeof computeKpis>;
