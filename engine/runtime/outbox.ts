/**
 * @module runtime/outbox
 * Delivers outbox messages (webhook calls, e-mails, notifications) through a performer the host
 * injects, outside any transaction; then records the result in one transaction with the step it
 * causes. Failures retry with exponential back-off; after the last try the webhook node's
 * instance gets a final failure, which the interpreter turns into an incident. A result whose
 * step cannot be applied (a KamError) settles the message and makes the instance an incident
 * too, rather than calling the receiver again after every lease.
 */
import { KamError } from "../errors/index.ts";
import type { FlowEvent, JsonObject, OutboxResponse } from "../flows/index.ts";
import { faultPoint } from "../store/fault-points.ts";
import {
  type ClaimedMessage,
  claimDueOutbox,
  getInstance,
  type HeldClaim,
  isConflictOn,
  markOutboxDone,
  markOutboxFailed,
  type RetryPolicy,
  releaseOutboxClaims,
  renewOutboxClaims,
} from "../store/index.ts";
import { addDuration, parseDuration } from "../tiers/index.ts";
import type { Instance, Runtime, Trx } from "./context.ts";
import { eachAtMost, groupBy } from "./each-at-most.ts";
import { markIncident } from "./incidents.ts";

/** Tries of a result's transaction that lost a race on its instance. */
const MAX_ROUNDS = 5;

/** Milliseconds of an ISO-8601 duration, or undefined. */
function durationMs(value: unknown): number | undefined {
  const parsed = typeof value === "string" ? parseDuration(value) : null;
  return parsed ? addDuration(0, parsed) : undefined;
}

/**
 * The retry policy of one message: a webhook node's own `retries` (attempts, initial and
 * maximum delay; the back-off doubles) over the deliverer's defaults.
 */
function policyFor(message: ClaimedMessage, defaults: RetryPolicy): RetryPolicy {
  const retries = (message.payload as { retries?: Record<string, unknown> }).retries ?? {};
  const maxAttempts = typeof retries.maxAttempts === "number" ? retries.maxAttempts : undefined;
  const baseMs = durationMs(retries.initialDelay);
  const maxMs = durationMs(retries.maxDelay);
  return {
    ...defaults,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    ...(baseMs !== undefined ? { baseMs } : {}),
    ...(maxMs !== undefined ? { maxMs } : {}),
  };
}

/** Delivers one message; throws (or returns ok: false) when it failed. */
export type Performer = (
  message: ClaimedMessage,
) => Promise<{ ok: boolean; response?: OutboxResponse; error?: string }>;

export interface DeliverOptions {
  readonly perform: Performer;
  /** @default 50 */
  readonly limit?: number;
  /** @default 60_000 */
  readonly leaseMs?: number;
  readonly retry?: RetryPolicy;
  /** Source of back-off jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /** Messages delivered side by side; one instance's go one after another. @default 8 */
  readonly concurrency?: number;
  /** No delivery starts later than this into a pass; the rest is handed back. @default 10_000 */
  readonly startWithinMs?: number;
  /**
   * Asked before each delivery starts: true (the host is shutting down) starts no more, and the
   * unstarted claims are handed back at once; deliveries in progress finish.
   */
  readonly shouldStop?: () => boolean;
}

