/**
 * @module store/tiers.repo
 * Tier assignments (one per record and tier model: the evaluated tier and an optional manual
 * override with a reason, an author and an expiry) and their history. The effective tier is the
 * override while it runs, else the evaluated tier.
 */
import { newId } from "./ids.ts";
import { fromJson, toJson } from "./json.ts";
import type { TierAssignmentsTable, TierCause } from "./schema.ts";
import { type Db, missedUpdate } from "./store-errors.ts";

export interface TierOverride {
  readonly tier: string;
  readonly reason: string;
  readonly by: string;
  /** When the override lapses (epoch ms); `null` for no expiry. */
  readonly expiresAt: number | null;
}

export interface StoredTierAssignment {
  readonly id: string;
  readonly workspaceId: string;
  readonly recordId: string;
  readonly modelKey: string;
  readonly modelVersion: number;
  readonly score: number | null;
  /** The tier the model evaluated. */
  readonly tier: string;
  readonly breakdown: unknown;
  readonly assignedAt: number;
  readonly override: TierOverride | null;
  readonly version: number;
}

export interface TierChange {
  readonly recordId: string;
  readonly modelKey: string;
  readonly from: string | null;
  readonly to: string;
}

/**
 * The tier in force at `now`: a running override, else the evaluated tier. An override lapsing
 * is not a write, so nothing is logged or triggered by it: schedule a timer at `expiresAt` that
 * calls `setTierOverride(…, { override: null, cause: "override-expired" })`.
 */
export function effectiveTier(assignment: StoredTierAssignment, now: number): string {
  const o = assignment.override;
  return o && (o.expiresAt === null || o.expiresAt > now) ? o.tier : assignment.tier;
}

function toAssignment(row: TierAssignmentsTable): StoredTierAssignment {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    recordId: row.record_id,
    modelKey: row.model_key,
    modelVersion: row.model_version,
    score: row.score,
    tier: row.tier,
    breakdown: fromJson(row.breakdown),
    assignedAt: row.assigned_at,
    override:
      row.override_tier === null
        ? null
        : {
            tier: row.override_tier,
            reason: row.override_reason ?? "",
            by: row.override_by ?? "",
            expiresAt: row.override_expires_at,
          },
    version: row.version,
  };
}

/** A record's assignment for one model, or `undefined` before its first evaluation. */
export async function getTierAssignment(
  db: Db,
  key: { workspaceId: string; recordId: string; modelKey: string },
): Promise<StoredTierAssignment | undefined> {
  const row = await db
    .selectFrom("tier_assignments")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("record_id", "=", key.recordId)
    .where("model_key", "=", key.modelKey)
    .executeTakeFirst();
  return row && toAssignment(row);
}

/** Every model's assignment of a record. */
export async function listTierAssignments(
  db: Db,
  key: { workspaceId: string; recordId: string },
): Promise<StoredTierAssignment[]> {
  const rows = await db
    .selectFrom("tier_assignments")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("record_id", "=", key.recordId)
    .execute();
  return rows.map(toAssignment);
}

async function logChange(
  trx: Db,
  a: StoredTierAssignment,
  change: {
    from: string | null;
    to: string;
    cause: TierCause;
    actorId: string | null;
    reason: string | null;
    at: number;
  },
): Promise<void> {
  await trx
    .insertInto("tier_history")
    .values({
      id: newId(),
      workspace_id: a.workspaceId,
      record_id: a.recordId,
      model_key: a.modelKey,
      model_version: a.modelVersion,
      from_tier: change.from,
      to_tier: change.to,
      score: a.score,
      cause: change.cause,
      actor_id: change.actorId,
      reason: change.reason,
      at: change.at,
    })
    .execute();
}

