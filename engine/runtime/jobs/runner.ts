/**
 * @module runtime/jobs/runner
 * Runs jobs: claims one (a lease and an epoch), runs it chunk by chunk, and claims the next until
 * none is left. Each chunk is one transaction that
 *
 * 1. fences the job (still `claimed` at this runner's epoch; the lease is renewed),
 * 2. does the chunk's work (records created, tiers evaluated, triggers fired),
 * 3. saves the job's progress and result — or its end —
 *
 * and commits all of it at once. A crash anywhere rolls back the chunk in flight and nothing
 * else: after the lease another runner claims the job and goes on from the last committed chunk,
 * so every item is done exactly once. A cancel makes the next fence fail, so the job stops
 * before its next chunk (the one in flight rolls back). An unexpected error (the database went
 * away) is noted on the job, whose claim stays until its lease passes, as after a crash; after
 * `MAX_ATTEMPTS` claims the job fails.
 */
import { KamError } from "../../errors/index.ts";
import {
  type ClaimedJob,
  claimJob,
  failJob,
  fenceJob,
  noteJobError,
  releaseJob,
  saveJobProgress,
} from "../../store/jobs.repo.ts";
import { fault, type Runtime, type Trx } from "../context.ts";
import { evaluateAllJob } from "./evaluate-all.ts";
import { type Job, jobView } from "./job-view.ts";
import {
  type ChunkOutcome,
  ItemFailure,
  type JobKind,
  type JobSession,
  type JobState,
  type StoredIssue,
  storedIssues,
} from "./kinds.ts";
import { recordImportJob } from "./record-import.ts";
import { templateInstallJob } from "./template-install.ts";

/** Claims of one job before it fails for good. */
export const MAX_ATTEMPTS = 5;

const KINDS: ReadonlyMap<string, JobKind> = new Map(
  [recordImportJob, evaluateAllJob, templateInstallJob].map((k) => [k.kind, k]),
);

export interface RunOptions {
  /** Items per chunk (rows of a file, records of a form). @default 100 */
  readonly chunkSize?: number;
  /** How long a claim is exclusive; every chunk renews it. @default 30_000 */
  readonly leaseMs?: number;
  /** Chunks to do in this run; then the job in hand is released (pending again). */
  readonly maxChunks?: number;
  /** Called after each committed chunk with the job as it now is. */
  readonly onProgress?: (job: Job) => void | Promise<void>;
  /** Asked before each chunk: true releases the job in hand and ends the run. */
  readonly shouldStop?: () => boolean;
}

/** What a run did. */
export interface RunReport {
  /** Chunks committed. */
  readonly chunks: number;
  /** Jobs that ended (succeeded, failed) in this run. */
  readonly ended: number;
  /** Unexpected errors, each noted on its job (which is tried again after its lease). */
  readonly errors: ReadonlyArray<{ readonly jobId: string; readonly error: unknown }>;
}

/** The stored form of an unexpected error: a generic issue naming the job; the text for operators. */
function unexpected(jobId: string, error: unknown): StoredIssue & { detail: string } {
  return {
    code: "HTTP_INTERNAL",
    pointer: "",
    params: { requestId: jobId },
    detail: error instanceof Error ? error.message : String(error),
  };
}

type JobEnd = "ended" | "stopped" | "lost";

