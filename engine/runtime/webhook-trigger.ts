/**
 * @module runtime/webhook-trigger
 * Inbound webhooks: an external system starts a flow by posting a JSON body signed with HMAC
 * over the raw body and a workspace secret. The signature is checked in constant time before the
 * body is read; variables come from the trigger's rules over the body; an optional body field
 * names the record the instance runs on. A repeated delivery id starts nothing new.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FlowTrigger } from "../../schemas/index.ts";
import { KamError } from "../errors/index.ts";
import type { JsonObject } from "../flows/index.ts";
import { getWorkspace, latestPublished } from "../store/index.ts";
import type { Instance, Runtime } from "./context.ts";

type WebhookTrigger = Extract<FlowTrigger, { type: "webhook" }>;

export interface InboundWebhook {
  readonly workspaceId: string;
  readonly flowKey: string;
  /** The body exactly as received: the signature is over these bytes. */
  readonly rawBody: string;
  /** The signature header's value: hex, optionally prefixed `sha256=` / `sha512=`. */
  readonly signature: string;
  /** The sender's delivery id, if any: a redelivery with the same id starts nothing. */
  readonly deliveryId?: string;
}

function signatureMatches(expectedHex: string, given: string): boolean {
  const hex = given.includes("=") ? given.slice(given.indexOf("=") + 1) : given;
  const a = Buffer.from(expectedHex, "hex");
  const b = Buffer.from(hex.trim().toLowerCase(), "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

function pathValue(body: unknown, path: string): unknown {
  let current = body;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part))
      return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Verifies and starts a flow from an inbound webhook; undefined for a repeated delivery. */
export async function startFromWebhook(
  rt: Runtime,
  hook: InboundWebhook,
): Promise<Instance | undefined> {
  return rt.store.transaction(async (trx) => {
    const flow = await latestPublished(trx, {
      workspaceId: hook.workspaceId,
      kind: "flow",
      key: hook.flowKey,
    });
    const trigger = (flow?.body as { trigger?: FlowTrigger } | undefined)?.trigger;
    if (!flow || trigger?.type !== "webhook") {
      throw new KamError("RUNTIME_TRIGGER_MISMATCH", "", {
        flow: hook.flowKey,
        trigger: "webhook",
      });
    }
    const webhook = trigger as WebhookTrigger;
    const workspace = await getWorkspace(trx, hook.workspaceId);
    const secrets = (workspace?.settings.secrets ?? {}) as Record<string, unknown>;
    const secret = Object.hasOwn(secrets, webhook.secret) ? secrets[webhook.secret] : undefined;
    const expected =
      typeof secret === "string"
        ? createHmac(webhook.algorithm ?? "sha256", secret)
            .update(hook.rawBody)
            .digest("hex")
        : undefined;
    if (!expected || !signatureMatches(expected, hook.signature)) {
      throw new KamError("RUNTIME_SIGNATURE_INVALID", "", { flow: hook.flowKey });
    }
    const body: unknown = JSON.parse(hook.rawBody);
    const input: JsonObject = {};
    for (const [name, rule] of Object.entries(webhook.variables ?? {})) {
      input[name] = rt.rules.compile(rule)({ body }) as JsonObject[string];
    }
    const recordField = webhook.recordField ? pathValue(body, webhook.recordField) : undefined;
    return rt.startInstance(trx, {
      workspaceId: hook.workspaceId,
      flowKey: hook.flowKey,
      input,
      recordId: typeof recordField === "string" ? recordField : null,
      ...(hook.deliveryId ? { startKey: `${hook.flowKey}:webhook:${hook.deliveryId}` } : {}),
    });
  });
}
