/**
 * @module runtime/outbox
 * Delivers outbox messages (webhook calls, e-mails, notifications) through a performer the host
 * injects, outside any transaction; then records the result in one transaction with the step it
 * causes. Failures retry with exponential back-off; after the last try the webhook node's
 * instance gets a final failure, which the interpreter turns into an incident.
 */
import type { JsonObject, OutboxResponse } from "../flows/index.ts";
import {
  type ClaimedMessage,
  claimDueOutbox,
  getInstance,
  markOutboxDone,
  markOutboxFailed,
  type RetryPolicy,
} from "../store/index.ts";
import { addDuration, parseDuration } from "../tiers/index.ts";
import type { Instance, Runtime } from "./context.ts";

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
}

export interface DeliveryCounts {
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

/** Claims due messages and delivers them; returns what happened. */
export async function deliverOutbox(rt: Runtime, options: DeliverOptions): Promise<DeliveryCounts> {
  const messages = await claimDueOutbox(rt.store, {
    now: rt.clock.now(),
    limit: options.limit ?? 50,
    owner: rt.owner,
    leaseMs: options.leaseMs ?? 60_000,
  });
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  for (const message of messages) {
    let outcome: { ok: boolean; response?: OutboxResponse; error?: string };
    try {
      outcome = await options.perform(message);
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    await rt.store.transaction(async (trx) => {
      const claim = { workspaceId: message.workspaceId, id: message.id, epoch: message.epoch };
      const payload = message.payload as JsonObject;
      const attempt = message.attempts + 1;
      let final = true;
      if (outcome.ok) {
        if (!(await markOutboxDone(trx, { ...claim, now: rt.clock.now() }))) return;
        counts.delivered++;
      } else {
        const failure = await markOutboxFailed(trx, {
          ...claim,
          now: rt.clock.now(),
          attempts: message.attempts,
          error: outcome.error ?? "failed",
          policy: policyFor(message, options.retry ?? {}),
          random: options.random ?? Math.random,
        });
        if (!failure) return;
        final = failure.status === "failed";
        if (final) counts.failed++;
        else counts.retrying++;
      }
      // Only webhook nodes wait for their call; notifications are fire-and-forget.
      if (message.kind !== "webhook" || !message.instanceId) return;
      const instance = await getInstance(trx, {
        workspaceId: message.workspaceId,
        id: message.instanceId,
      });
      if (!instance || instance.status === "completed" || instance.status === "cancelled") return;
      await rt.advance(trx, instance as Instance, {
        type: "outbox.result",
        messageId: String(payload.messageId),
        ok: outcome.ok,
        final: outcome.ok || final,
        attempt,
        ...(outcome.response ? { response: outcome.response } : {}),
        ...(outcome.error ? { error: { message: outcome.error } } : {}),
      });
    });
  }
  return counts;
}
