/**
 * @module store/outbox.repo
 * The transactional outbox: side effects (webhooks, e-mail) are written as rows in the transaction
 * that decides them, then delivered by a worker at least once. Claims use the same lease and
 * epoch as timers; a failed delivery is retried with exponential back-off and jitter, and after
 * the last attempt the row is `failed` (the runtime then raises an incident).
 */
import { resolveNow, type StoreNow } from "./clock.ts";
import { newId } from "./ids.ts";
import { fromJson, toJson } from "./json.ts";
import type { OutboxTable } from "./schema.ts";
import type { Db } from "./store-errors.ts";
import type { ClaimingStore } from "./timers.repo.ts";

export interface OutboxInput {
  readonly workspaceId: string;
  readonly instanceId?: string | null;
  /** The effect performer to use, e.g. "webhook", "email". */
  readonly kind: string;
  readonly payload: unknown;
  /** Given to the receiver so it can drop duplicates; also unique per workspace here. */
  readonly idempotencyKey?: string;
  readonly now: number;
  /** First delivery not before this time (default: now). */
  readonly availableAt?: number;
}

export interface ClaimedMessage {
  readonly id: string;
  readonly workspaceId: string;
  readonly instanceId: string | null;
  readonly kind: string;
  readonly payload: unknown;
  readonly idempotencyKey: string | null;
  /** Failed attempts so far. */
  readonly attempts: number;
  readonly epoch: number;
  readonly leaseUntil: number;
}

/** Back-off after a failed delivery: `baseMs · 2^attempts`, at most `maxMs`, minus up to `jitter` of it. */
export interface RetryPolicy {
  /** @default 1000 */
  readonly baseMs?: number;
  /** @default 3_600_000 (one hour) */
  readonly maxMs?: number;
  /** Deliveries in all, the first included; the last failure makes the row `failed`. @default 8 */
  readonly maxAttempts?: number;
  /** Fraction of the delay taken off at random, so retries of many rows spread out. @default 0.2 */
  readonly jitter?: number;
}

/**
 * Writes a message in the caller's transaction; returns its id, or `undefined` when a message
 * with the same idempotency key already exists in the workspace.
 * @example
 * await enqueueOutbox(trx, { workspaceId, instanceId, kind: "webhook", payload: request,
 *   idempotencyKey: `${instanceId}:${nodeId}:${attempt}`, now });
 */