export interface DeliveryCounts {
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

/**
 * Claims due messages and delivers them; returns what happened. Messages go out side by side
 * (one instance's in order), their leases renewed while deliveries run, so a slow receiver is
 * not called again by another process meanwhile. After `startWithinMs` no new delivery starts:
 * the rest is handed back at once, so a pass never holds the scheduler for long.
 */
export async function deliverOutbox(rt: Runtime, options: DeliverOptions): Promise<DeliveryCounts> {
  const leaseMs = options.leaseMs ?? 60_000;
  const messages = await claimDueOutbox(rt.store, {
    now: rt.clock.now(),
    limit: options.limit ?? 50,
    owner: rt.owner,
    leaseMs,
  });
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  if (messages.length === 0) return counts;
  const passStarted = rt.clock.now();
  const startWithinMs = options.startWithinMs ?? 10_000;
  /** Claims not settled yet: renewed until they are, handed back if never started. */
  const held = new Map<string, HeldClaim>(
    messages.map((m) => [m.id, { workspaceId: m.workspaceId, id: m.id, epoch: m.epoch }]),
  );
  const started = new Set<string>();
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(
    () => {
      // A renewal that fails (the database away) lets the lease pass: another process may then
      // deliver the message again, which at-least-once delivery allows.
      renewing = renewing.then(() =>
        renewOutboxClaims(rt.store.db, {
          claims: [...held.values()],
          leaseUntil: rt.clock.now() + leaseMs,
          now: rt.clock.now(),
        }).catch(() => {}),
      );
    },
    Math.max(100, leaseMs / 3),
  );
  renewal.unref?.();
  try {
    await eachAtMost(
      groupBy(messages, (m) => m.instanceId ?? `message:${m.id}`),
      options.concurrency ?? 8,
      async (group) => {
        for (const message of group) {
          if (rt.clock.now() - passStarted > startWithinMs || options.shouldStop?.()) return;
          started.add(message.id);
          const settled = await deliverOne(message);
          held.delete(message.id);
          if (settled) counts[settled]++;
        }
      },
    );
  } finally {
    clearInterval(renewal);
    await renewing;
    const unstarted = [...held.values()].filter((claim) => !started.has(claim.id));
    // Not handed back (the database away): those claims simply expire.
    await releaseOutboxClaims(rt.store.db, { claims: unstarted, now: rt.clock.now() }).catch(
      () => 0,
    );
  }
  return counts;

  async function deliverOne(message: ClaimedMessage): Promise<keyof DeliveryCounts | undefined> {
    let outcome: { ok: boolean; response?: OutboxResponse; error?: string };
    // Outside the try: a fault here stops the deliverer as a crash would (the claim then expires).
    faultPoint("outbox.publish.before");
    try {
      outcome = await options.perform(message);
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    faultPoint("outbox.publish.after");
    const claim = { workspaceId: message.workspaceId, id: message.id, epoch: message.epoch };
    const policy = policyFor(message, options.retry ?? {});
    const attempt = message.attempts + 1;
    // As markOutboxFailed decides it: a failure of the last allowed try is final.
    const final = outcome.ok || attempt >= (policy.maxAttempts ?? 8);
    const result: FlowEvent = {
      type: "outbox.result",
      messageId: String((message.payload as JsonObject).messageId),
      ok: outcome.ok,
      final,
      attempt,
      ...(outcome.response ? { response: outcome.response } : {}),
      ...(outcome.error ? { error: { message: outcome.error } } : {}),
    };
    /** Records the outcome on the row, at the claim; undefined when the claim went stale. */
    const settle = async (trx: Trx): Promise<keyof DeliveryCounts | undefined> => {
      const now = rt.clock.now();
      if (outcome.ok)
        return (await markOutboxDone(trx, { ...claim, now })) ? "delivered" : undefined;
      const failure = await markOutboxFailed(trx, {
        ...claim,
        now,
        attempts: message.attempts,
        error: outcome.error ?? "failed",
        policy,
        random: options.random ?? Math.random,
      });
      if (!failure) return undefined;
      return failure.status === "failed" ? "failed" : "retrying";
    };
    // Only webhook nodes wait for their call; notifications are fire-and-forget.
    const waiting = message.kind === "webhook" ? message.instanceId : null;
    let settled: keyof DeliveryCounts | undefined;
    for (let round = 1; ; round++) {
      try {
        settled = await rt.store.transaction(async (trx) => {
          const done = await settle(trx);
          if (!done || !waiting) return done;
          const instance = await getInstance(trx, {
            workspaceId: message.workspaceId,
            id: waiting,
          });
          if (!instance || instance.status === "completed" || instance.status === "cancelled") {
            return done;
          }
          await rt.advance(trx, instance as Instance, result);
          return done;
        });
        break;
      } catch (error) {
        // The instance moved on under this step (a person acted on another branch): again.
        if (round < MAX_ROUNDS && isConflictOn(error, "instance")) continue;
        // A step that cannot be applied (e.g. it writes an invalid record) must not be called
        // again and again after each lease: the message is settled and the instance becomes an
        // incident, whose retry applies this result again once the cause is fixed.
        if (!(error instanceof KamError) || !waiting) throw error;
        settled = await markIncident(rt, message.workspaceId, waiting, error, {
          event: result,
          settle,
        });
        break;
      }
    }
    return settled;
  }
}