/**
 * Stores a model's evaluation of a record. A change of the *effective* tier is logged in the
 * history and returned (a `tier.changed` trigger fires on it); an evaluation under a running
 * override updates the evaluated tier silently.
 * @throws KamError STORE_CONFLICT when another evaluation of the same record and model came first.
 * @example
 * const { change } = await saveTierEvaluation(trx, { workspaceId, recordId, modelKey: "health",
 *   modelVersion: 3, score: 58, tier: "at-risk", breakdown, now });
 * if (change) startFlowsListeningFor(change);
 */
export async function saveTierEvaluation(
  trx: Db,
  input: {
    workspaceId: string;
    recordId: string;
    modelKey: string;
    modelVersion: number;
    score: number | null;
    tier: string;
    breakdown: unknown;
    now: number;
  },
): Promise<{ assignment: StoredTierAssignment; change: TierChange | undefined }> {
  const before = await getTierAssignment(trx, input);
  const values = {
    model_version: input.modelVersion,
    score: input.score,
    tier: input.tier,
    breakdown: toJson(input.breakdown),
    assigned_at: input.now,
  };
  let row: TierAssignmentsTable | undefined;
  if (before === undefined) {
    row = await trx
      .insertInto("tier_assignments")
      .values({
        id: newId(),
        workspace_id: input.workspaceId,
        record_id: input.recordId,
        model_key: input.modelKey,
        ...values,
        override_tier: null,
        override_reason: null,
        override_by: null,
        override_expires_at: null,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    row = await trx
      .updateTable("tier_assignments")
      .set({ ...values, version: before.version + 1 })
      .where("id", "=", before.id)
      .where("workspace_id", "=", input.workspaceId)
      .where("version", "=", before.version)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      return missedUpdate(trx, "tier_assignments", "tierAssignment", {
        workspaceId: input.workspaceId,
        id: before.id,
        expectedVersion: before.version,
      });
    }
  }
  const assignment = toAssignment(row);
  const from = before ? effectiveTier(before, input.now) : null;
  const to = effectiveTier(assignment, input.now);
  if (from === to) return { assignment, change: undefined };
  await logChange(trx, assignment, {
    from,
    to,
    cause: "evaluation",
    actorId: null,
    reason: null,
    at: input.now,
  });
  return { assignment, change: { recordId: input.recordId, modelKey: input.modelKey, from, to } };
}

/**
 * Sets (or with `override: null` lifts) a manual override at the assignment's `expectedVersion`,
 * logging the effective change with its author and reason.
 * @throws KamError STORE_CONFLICT or STORE_NOT_FOUND.
 */
export async function setTierOverride(
  trx: Db,
  input: {
    workspaceId: string;
    assignmentId: string;
    expectedVersion: number;
    override: TierOverride | null;
    /** Who lifts the override (`override: null`); the override's author otherwise. */
    actorId: string | null;
    cause?: "override" | "override-expired";
    now: number;
  },
): Promise<{ assignment: StoredTierAssignment; change: TierChange | undefined }> {
  const before = await trx
    .selectFrom("tier_assignments")
    .selectAll()
    .where("id", "=", input.assignmentId)
    .where("workspace_id", "=", input.workspaceId)
    .executeTakeFirst();
  const o = input.override;
  const row = await trx
    .updateTable("tier_assignments")
    .set({
      override_tier: o?.tier ?? null,
      override_reason: o?.reason ?? null,
      override_by: o?.by ?? null,
      override_expires_at: o?.expiresAt ?? null,
      version: input.expectedVersion + 1,
    })
    .where("id", "=", input.assignmentId)
    .where("workspace_id", "=", input.workspaceId)
    .where("version", "=", input.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined || before === undefined) {
    return missedUpdate(trx, "tier_assignments", "tierAssignment", {
      workspaceId: input.workspaceId,
      id: input.assignmentId,
      expectedVersion: input.expectedVersion,
    });
  }
  const assignment = toAssignment(row);
  const previous = toAssignment(before);
  // The lifting timer fires at (or after) the expiry, when the override already reads as lapsed;
  // the change it logs is still from the override's tier.
  const from =
    input.cause === "override-expired" && previous.override
      ? previous.override.tier
      : effectiveTier(previous, input.now);
  const to = effectiveTier(assignment, input.now);
  await logChange(trx, assignment, {
    from,
    to,
    cause: input.cause ?? "override",
    actorId: o?.by ?? input.actorId,
    reason: o?.reason ?? null,
    at: input.now,
  });
  const change =
    from === to
      ? undefined
      : { recordId: assignment.recordId, modelKey: assignment.modelKey, from, to };
  return { assignment, change };
}

/** One change of a record's effective tier. */
export interface TierHistoryEntry {
  readonly modelKey: string;
  readonly modelVersion: number;
  readonly from: string | null;
  readonly to: string;
  readonly score: number | null;
  readonly cause: TierCause;
  readonly actorId: string | null;
  readonly reason: string | null;
  readonly at: number;
}

/** A record's tier history, oldest first, for one model or all. */
export async function readTierHistory(
  db: Db,
  key: { workspaceId: string; recordId: string; modelKey?: string },
): Promise<TierHistoryEntry[]> {
  let query = db
    .selectFrom("tier_history")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("record_id", "=", key.recordId);
  if (key.modelKey !== undefined) query = query.where("model_key", "=", key.modelKey);
  const rows = await query.orderBy("at").orderBy("id").execute();
  return rows.map((row) => ({
    modelKey: row.model_key,
    modelVersion: row.model_version,
    from: row.from_tier,
    to: row.to_tier,
    score: row.score,
    cause: row.cause,
    actorId: row.actor_id,
    reason: row.reason,
    at: row.at,
  }));
}

/** Where a record stands in one model, for lists: the tier in force, its score, the tier before. */
export interface TierStanding {
  readonly tier: string;
  readonly score: number | null;
  /** The tier before the last change (null when the first evaluation set it). */
  readonly previous: string | null;
  /** When the last change happened. */
  readonly changedAt: number | null;
}

/**
 * The standing of each of `recordIds` in every model that rated it, in two queries (a page of a
 * list, not one query per record). Records never rated are absent.
 * @example
 * const byRecord = await tierStandings(db, { workspaceId, recordIds, now: clock.now() });
 * byRecord.get(id)?.["value-tier"]?.tier
 */
export async function tierStandings(
  db: Db,
  key: { workspaceId: string; recordIds: readonly string[]; now: number },
): Promise<Map<string, Record<string, TierStanding>>> {
  const result = new Map<string, Record<string, TierStanding>>();
  if (key.recordIds.length === 0) return result;
  const ids = [...key.recordIds];
  const [assignments, changes] = await Promise.all([
    db
      .selectFrom("tier_assignments")
      .selectAll()
      .where("workspace_id", "=", key.workspaceId)
      .where("record_id", "in", ids)
      .execute(),
    db
      .selectFrom("tier_history")
      .select(["record_id", "model_key", "from_tier", "at"])
      .where("workspace_id", "=", key.workspaceId)
      .where("record_id", "in", ids)
      .orderBy("at")
      .orderBy("id")
      .execute(),
  ]);
  // The last change per record and model: later rows overwrite earlier ones.
  const last = new Map<string, { from: string | null; at: number }>();
  for (const row of changes)
    last.set(`${row.record_id}\u0000${row.model_key}`, { from: row.from_tier, at: row.at });
  for (const row of assignments) {
    const assignment = toAssignment(row);
    const change = last.get(`${row.record_id}\u0000${row.model_key}`);
    const models = result.get(row.record_id) ?? {};
    models[row.model_key] = {
      tier: effectiveTier(assignment, key.now),
      score: assignment.score,
      previous: change?.from ?? null,
      changedAt: change?.at ?? null,
    };
    result.set(row.record_id, models);
  }
  return result;
}
