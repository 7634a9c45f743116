/**
 * @module runtime/jobs/kinds
 * What a kind of job (a CSV import, evaluate-all) gives the runner: a session over a claimed job
 * that does one chunk at a time inside the runner's transaction, from the job's committed state.
 * The runner fences the transaction, saves the new state with it, and commits both at once.
 *
 * An item whose write fails with a user-level error (a trigger's flow cannot start, say) throws
 * `ItemFailure`: the runner rolls the chunk back and runs it again up to that item, reported as
 * failed — a savepoint per item, without savepoints, so a failed item never leaves half its
 * writes in the chunk (and each failure costs at most one chunk's work again).
 */
import { DefinitionError, KamError } from "../../errors/index.ts";
import type { ClaimedJob } from "../../store/jobs.repo.ts";
import type { Runtime, Trx } from "../context.ts";

/** An issue as a job stores it; its message is rendered when read, in the reader's language. */
export interface StoredIssue {
  readonly code: string;
  readonly pointer: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A job's committed state: what its row holds besides its status. */
export interface JobState {
  readonly done: number;
  readonly total: number | null;
  readonly progress: Readonly<Record<string, unknown>>;
  readonly result: unknown;
}

/** A chunk's new state; `failed` ends the job as failed with that issue, `finished` as done. */
export interface ChunkOutcome extends JobState {
  readonly finished: boolean;
  readonly failed?: StoredIssue;
}

/** Items reported failed in an earlier attempt of the same chunk, by item key. */
export type Skipped = ReadonlyMap<string, readonly StoredIssue[]>;

/** A claimed job ready to run. */
export interface JobSession {
  /**
   * Does the next chunk in `trx` — at most `maxItems` items when given (a retry after an item
   * failed) — and returns the new state; throws KamError when the job cannot go on at all.
   */
  chunk(trx: Trx, state: JobState, skipped: Skipped, maxItems?: number): Promise<ChunkOutcome>;
  /**
   * Called once a chunk has committed, outside any transaction: for what must follow the commit
   * (dropping caches another reader could otherwise refill with the old state, DDL).
   */
  afterCommit?(outcome: ChunkOutcome): Promise<void>;
}

/** A kind of job. */
export interface JobKind {
  readonly kind: string;
  /** Opens a claimed job (reads its payload); throws KamError when it cannot run at all. */
  open(rt: Runtime, job: ClaimedJob, chunkSize: number): Promise<JobSession> | JobSession;
}

/** Thrown by a chunk when writing one item failed; the chunk is run again up to it, without it. */
export class ItemFailure extends Error {
  override readonly name = "ItemFailure";
  constructor(
    readonly key: string,
    /** Its position in the chunk (0-based): the retry does the items up to it. */
    readonly position: number,
    readonly issues: readonly StoredIssue[],
    options: { cause?: unknown } = {},
  ) {
    super(`item ${key} failed`, options);
  }
}

/** The issues of a user-level error, as a job stores them. */
export function storedIssues(error: KamError): StoredIssue[] {
  const issues = error instanceof DefinitionError ? error.issues : [error.toIssue()];
  return issues.map((i) => ({ code: i.code, pointer: i.pointer, params: i.params ?? {} }));
}

/** Fails an item's write as `ItemFailure` when it is a user-level error; rethrows anything else. */
export async function itemWrite<T>(
  item: { key: string; position: number },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof KamError)
      throw new ItemFailure(item.key, item.position, storedIssues(error), { cause: error });
    throw error;
  }
}

/** Detailed errors a job keeps (the counts and line ranges stay exact beyond it). */
export const MAX_REPORTED_ERRORS = 1000;
/** Issues kept per failed item. */
export const MAX_ITEM_ISSUES = 20;
