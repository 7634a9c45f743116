/**
 * @module runtime/kpis/timeline
 * Values as they were at a moment. A record's data at `t` is the data of its last version
 * written before `t` (its audit events); a record created at or after `t` did not exist then. A
 * record with no version before `t` but created before it (written without an audit event, e.g.
 * by an import) reads as its current data. A tier at `t` is the `to` of the last change before
 * `t`, or null.
 */
import type { KpiRecordRow, RecordVersionRow, TierChangeRow } from "../../store/index.ts";

/** Looks up records' data at moments. */
export interface DataTimeline {
  /** The record's data at `t` (exclusive), or undefined when it did not exist yet. */
  dataAt(record: KpiRecordRow, t: number): Readonly<Record<string, unknown>> | undefined;
}

/** Index of the last element of sorted `times` that is < t, or -1. */
function lastBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** `rows` by time, keeping the listed order among equal times (Array#sort is stable). */
const byTime = <T extends { readonly at: number }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.at - b.at);

/** A timeline over `versions` (in the order they were written). */
export function dataTimeline(versions: readonly RecordVersionRow[]): DataTimeline {
  const byRecord = new Map<string, { times: number[]; data: Record<string, unknown>[] }>();
  for (const v of byTime(versions)) {
    let entry = byRecord.get(v.recordId);
    if (!entry) {
      entry = { times: [], data: [] };
      byRecord.set(v.recordId, entry);
    }
    entry.times.push(v.at);
    entry.data.push(v.data);
  }
  return {
    dataAt(record, t) {
      if (record.createdAt >= t) return undefined;
      const entry = byRecord.get(record.recordId);
      const i = entry ? lastBefore(entry.times, t) : -1;
      return i >= 0 ? entry?.data[i] : record.data;
    },
  };
}

/** Looks up records' tiers (under one model) at moments. */
export interface TierTimeline {
  /** The tier in force at `t` (exclusive), or null. */
  tierAt(recordId: string, t: number): string | null;
  /** The records with any change. */
  readonly recordIds: readonly string[];
}

/** A timeline over `changes` (in the order they were made). */
export function tierTimeline(changes: readonly TierChangeRow[]): TierTimeline {
  const byRecord = new Map<string, { times: number[]; tiers: string[] }>();
  for (const c of byTime(changes)) {
    let entry = byRecord.get(c.recordId);
    if (!entry) {
      entry = { times: [], tiers: [] };
      byRecord.set(c.recordId, entry);
    }
    entry.times.push(c.at);
    entry.tiers.push(c.to);
  }
  return {
    recordIds: [...byRecord.keys()],
    tierAt(recordId, t) {
      const entry = byRecord.get(recordId);
      const i = entry ? lastBefore(entry.times, t) : -1;
      return i >= 0 ? (entry?.tiers[i] ?? null) : null;
    },
  };
}