/** Claims and runs jobs until none is claimable, or `maxChunks` or `shouldStop` ends the run. */
export async function runJobs(rt: Runtime, options: RunOptions = {}): Promise<RunReport> {
  const chunkSize = options.chunkSize ?? 100;
  const leaseMs = options.leaseMs ?? 30_000;
  let chunks = 0;
  let ended = 0;
  const errors: Array<{ jobId: string; error: unknown }> = [];
  const budgetLeft = () => options.maxChunks === undefined || chunks < options.maxChunks;

  const noteChange = (trx: Trx, job: Job) =>
    rt.changes.note(trx, {
      type: "job.progress",
      workspaceId: job.workspaceId,
      jobId: job.id,
      kind: job.kind,
      status: job.status,
      done: job.done,
      total: job.total,
      createdBy: job.createdBy,
    });

  /** Ends the job as failed (fenced); tells its creator. */
  const fail = (job: ClaimedJob, error: unknown) =>
    rt.store.transaction(async (trx) => {
      const now = rt.clock.now();
      if (!(await failJob(trx, { id: job.id, epoch: job.epoch, now, error }))) return;
      noteChange(trx, jobView({ ...job, status: "failed", error, updatedAt: now }));
    });

  async function runOne(job: ClaimedJob): Promise<JobEnd> {
    const kind = KINDS.get(job.kind);
    let session: JobSession;
    try {
      if (!kind)
        throw new KamError("SHAPE_VARIANT_UNKNOWN", "/kind", { property: "kind", value: job.kind });
      session = await kind.open(rt, job, chunkSize);
    } catch (error) {
      if (!(error instanceof KamError)) throw error;
      await fail(job, storedIssues(error)[0]);
      return "ended";
    }
    let state: JobState = {
      done: job.done,
      total: job.total,
      progress: job.progress,
      result: job.result,
    };
    for (;;) {
      if (options.shouldStop?.() || !budgetLeft()) {
        await releaseJob(rt.store.db, { id: job.id, epoch: job.epoch, now: rt.clock.now() });
        return "stopped";
      }
      const skipped = new Map<string, readonly StoredIssue[]>();
      let maxItems: number | undefined;
      let outcome: ChunkOutcome | undefined;
      for (;;) {
        try {
          outcome = await rt.store.transaction(async (trx) => {
            const now = rt.clock.now();
            if (!(await fenceJob(trx, { id: job.id, epoch: job.epoch, now, leaseMs })))
              return undefined;
            const next = await session.chunk(trx, state, skipped, maxItems);
            fault(rt, "job.chunk");
            const status = next.failed ? "failed" : next.finished ? "completed" : undefined;
            await saveJobProgress(trx, {
              id: job.id,
              epoch: job.epoch,
              now,
              done: next.done,
              total: next.total,
              progress: { ...next.progress },
              result: next.result,
              ...(status ? { status, ...(next.failed ? { error: next.failed } : {}) } : {}),
            });
            noteChange(
              trx,
              jobView({
                ...job,
                status: status ?? "claimed",
                done: next.done,
                total: next.total,
                updatedAt: now,
              }),
            );
            return next;
          });
        } catch (error) {
          if (error instanceof ItemFailure && !skipped.has(error.key)) {
            skipped.set(error.key, error.issues);
            maxItems = error.position + 1;
            continue;
          }
          if (!(error instanceof KamError)) throw error;
          // The job cannot go on (its form or model is gone): it fails, with what it did so far.
          await fail(job, storedIssues(error)[0]);
          return "ended";
        }
        break;
      }
      if (!outcome) return "lost";
      await session.afterCommit?.(outcome);
      chunks++;
      state = outcome;
      if (options.onProgress) {
        const status = outcome.failed ? "failed" : outcome.finished ? "completed" : "claimed";
        await options.onProgress(jobView({ ...job, ...outcome, status }));
      }
      if (outcome.finished) return "ended";
    }
  }

  while (budgetLeft() && !options.shouldStop?.()) {
    const job = await claimJob(rt.store, { now: rt.clock.now(), owner: rt.owner, leaseMs });
    // A job that failed unexpectedly in this run waits for another run (its lease is short).
    if (!job || errors.some((e) => e.jobId === job.id)) break;
    if (job.attempts > MAX_ATTEMPTS) {
      const last = job.error as { code?: unknown } | null;
      await fail(job, last?.code ? last : unexpected(job.id, "too many attempts"));
      ended++;
      continue;
    }
    try {
      if ((await runOne(job)) === "ended") ended++;
    } catch (error) {
      errors.push({ jobId: job.id, error });
      await noteJobError(rt.store.db, {
        id: job.id,
        epoch: job.epoch,
        now: rt.clock.now(),
        error: unexpected(job.id, error),
      });
    }
  }
  return { chunks, ended, errors };
}
