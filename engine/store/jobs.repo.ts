/**
 * @module store/jobs.repo
 * Jobs: long work (a CSV import, re-evaluating a tier model over every record) done in chunks by
 * whichever process claims it. A claim carries a lease and an epoch, as timers and the outbox do.
 * Every chunk commits in one transaction together with the job's progress, and that transaction
 * first *fences* the job — it must still be `claimed` at the runner's epoch — so a cancelled job,
 * or one a newer claim took over after its runner stalled, rolls the chunk back instead of
 * writing it twice. A runner that died leaves its claim; once the lease has passed, any process
 * may claim the job again and go on from the last committed chunk.
 *
 * Statuses: `pending` (queued), `claimed` (running), `completed`, `failed`, `cancelled`. An ended
 * job keeps its progress, result and error, and drops its payload.
 */
import { newId } from "./ids.ts";
import { fromJson, fromJsonOrNull, toJson } from "./json.ts";
import type { JobStatus, JobsTable } from "./schema.ts";
import type { Db } from "./store-errors.ts";
import type { ClaimingStore } from "./timers.repo.ts";

/** A job row without its payload (which may be large: a whole CSV file). */
export interface StoredJob {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: string;
  readonly status: JobStatus;
  /** Free-form progress detail: the job's parameters, the cursor of a scan. */
  readonly progress: Record<string, unknown>;
  readonly total: number | null;
  readonly done: number;
  readonly result: unknown;
  readonly error: unknown;
  /** Claims so far (a graceful release gives its attempt back). */
  readonly attempts: number;
  readonly epoch: number;
  readonly claimedBy: string | null;
  readonly leaseUntil: number | null;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
}

/** A claimed job, with its payload: run it, fencing every chunk with `epoch`. */
export interface ClaimedJob extends StoredJob {
  readonly payload: unknown;
}

const COLUMNS = [
  "id",
  "workspace_id",
  "kind",
  "status",
  "progress",
  "total",
  "done",
  "result",
  "error",
  "attempts",
  "claim_epoch",
  "claimed_by",
  "lease_until",
  "created_by",
  "created_at",
  "updated_at",
  "completed_at",
] as const;

type JobRow = Pick<JobsTable, (typeof COLUMNS)[number]>;

/** An ended job drops its payload (a CSV file can be a megabyte); its params stay in `progress`. */
const ENDED_PAYLOAD = toJson(null);

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    status: row.status,
    progress: fromJsonOrNull<Record<string, unknown>>(row.progress) ?? {},
    total: row.total === null ? null : Number(row.total),
    done: Number(row.done),
    result: fromJsonOrNull(row.result),
    error: fromJsonOrNull(row.error),
    attempts: row.attempts,
    epoch: row.claim_epoch,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  };
}

/**
 * Queues a job in the caller's transaction.
 * @example
 * const job = await insertJob(trx, { workspaceId, kind: "evaluate-all", payload: { model: "health" },
 *   total: 1200, progress: { params: { model: "health" } }, createdBy: userId, now });
 */
