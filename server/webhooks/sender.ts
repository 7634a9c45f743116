/**
 * @module server/webhooks/sender
 * Sends the deliveries of webhook subscriptions (outbox messages of kind `webhook` marked by
 * engine/runtime/webhook-fanout) through the server's performer, adding per attempt:
 * - the subscription's current URL (an admin may fix a broken one while deliveries retry);
 * - the SSRF rule again, on every address the host resolves to (a public name that now points
 *   inside the network is refused; the attempt fails and is retried with back-off);
 * - `X-Kamflow-Event`, `X-Kamflow-Delivery`, `X-Kamflow-Timestamp` and `X-Kamflow-Signature`,
 *   signed with the current secret at send time (so retries carry a fresh timestamp);
 * - a line in the delivery log: the response status, the error, when.
 * A delivery whose subscription was deleted is dropped. Other messages pass through untouched.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Performer } from "../../engine/runtime/index.ts";
import { subscriptionDeliveryOf } from "../../engine/runtime/webhook-fanout.ts";
import { addressClass, assertWebhookTarget, refusal } from "../../engine/runtime/webhook-target.ts";
import { getSubscription, recordDeliveryAttempt, type Store } from "../../engine/store/index.ts";
import { webhookSignature } from "./signature.ts";

export interface SenderOptions {
  /** Wall-clock time for the signature's timestamp and the log, epoch ms. @default Date.now */
  readonly now?: () => number;
  /** Resolves a host name to its addresses. @default node:dns lookup (all addresses) */
  readonly resolve?: (hostname: string) => Promise<string[]>;
}

const defaultResolve = async (hostname: string) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Why `url`'s host may not be called now, or undefined. */
async function blockedAddress(
  url: string,
  allowPrivateNetwork: boolean,
  resolve: (hostname: string) => Promise<string[]>,
): Promise<string | undefined> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolve(host);
  for (const address of addresses) {
    const reason = refusal(
      addressClass(address),
      parsed.protocol === "https:",
      allowPrivateNetwork,
    );
    if (reason) return `${host} resolves to ${address}: ${reason.en}`;
  }
  return undefined;
}

/**
 * Wraps `perform` so subscription deliveries are checked, signed and logged.
 * @example
 * const perform = signSubscriptionCalls(store, basePerformer);
 * await engine.outbox.deliver({ perform });
 */
export function signSubscriptionCalls(
  store: Store,
  perform: Performer,
  options: SenderOptions = {},
): Performer {
  const now = options.now ?? Date.now;
  const resolve = options.resolve ?? defaultResolve;
  return async (message) => {
    const marker = message.kind === "webhook" ? subscriptionDeliveryOf(message.payload) : undefined;
    if (!marker) return perform(message);
    const workspaceId = message.workspaceId;
    const subscription = await getSubscription(store.db, { workspaceId, id: marker.id });
    if (!subscription) return { ok: true }; // deleted: its deliveries went with it

    const log = (responseStatus: number | null, error: string | null, delivered: boolean) =>
      recordDeliveryAttempt(store.db, {
        workspaceId,
        id: marker.deliveryId,
        at: now(),
        responseStatus,
        error,
        delivered,
      });

    let outcome: Awaited<ReturnType<Performer>>;
    try {
      const { allowPrivateNetwork } = subscription;
      assertWebhookTarget(subscription.url, { allowPrivateNetwork });
      const blocked = await blockedAddress(subscription.url, allowPrivateNetwork, resolve);
      if (blocked) {
        await log(null, blocked, false);
        return { ok: false, error: blocked };
      }
      const payload = message.payload as { body: unknown };
      const timestamp = Math.floor(now() / 1000);
      const headers = {
        "content-type": "application/json",
        "user-agent": "kamflow-webhooks",
        "x-kamflow-event": marker.event,
        "x-kamflow-delivery": marker.deliveryId,
        "x-kamflow-timestamp": String(timestamp),
        // The performer sends JSON.stringify(body) of this very object: the bytes signed here.
        "x-kamflow-signature": webhookSignature(
          subscription.secret,
          timestamp,
          JSON.stringify(payload.body),
        ),
      };
      outcome = await perform({
        ...message,
        payload: { ...payload, url: subscription.url, headers },
      });
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const status = outcome.response?.status ?? null;
    const delivered = outcome.ok && status !== null && status >= 200 && status < 300;
    const error = outcome.ok
      ? delivered
        ? null
        : `HTTP ${status ?? "?"}: not retried`
      : (outcome.error ?? "failed");
    await log(status, error, delivered);
    return outcome;
  };
}
