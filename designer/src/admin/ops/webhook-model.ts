/**
 * @module designer/admin/ops/webhook-model
 * Webhook subscriptions and deliveries as the API answers them, the event types a subscription
 * may ask for (the list the API validates with), and the pure helpers of the webhooks tab.
 */
import { webhookEventTypes } from "../../../../schemas/api/webhooks.schema.ts";

/** The event types the API accepts, in its order. */
export const WEBHOOK_EVENTS: readonly string[] = webhookEventTypes;

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly flows: readonly string[] | null;
  readonly forms: readonly string[] | null;
  readonly description: string | null;
  readonly active: boolean;
  readonly allowPrivateNetwork: boolean;
  readonly createdBy?: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type DeliveryStatus =
  | "pending"
  | "retrying"
  | "sending"
  | "delivered"
  | "rejected"
  | "failed";

export interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly event: string;
  readonly eventId: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly responseStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: number | null;
  readonly createdAt: number;
  readonly lastAttemptAt: number | null;
  readonly deliveredAt: number | null;
  readonly redeliveryOf: string | null;
  readonly payload?: unknown;
}

export const STATUS_COLOR: Readonly<Record<DeliveryStatus, string>> = {
  pending: "default",
  retrying: "orange",
  sending: "processing",
  delivered: "green",
  rejected: "red",
  failed: "red",
};

/** Whether a delivery has ended, so it may be sent again. */
export const redeliverable = (delivery: WebhookDelivery): boolean =>
  delivery.status === "failed" || delivery.status === "rejected" || delivery.status === "delivered";

/** The editable members of a subscription, as its form holds them. */
export interface WebhookFormValues {
  url: string;
  events: string[];
  description?: string;
  forms?: string[];
  flows?: string[];
  active: boolean;
  allowPrivateNetwork: boolean;
}

/**
 * The body of POST /webhooks (or, with `before`, of PATCH /webhooks/{id}: only what changed).
 * Empty form and flow filters mean "every one" (null).
 * @example webhookBody({ url: "https://x.example", events: ["task.created"], active: true, allowPrivateNetwork: false })
 */
export function webhookBody(
  values: WebhookFormValues,
  before?: WebhookSubscription,
): Record<string, unknown> {
  const list = (items: string[] | undefined) => (items && items.length > 0 ? items : null);
  const body: Record<string, unknown> = {
    url: values.url.trim(),
    events: values.events,
    description: values.description?.trim() ? values.description.trim() : null,
    forms: list(values.forms),
    flows: list(values.flows),
    active: values.active,
    allowPrivateNetwork: values.allowPrivateNetwork,
  };
  if (!before) {
    // Creating: leave out what is null anyway.
    for (const key of ["description", "forms", "flows"]) if (body[key] === null) delete body[key];
    return body;
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const old = before as unknown as Record<string, unknown>;
  for (const key of Object.keys(body)) if (same(body[key], old[key] ?? null)) delete body[key];
  return body;
}