export async function insertJob(
  trx: Db,
  input: {
    workspaceId: string;
    kind: string;
    payload: unknown;
    total: number | null;
    progress?: Record<string, unknown>;
    result?: unknown;
    createdBy: string | null;
    now: number;
    id?: string;
  },
): Promise<StoredJob> {
  const row = await trx
    .insertInto("jobs")
    .values({
      id: input.id ?? newId(),
      workspace_id: input.workspaceId,
      kind: input.kind,
      status: "pending",
      progress: toJson(input.progress ?? {}),
      total: input.total,
      done: 0,
      payload: toJson(input.payload),
      result: toJson(input.result ?? null),
      error: null,
      attempts: 0,
      claim_epoch: 0,
      claimed_by: null,
      lease_until: null,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
      completed_at: null,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toJob(row);
}

/** A job of the workspace, or undefined. */
export async function getJob(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredJob | undefined> {
  const row = await db
    .selectFrom("jobs")
    .select(COLUMNS)
    .where("workspace_id", "=", key.workspaceId)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row === undefined ? undefined : toJob(row);
}

/** Jobs of a workspace, newest first; `before` is the id the previous page ended with. */
export async function listJobs(
  db: Db,
  filter: { workspaceId: string; createdBy?: string; before?: string; limit: number },
): Promise<StoredJob[]> {
  let query = db.selectFrom("jobs").select(COLUMNS).where("workspace_id", "=", filter.workspaceId);
  if (filter.createdBy !== undefined) query = query.where("created_by", "=", filter.createdBy);
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map(toJob);
}

/**
 * Claims one job: a claim whose lease has passed (its runner died or stalled) first, else the
 * oldest pending one. The claim gets `claim_epoch + 1`, one more attempt and a lease until
 * `now + leaseMs`.
 */
export function claimJob(
  store: ClaimingStore,
  options: { now: number; owner: string; leaseMs: number },
): Promise<ClaimedJob | undefined> {
  const { now } = options;
  return store.transaction(async (trx) => {
    for (const pass of ["expired", "pending"] as const) {
      const row = await trx
        .updateTable("jobs")
        .set((eb) => ({
          status: "claimed",
          claim_epoch: eb("claim_epoch", "+", 1),
          attempts: eb("attempts", "+", 1),
          claimed_by: options.owner,
          lease_until: now + options.leaseMs,
          updated_at: now,
        }))
        .where("id", "in", (eb) => {
          const pick =
            pass === "expired"
              ? eb
                  .selectFrom("jobs")
                  .select("id")
                  .where("status", "=", "claimed")
                  .where("lease_until", "<=", now)
                  .orderBy("lease_until")
                  .limit(1)
              : eb
                  .selectFrom("jobs")
                  .select("id")
                  .where("status", "=", "pending")
                  .orderBy("created_at")
                  .orderBy("id")
                  .limit(1);
          return store.dialect === "postgres" ? pick.forUpdate().skipLocked() : pick;
        })
        .returning([...COLUMNS, "payload"])
        .executeTakeFirst();
      if (row) return { ...toJob(row), payload: fromJson(row.payload) };
    }
    return undefined;
  });
}

type Fence = { id: string; epoch: number; now: number };

/**
 * First statement of a chunk's transaction: renews the lease where the job is still `claimed`
 * at `epoch`. On false (cancelled, or claimed anew by another runner) roll the chunk back.
 */
export async function fenceJob(trx: Db, fence: Fence & { leaseMs: number }): Promise<boolean> {
  const result = await trx
    .updateTable("jobs")
    .set({ lease_until: fence.now + fence.leaseMs, updated_at: fence.now })
    .where("id", "=", fence.id)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", fence.epoch)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Saves a chunk's progress (in its fenced transaction); a final status ends the job. */
export async function saveJobProgress(
  trx: Db,
  save: Fence & {
    done: number;
    total: number | null;
    progress: Record<string, unknown>;
    result: unknown;
    status?: "completed" | "failed";
    error?: unknown;
  },
): Promise<boolean> {
  const ended = save.status !== undefined;
  const result = await trx
    .updateTable("jobs")
    .set({
      done: save.done,
      total: save.total,
      progress: toJson(save.progress),
      result: toJson(save.result),
      updated_at: save.now,
      ...(ended
        ? {
            status: save.status,
            error: save.error === undefined ? null : toJson(save.error),
            completed_at: save.now,
            claimed_by: null,
            lease_until: null,
            payload: ENDED_PAYLOAD,
          }
        : {}),
    })
    .where("id", "=", save.id)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", save.epoch)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a claimed job as failed with `error` (a job-level problem: nothing more can be done). */
export async function failJob(trx: Db, fail: Fence & { error: unknown }): Promise<boolean> {
  const result = await trx
    .updateTable("jobs")
    .set({
      status: "failed",
      error: toJson(fail.error),
      completed_at: fail.now,
      updated_at: fail.now,
      claimed_by: null,
      lease_until: null,
      payload: ENDED_PAYLOAD,
    })
    .where("id", "=", fail.id)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", fail.epoch)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Notes an unexpected error on a claimed job and keeps the claim: the job is tried again once
 * the lease has passed, as after a crash.
 */
export async function noteJobError(db: Db, note: Fence & { error: unknown }): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ error: toJson(note.error), updated_at: note.now })
    .where("id", "=", note.id)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", note.epoch)
    .execute();
}

/**
 * Gives a claim back (a runner stopping between chunks): the job is pending again at once, and
 * the attempt does not count.
 */
export async function releaseJob(db: Db, release: Fence): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set((eb) => ({
      status: "pending",
      attempts: eb("attempts", "-", 1),
      claimed_by: null,
      lease_until: null,
      updated_at: release.now,
    }))
    .where("id", "=", release.id)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", release.epoch)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Cancels a pending or claimed job; returns it, or undefined when it had already ended (or does
 * not exist). A runner's chunk in flight then fails its fence and rolls back: what was committed
 * before stays, and the job's result says exactly what that is.
 */
export async function cancelJob(
  trx: Db,
  cancel: { workspaceId: string; id: string; now: number },
): Promise<StoredJob | undefined> {
  const row = await trx
    .updateTable("jobs")
    .set({
      status: "cancelled",
      completed_at: cancel.now,
      updated_at: cancel.now,
      claimed_by: null,
      lease_until: null,
      payload: ENDED_PAYLOAD,
    })
    .where("workspace_id", "=", cancel.workspaceId)
    .where("id", "=", cancel.id)
    .where("status", "in", ["pending", "claimed"])
    .returning(COLUMNS)
    .executeTakeFirst();
  return row === undefined ? undefined : toJob(row);
}
