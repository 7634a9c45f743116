/**
 * @module tiers/preview
 * What-if preview: evaluate a draft model against current records without writing anything,
 * and compare with the current assignment — the from→to transition matrix, the new
 * distribution and a few sample record ids per cell for the designer to drill into.
 */
import type { CompileTierOptions } from "./build-context.ts";
import { compileTierModel } from "./compile.ts";
import type { TierModel } from "./model-types.ts";
import type { TierContext } from "./result.ts";

/** One record of the preview: its id, data, and optionally its stored tier and context. */
export interface PreviewRecord {
  readonly id: string;
  readonly data: unknown;
  /** The stored assignment; used as "from" when no current model is given. */
  readonly currentTier?: string | null;
  /** Evaluation context (scores, manual entries, previous tier). */
  readonly context?: TierContext;
}

export interface TierPreviewOptions extends CompileTierOptions {
  /**
   * Sample record ids kept per transition cell.
   * @default 5
   */
  readonly samplesPerCell?: number;
}

export interface TransitionCell {
  readonly from: string | null;
  readonly to: string | null;
  readonly count: number;
  /** The first `samplesPerCell` record ids of the cell, in input order. */
  readonly sampleIds: readonly string[];
}

export interface TierCount {
  readonly tier: string | null;
  readonly count: number;
}

export interface TierPreview {
  readonly total: number;
  /** Records whose tier would change. */
  readonly changed: number;
  /** Tier order of the matrix and distributions: draft tiers, other tiers, then null. */
  readonly tiers: readonly (string | null)[];
  /** Non-empty cells, ordered by `from` then `to` in `tiers` order. */
  readonly transitions: readonly TransitionCell[];
  /** Distribution under the draft, in `tiers` order (zero counts included). */
  readonly distribution: readonly TierCount[];
  /** Distribution before (current model or stored tiers), in `tiers` order. */
  readonly currentDistribution: readonly TierCount[];
}

const DEFAULT_SAMPLES = 5;

/**
 * Previews `draft` against `records`. "from" is the `current` model's tier, or each record's
 * `currentTier` when `current` is null. The draft's hysteresis sees the "from" tier as the
 * previous tier unless the record's context says otherwise. Pure: records are only read.
 *
 * @throws DefinitionError when the draft (or current) model is invalid.
 * @example
 * const { transitions, distribution } = previewTierModel(draft, published, records);
 */
export function previewTierModel(
  draft: TierModel,
  current: TierModel | null,
  records: Iterable<PreviewRecord>,
  options: TierPreviewOptions = {},
): TierPreview {
  const samplesPerCell = options.samplesPerCell ?? DEFAULT_SAMPLES;
  const evaluateDraft = compileTierModel(draft, options);
  const evaluateCurrent = current ? compileTierModel(current, options) : null;
  const cells = new Map<string | null, Map<string | null, { count: number; ids: string[] }>>();
  const seen = new Set<string | null>();
  let total = 0;
  let changed = 0;

  for (const record of records) {
    const from = evaluateCurrent
      ? evaluateCurrent(record.data, record.context).tier
      : (record.currentTier ?? null);
    const context: TierContext =
      record.context?.previousTier !== undefined
        ? record.context
        : { ...record.context, previousTier: from };
    const to = evaluateDraft(record.data, context).tier;
    total++;
    if (from !== to) changed++;
    seen.add(from);
    seen.add(to);
    let row = cells.get(from);
    if (!row) {
      row = new Map();
      cells.set(from, row);
    }
    let cell = row.get(to);
    if (!cell) {
      cell = { count: 0, ids: [] };
      row.set(to, cell);
    }
    cell.count++;
    if (cell.ids.length < samplesPerCell) cell.ids.push(record.id);
  }

  const tiers = tierOrder(draft, current, seen);
  const transitions: TransitionCell[] = [];
  const after = new Map<string | null, number>();
  const before = new Map<string | null, number>();
  for (const from of tiers) {
    for (const to of tiers) {
      const cell = cells.get(from)?.get(to);
      if (!cell) continue;
      transitions.push({ from, to, count: cell.count, sampleIds: cell.ids });
      after.set(to, (after.get(to) ?? 0) + cell.count);
      before.set(from, (before.get(from) ?? 0) + cell.count);
    }
  }
  return {
    total,
    changed,
    tiers,
    transitions,
    distribution: tiers.map((tier) => ({ tier, count: after.get(tier) ?? 0 })),
    currentDistribution: tiers.map((tier) => ({ tier, count: before.get(tier) ?? 0 })),
  };
}

function tierOrder(
  draft: TierModel,
  current: TierModel | null,
  seen: ReadonlySet<string | null>,
): (string | null)[] {
  const order: (string | null)[] = draft.tiers.map((t) => t.key);
  for (const t of current?.tiers ?? []) if (!order.includes(t.key)) order.push(t.key);
  for (const t of seen) if (t !== null && !order.includes(t)) order.push(t);
  if (seen.has(null)) order.push(null);
  return order;
}
