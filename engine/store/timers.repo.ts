/**
 * @module store/timers.repo
 * Durable timers. A scheduler claims due timers (a lease with an epoch), fires each in the
 * transaction that applies its effects, and `completeTimer` moves it to `timer_history` only if
 * the claim's epoch is still current. A process paused past its lease finds its epoch stale and
 * its transaction is rolled back, so a timer's effects are applied exactly once.
 *
 * Claiming: on PostgreSQL `FOR UPDATE SKIP LOCKED` lets any number of processes claim side by
 * side without waiting on or double-claiming each other's rows; on SQLite the claim runs in one
 * IMMEDIATE transaction, which serialises claimers.
 */
import type { Transaction } from "kysely";
import { resolveNow, type StoreNow } from "./clock.ts";
import { newId } from "./ids.ts";
import { fromJson, toJson } from "./json.ts";
import type { Database, TimersTable } from "./schema.ts";
import type { Db } from "./store-errors.ts";

export interface TimerInput {
  readonly workspaceId: string;
  readonly instanceId: string;
  /** The token (flow position) waiting on the timer; `cancelTimers` can target it. */
  readonly tokenId?: string | null;
  /** What firing means to the runtime, e.g. "wait", "sla", "retry". */
  readonly kind: string;
  readonly dueAt: number;
  readonly payload?: unknown;
  readonly now: number;
  readonly id?: string;
}

/** A claimed timer: fire it, then `completeTimer` with its `epoch` in the same transaction. */
export interface ClaimedTimer {
  readonly id: string;
  readonly workspaceId: string;
  readonly instanceId: string;
  readonly tokenId: string | null;
  readonly kind: string;
  readonly dueAt: number;
  readonly payload: unknown;
  readonly epoch: number;
  readonly leaseUntil: number;
}

export interface ClaimOptions {
  /** Due-ness and lease start: epoch ms (tests) or `"db"` (servers sharing one database). */
  readonly now: StoreNow;
  readonly limit: number;
  /** The claiming process, for diagnosis (`claimed_by`). */
  readonly owner: string;
  /** How long the claim is exclusive; past it, another process may re-claim the timer. */
  readonly leaseMs: number;
  /** Only this workspace's timers (default: all; the scheduler serves every workspace). */
  readonly workspaceId?: string;
}

