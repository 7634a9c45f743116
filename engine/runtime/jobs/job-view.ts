/**
 * @module runtime/jobs/job-view
 * A job as the engine's callers see it. The table keeps the claim vocabulary its queue shares
 * with timers and the outbox (`pending`, `claimed`, `completed`); people read `queued`,
 * `running`, `succeeded`. This is the one place that translates.
 */
import type { JobStatus } from "../../store/index.ts";
import type { StoredJob } from "../../store/jobs.repo.ts";
import type { StoredIssue } from "./kinds.ts";

export const jobStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatusName = (typeof jobStatuses)[number];

const STATUS: Readonly<Record<JobStatus, JobStatusName>> = {
  pending: "queued",
  claimed: "running",
  completed: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

/** A job: what it does, how far it is, what it did. */
export interface Job {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: string;
  readonly status: JobStatusName;
  /** Items done (rows read, records evaluated) of `total`. */
  readonly done: number;
  readonly total: number | null;
  /** What it was asked (the form, the model, allOrNothing). */
  readonly params: Readonly<Record<string, unknown>>;
  /** What it did so far: committed with every chunk, so exact at any moment. */
  readonly result: unknown;
  /** Why it failed (or the last unexpected error of a run that will be retried). */
  readonly error: StoredIssue | null;
  readonly attempts: number;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
}

/** The caller's view of a stored job. */
export function jobView(
  job: Pick<
    StoredJob,
    | "id"
    | "workspaceId"
    | "kind"
    | "status"
    | "done"
    | "total"
    | "progress"
    | "result"
    | "error"
    | "attempts"
    | "createdBy"
    | "createdAt"
    | "updatedAt"
    | "completedAt"
  >,
): Job {
  const error = job.error as (StoredIssue & { detail?: string }) | null;
  const params = job.progress.params;
  return {
    id: job.id,
    workspaceId: job.workspaceId,
    kind: job.kind,
    status: STATUS[job.status],
    done: job.done,
    total: job.total,
    params: params && typeof params === "object" ? (params as Record<string, unknown>) : {},
    result: job.result,
    error: error ? { code: error.code, pointer: error.pointer, params: error.params ?? {} } : null,
    attempts: job.attempts,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    completedAt: job.completedAt,
  };
}