export async function enqueueOutbox(trx: Db, message: OutboxInput): Promise<string | undefined> {
  const id = newId();
  const row = await trx
    .insertInto("outbox")
    .values({
      id,
      workspace_id: message.workspaceId,
      instance_id: message.instanceId ?? null,
      kind: message.kind,
      payload: toJson(message.payload),
      status: "pending",
      attempts: 0,
      next_attempt_at: message.availableAt ?? message.now,
      last_error: null,
      idempotency_key: message.idempotencyKey ?? null,
      claim_epoch: 0,
      claimed_by: null,
      lease_until: null,
      created_at: message.now,
      updated_at: message.now,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "idempotency_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

function claimedMessage(row: OutboxTable): ClaimedMessage {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    instanceId: row.instance_id,
    kind: row.kind,
    payload: fromJson(row.payload),
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    epoch: row.claim_epoch,
    leaseUntil: row.lease_until ?? 0,
  };
}

/**
 * Claims up to `limit` messages due for delivery, or whose claim's lease expired, as
 * `claimDueTimers` does for timers.
 */
export function claimDueOutbox(
  store: ClaimingStore,
  options: { now: StoreNow; limit: number; owner: string; leaseMs: number; workspaceId?: string },
): Promise<ClaimedMessage[]> {
  return store.transaction(async (trx) => {
    const now = await resolveNow(trx, store.dialect, options.now);
    const out: ClaimedMessage[] = [];
    for (const pass of ["expired", "pending"] as const) {
      const remaining = options.limit - out.length;
      if (remaining <= 0) break;
      const rows = await trx
        .updateTable("outbox")
        .set((eb) => ({
          status: "claimed",
          claim_epoch: eb("claim_epoch", "+", 1),
          claimed_by: options.owner,
          lease_until: now + options.leaseMs,
          updated_at: now,
        }))
        .where("id", "in", (eb) => {
          let pick = eb.selectFrom("outbox").select("id");
          pick =
            pass === "expired"
              ? pick
                  .where("status", "=", "claimed")
                  .where("lease_until", "<=", now)
                  .orderBy("lease_until")
              : pick
                  .where("status", "=", "pending")
                  .where("next_attempt_at", "<=", now)
                  .orderBy("next_attempt_at")
                  .orderBy("id");
          if (options.workspaceId !== undefined)
            pick = pick.where("workspace_id", "=", options.workspaceId);
          pick = pick.limit(remaining);
          return store.dialect === "postgres" ? pick.forUpdate().skipLocked() : pick;
        })
        .returningAll()
        .execute();
      // RETURNING does not keep the subquery's order. Ids are UUIDv7, so among messages due at
      // one instant (a step's e-mails) the id keeps the order they were written in.
      rows.sort((x, y) => x.next_attempt_at - y.next_attempt_at || (x.id < y.id ? -1 : 1));
      out.push(...rows.map(claimedMessage));
    }
    return out;
  });
}

type Claim = { workspaceId: string; id: string; epoch: number; now: number };

/** Marks a delivered message done, where the claim is still current; returns whether it was. */
export async function markOutboxDone(trx: Db, claim: Claim): Promise<boolean> {
  const result = await trx
    .updateTable("outbox")
    .set({ status: "done", lease_until: null, updated_at: claim.now })
    .where("id", "=", claim.id)
    .where("workspace_id", "=", claim.workspaceId)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", claim.epoch)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A claim this process holds: the message and the epoch it was claimed at. */
export interface HeldClaim {
  readonly workspaceId: string;
  readonly id: string;
  readonly epoch: number;
}

/**
 * Extends the lease of claims still held at their epoch (a delivery taking longer than the lease
 * must not be taken over and sent again by another process); returns how many were extended.
 * @example await renewOutboxClaims(store.db, { claims, leaseUntil: now + 60_000, now });
 */
export async function renewOutboxClaims(
  db: Db,
  renewal: { claims: readonly HeldClaim[]; leaseUntil: number; now: number },
): Promise<number> {
  if (renewal.claims.length === 0) return 0;
  const result = await db
    .updateTable("outbox")
    .set({ lease_until: renewal.leaseUntil, updated_at: renewal.now })
    .where("status", "=", "claimed")
    .where((eb) =>
      eb.or(
        renewal.claims.map((claim) =>
          eb.and([
            eb("id", "=", claim.id),
            eb("workspace_id", "=", claim.workspaceId),
            eb("claim_epoch", "=", claim.epoch),
          ]),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Hands claims back unattempted, where still held at their epoch: the messages are due again at
 * once, for this process's next pass or another's, without waiting out the lease.
 */
export async function releaseOutboxClaims(
  db: Db,
  release: { claims: readonly HeldClaim[]; now: number },
): Promise<number> {
  let released = 0;
  for (const claim of release.claims) {
    const result = await db
      .updateTable("outbox")
      .set({ status: "pending", claimed_by: null, lease_until: null, updated_at: release.now })
      .where("id", "=", claim.id)
      .where("workspace_id", "=", claim.workspaceId)
      .where("status", "=", "claimed")
      .where("claim_epoch", "=", claim.epoch)
      .executeTakeFirst();
    released += Number(result.numUpdatedRows);
  }
  return released;
}

/** The delay before retry number `attempts + 1` (see RetryPolicy); `random` returns [0, 1). */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number): number {
  const base = policy.baseMs ?? 1000;
  const max = policy.maxMs ?? 3_600_000;
  const jitter = policy.jitter ?? 0.2;
  const delay = Math.min(max, base * 2 ** attempts);
  return Math.round(delay * (1 - jitter * random()));
}

export type FailureOutcome =
  | { readonly status: "pending"; readonly attempts: number; readonly nextAttemptAt: number }
  | { readonly status: "failed"; readonly attempts: number };

/**
 * Records a failed delivery, where the claim is still current: the message is due again after
 * the back-off, or `failed` once `maxAttempts` deliveries failed. `undefined` for a stale claim.
 * @example
 * const outcome = await markOutboxFailed(trx, { ...claim, now, error: String(status), policy: {}, random: Math.random });
 * if (outcome?.status === "failed") await raiseIncident(trx, message.instanceId);
 */
export async function markOutboxFailed(
  trx: Db,
  failure: Claim & {
    attempts: number;
    error: string;
    policy: RetryPolicy;
    random: () => number;
  },
): Promise<FailureOutcome | undefined> {
  const attempts = failure.attempts + 1;
  const exhausted = attempts >= (failure.policy.maxAttempts ?? 8);
  const nextAttemptAt = exhausted
    ? failure.now
    : failure.now + retryDelay(failure.attempts, failure.policy, failure.random);
  const result = await trx
    .updateTable("outbox")
    .set({
      status: exhausted ? "failed" : "pending",
      attempts,
      next_attempt_at: nextAttemptAt,
      last_error: failure.error.slice(0, 4000),
      claimed_by: null,
      lease_until: null,
      updated_at: failure.now,
    })
    .where("id", "=", failure.id)
    .where("workspace_id", "=", failure.workspaceId)
    .where("status", "=", "claimed")
    .where("claim_epoch", "=", failure.epoch)
    .where("attempts", "=", failure.attempts)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return exhausted
    ? { status: "failed", attempts }
    : { status: "pending", attempts, nextAttemptAt };
}
