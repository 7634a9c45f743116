/**
 * @module server/ops/performer
 * The server's outbox performer (see engine/runtime/outbox): how each kind of message leaves.
 * - `notification` (in-app): the delivered outbox row is the notification, so it is marked
 *   delivered.
 * - `email`: no mail transport is configured yet, so the message is written to the log and
 *   marked delivered (TODO(#5): SMTP settings).
 * - `webhook`: an HTTP call with the node's method, URL, headers (`{ secret }` references read
 *   from the workspace's `settings.secrets`), JSON body, idempotency header and timeout.
 *   Network errors, timeouts, 408, 429 and 5xx are failures the outbox retries with back-off;
 *   any other status is delivered, and the webhook node judges it (2xx or `successWhen`).
 *   Redirects are not followed: a webhook's host is fixed in its definition.
 *   Deliveries of webhook subscriptions are signed and logged on the way (server/webhooks/sender).
 */
import type { Json } from "../../engine/flows/index.ts";
import type { Performer } from "../../engine/runtime/index.ts";
import { getWorkspace, type Store } from "../../engine/store/index.ts";
import { addDuration, parseDuration } from "../../engine/tiers/index.ts";
import { createLogger, type Logger } from "../logging.ts";
import { signSubscriptionCalls } from "../webhooks/sender.ts";

export interface PerformerOptions {
  readonly store: Store;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /** Timeout of a webhook call whose node sets none. @default 30 000 ms */
  readonly timeoutMs?: number;
  /** Largest response body kept for the node's response rules. @default 1 MiB */
  readonly maxResponseBytes?: number;
}

interface WebhookPayload {
  readonly method?: string;
  readonly url?: string;
  readonly headers?: Record<string, string | { secret: string }>;
  readonly body?: unknown;
  readonly timeout?: string;
  readonly idempotencyHeader?: string;
}

/** Statuses worth another try. */
const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

function timeoutOf(value: string | undefined, fallback: number): number {
  const parsed = value ? parseDuration(value) : null;
  return parsed ? addDuration(0, parsed) : fallback;
}

async function readBody(response: Response, limit: number): Promise<Json> {
  const text = await response.text();
  const kept = text.length > limit ? text.slice(0, limit) : text;
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      return JSON.parse(kept) as Json;
    } catch {
      return kept;
    }
  }
  return kept === "" ? null : kept;
}

/**
 * Creates the performer `outbox.deliver` calls for each claimed message.
 * @example
 * await engine.outbox.deliver({ perform: createPerformer({ store }) });
 */
export function createPerformer(options: PerformerOptions): Performer {
  const doFetch = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? createLogger();
  const defaultTimeout = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;

  async function headersOf(workspaceId: string, payload: WebhookPayload) {
    const headers: Record<string, string> = {};
    let secrets: Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(payload.headers ?? {})) {
      if (typeof value === "string") {
        headers[name] = value;
        continue;
      }
      secrets ??= ((await getWorkspace(options.store.db, workspaceId))?.settings.secrets ??
        {}) as Record<string, unknown>;
      const secret = Object.hasOwn(secrets, value.secret) ? secrets[value.secret] : undefined;
      if (typeof secret !== "string") {
        throw new Error(`The workspace secret "${value.secret}" (header ${name}) is not set.`);
      }
      headers[name] = secret;
    }
    return headers;
  }

  const perform: Performer = async (message) => {
    if (message.kind === "notification") return { ok: true };
    if (message.kind === "email") {
      const payload = message.payload as { to?: unknown; emails?: unknown; subject?: unknown };
      logger.info("email (no mail transport configured: logged only)", {
        messageId: message.id,
        workspaceId: message.workspaceId,
        to: payload.to,
        emails: payload.emails,
        subject: payload.subject,
      });
      return { ok: true };
    }
    if (message.kind !== "webhook") {
      return { ok: false, error: `No performer for outbox messages of kind "${message.kind}".` };
    }
    const payload = message.payload as WebhookPayload;
    if (!payload.url) return { ok: false, error: "The webhook message has no URL." };
    const headers = await headersOf(message.workspaceId, payload);
    if (payload.idempotencyHeader && message.idempotencyKey) {
      headers[payload.idempotencyHeader] = message.idempotencyKey;
    }
    const hasBody = payload.body !== null && payload.body !== undefined;
    if (hasBody) headers["content-type"] ??= "application/json";
    const response = await doFetch(payload.url, {
      method: payload.method ?? "POST",
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutOf(payload.timeout, defaultTimeout)),
      ...(hasBody ? { body: JSON.stringify(payload.body) } : {}),
    });
    const body = await readBody(response, maxBytes);
    const result = {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body,
    };
    if (RETRYABLE(response.status)) {
      return { ok: false, response: result, error: `HTTP ${response.status}` };
    }
    return { ok: true, response: result };
  };
  return signSubscriptionCalls(options.store, perform);
}