/** The parts of a `Store` claiming needs. */
export interface ClaimingStore {
  readonly dialect: "sqlite" | "postgres";
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/**
 * Schedules a timer in the caller's transaction; returns its id.
 * @example
 * await scheduleTimer(trx, { workspaceId, instanceId, tokenId, kind: "wait", dueAt: now + 86_400_000, now });
 */
export async function scheduleTimer(trx: Db, timer: TimerInput): Promise<string> {
  const id = timer.id ?? newId();
  await trx
    .insertInto("timers")
    .values({
      id,
      workspace_id: timer.workspaceId,
      instance_id: timer.instanceId,
      token_id: timer.tokenId ?? null,
      kind: timer.kind,
      due_at: timer.dueAt,
      status: "pending",
      claim_epoch: 0,
      claimed_by: null,
      lease_until: null,
      payload: toJson(timer.payload ?? null),
      created_at: timer.now,
    })
    .execute();
  return id;
}

/**
 * Deletes an instance's timers (or one token's), pending or claimed; returns how many. A claimed
 * timer deleted here can no longer complete, so its firing is rolled back: cancel wins.
 */
export async function cancelTimers(
  trx: Db,
  target: { workspaceId: string; instanceId: string; tokenId?: string },
): Promise<number> {
  let query = trx
    .deleteFrom("timers")
    .where("workspace_id", "=", target.workspaceId)
    .where("instance_id", "=", target.instanceId);
  if (target.tokenId !== undefined) query = query.where("token_id", "=", target.tokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

function claimed(row: TimersTable): ClaimedTimer {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    instanceId: row.instance_id,
    tokenId: row.token_id,
    kind: row.kind,
    dueAt: row.due_at,
    payload: fromJson(row.payload),
    epoch: row.claim_epoch,
    leaseUntil: row.lease_until ?? 0,
  };
}

/**
 * Claims up to `limit` timers that are due, or whose earlier claim's lease has expired (their
 * process died or stalled): each gets `claim_epoch + 1` and a lease until `now + leaseMs`.
 * Expired claims come first, then pending timers by due time.
 * @example
 * const due = await claimDueTimers(store, { now: "db", limit: 100, owner: hostId, leaseMs: 30_000 });
 * for (const timer of due) await store.transaction(async (trx) => {
 *   if (!(await completeTimer(trx, { workspaceId: timer.workspaceId, id: timer.id, epoch: timer.epoch, firedAt }))) return;
 *   // … apply the firing's effects in the same transaction
 * });
 */
export function claimDueTimers(
  store: ClaimingStore,
  options: ClaimOptions,
): Promise<ClaimedTimer[]> {
  return store.transaction(async (trx) => {
    const now = await resolveNow(trx, store.dialect, options.now);
    const out: ClaimedTimer[] = [];
    for (const pass of ["expired", "pending"] as const) {
      const remaining = options.limit - out.length;
      if (remaining <= 0) break;
      const rows = await trx
        .updateTable("timers")
        .set((eb) => ({
          status: "claimed",
          claim_epoch: eb("claim_epoch", "+", 1),
          claimed_by: options.owner,
          lease_until: now + options.leaseMs,
        }))
        .where("id", "in", (eb) => {
          let pick = eb.selectFrom("timers").select("id");
          pick =
            pass === "expired"
              ? pick
                  .where("status", "=", "claimed")
                  .where("lease_until", "<=", now)
                  .orderBy("lease_until")
              : pick.where("status", "=", "pending").where("due_at", "<=", now).orderBy("due_at");
          if (options.workspaceId !== undefined)
            pick = pick.where("workspace_id", "=", options.workspaceId);
          pick = pick.limit(remaining);
          return store.dialect === "postgres" ? pick.forUpdate().skipLocked() : pick;
        })
        .returningAll()
        .execute();
      // RETURNING does not keep the subquery's order.
      rows.sort((x, y) => x.due_at - y.due_at);
      out.push(...rows.map(claimed));
    }
    return out;
  });
}

/**
 * Completes a fired timer in the transaction that applies its effects: moves it to
 * `timer_history`, only where the claim's epoch is still current. Call it first in that
 * transaction; on `false` (a newer claim or a cancel took the timer) roll the transaction back.
 */
export async function completeTimer(
  trx: Db,
  fired: { workspaceId: string; id: string; epoch: number; firedAt: number; firedBy?: string },
): Promise<boolean> {
  const row = await trx
    .deleteFrom("timers")
    .where("id", "=", fired.id)
    .where("workspace_id", "=", fired.workspaceId)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", fired.epoch)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return false;
  await trx
    .insertInto("timer_history")
    .values({
      id: row.id,
      workspace_id: row.workspace_id,
      instance_id: row.instance_id,
      token_id: row.token_id,
      kind: row.kind,
      due_at: row.due_at,
      fired_at: fired.firedAt,
      claim_epoch: row.claim_epoch,
      fired_by: fired.firedBy ?? row.claimed_by,
      payload: row.payload,
    })
    .execute();
  return true;
}

/**
 * Gives a claimed timer back without firing it (e.g. on graceful shutdown), where the epoch is
 * still current; it is due again at once. Returns whether it was released.
 */
export async function releaseTimer(
  trx: Db,
  claim: { workspaceId: string; id: string; epoch: number },
): Promise<boolean> {
  const result = await trx
    .updateTable("timers")
    .set({ status: "pending", claimed_by: null, lease_until: null })
    .where("id", "=", claim.id)
    .where("workspace_id", "=", claim.workspaceId)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", claim.epoch)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels one pending or claimed timer by id (a path moved on); returns whether one was there. */
export async function cancelTimer(
  trx: Db,
  target: { workspaceId: string; id: string },
): Promise<boolean> {
  const result = await trx
    .deleteFrom("timers")
    .where("workspace_id", "=", target.workspaceId)
    .where("id", "=", target.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
