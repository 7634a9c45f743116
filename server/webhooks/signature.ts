/**
 * @module server/webhooks/signature
 * How kamflow signs a webhook delivery, and how a receiver checks it. Each attempt is signed
 * when it is sent:
 *
 *   X-Kamflow-Timestamp: <unix seconds>
 *   X-Kamflow-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>", keyed with the secret>
 *
 * The key is the subscription's whole secret string (`whsec_…`) as UTF-8. A receiver recomputes
 * the HMAC over the raw bytes it received (before any JSON parsing), compares in constant time,
 * and rejects timestamps more than a few minutes from its own clock (a replayed request).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** `sha256=<hex>` of `"<timestamp>.<body>"` under `secret`. */
export function webhookSignature(secret: string, timestamp: number | string, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `sha256=${mac}`;
}

export interface SignedRequest {
  readonly secret: string;
  /** The raw body as received. */
  readonly body: string;
  /** `X-Kamflow-Timestamp`. */
  readonly timestamp: string | undefined;
  /** `X-Kamflow-Signature`. */
  readonly signature: string | undefined;
  /** The receiver's clock, epoch ms. */
  readonly now: number;
  /** Largest accepted difference between the timestamp and `now`. @default 300 s */
  readonly toleranceSeconds?: number;
}

/**
 * What a receiver does with a delivery (a reference implementation, used by the tests): true
 * when the signature is the HMAC of this body and timestamp and the timestamp is recent.
 * @example
 * const ok = verifyWebhookSignature({ secret, body: rawBody, now: Date.now(),
 *   timestamp: req.headers["x-kamflow-timestamp"], signature: req.headers["x-kamflow-signature"] });
 */
export function verifyWebhookSignature(request: SignedRequest): boolean {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const skew = Math.abs(request.now / 1000 - Number(timestamp));
  if (skew > (request.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(webhookSignature(request.secret, timestamp, request.body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
