/**
 * @module store/retention
 * Retention: history of long-finished instances is deleted so the database does not grow
 * without bound. Instances themselves, tasks, audit events and failed outbox rows are kept.
 */
import type { Store } from "./open-store.ts";

export interface RetentionOptions {
  /** The current time (epoch ms), from the injected clock. */
  readonly now: number;
  /** Prune the history of instances that completed or were cancelled this long ago. */
  readonly olderThanMs: number;
  /** Also drop idempotency keys older than this (clients must not retry later). Default: keep. */
  readonly idempotencyKeysOlderThanMs?: number;
  /** Instances handled per transaction, so writers are never blocked for long. @default 500 */
  readonly batchSize?: number;
}

export interface PruneCounts {
  instanceHistory: number;
  timerHistory: number;
  outbox: number;
  idempotencyKeys: number;
}

/**
 * Deletes, for instances finished (completed or cancelled) before `now - olderThanMs`, their
 * instance history, fired-timer history and delivered outbox rows; plus delivered outbox rows
 * of no instance older than that, and optionally old idempotency keys. Runs in small
 * transactions; on SQLite, follow with `store.checkpoint()` to shrink the WAL.
 * @example
 * const pruned = await pruneHistory(store, { now: clock.now(), olderThanMs: 90 * 86_400_000 });
 * await store.checkpoint();
 */
export async function pruneHistory(store: Store, options: RetentionOptions): Promise<PruneCounts> {
  const cutoff = options.now - options.olderThanMs;
  const batchSize = options.batchSize ?? 500;
  const counts: PruneCounts = {
    instanceHistory: 0,
    timerHistory: 0,
    outbox: 0,
    idempotencyKeys: 0,
  };

  let afterId = "";
  for (;;) {
    const ids = (
      await store.db
        .selectFrom("flow_instances")
        .select("id")
        .where("status", "in", ["completed", "cancelled"])
        .where("completed_at", "<", cutoff)
        .where("id", ">", afterId)
        .orderBy("id")
        .limit(batchSize)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1]!;
    await store.transaction(async (trx) => {
      const history = await trx
        .deleteFrom("instance_history")
        .where("instance_id", "in", ids)
        .executeTakeFirst();
      const timers = await trx
        .deleteFrom("timer_history")
        .where("instance_id", "in", ids)
        .executeTakeFirst();
      const outbox = await trx
        .deleteFrom("outbox")
        .where("instance_id", "in", ids)
        .where("status", "=", "done")
        .executeTakeFirst();
      counts.instanceHistory += Number(history.numDeletedRows);
      counts.timerHistory += Number(timers.numDeletedRows);
      counts.outbox += Number(outbox.numDeletedRows);
    });
  }

  const loose = await store.db
    .deleteFrom("outbox")
    .where("instance_id", "is", null)
    .where("status", "=", "done")
    .where("updated_at", "<", cutoff)
    .executeTakeFirst();
  counts.outbox += Number(loose.numDeletedRows);

  if (options.idempotencyKeysOlderThanMs !== undefined) {
    const keys = await store.db
      .deleteFrom("idempotency_keys")
      .where("created_at", "<", options.now - options.idempotencyKeysOlderThanMs)
      .executeTakeFirst();
    counts.idempotencyKeys = Number(keys.numDeletedRows);
  }
  return counts;
}
