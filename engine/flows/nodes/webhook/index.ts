/**
 * @module flows/nodes/webhook
 * The `webhook` node writes a call to the outbox and waits for its result. The runtime sends it,
 * retries with back-off per `retries` (the idempotency key stays the same across those tries),
 * and reports `outbox.result`: a success (any 2xx, or `response.successWhen`) sets variables from
 * `response.variables` and leaves by `success`; a failure marked `final` stops the path as an
 * incident, whose retry makes a fresh call (a new attempt, so a new key); a non-final failure is
 * only recorded. Header secrets stay references (`{ secret }`) for the performer to resolve.
 */
import { webhookConfigSchema } from "../../../../schemas/flow/nodes/webhook.schema.ts";
import { ptrAt } from "../../../errors/index.ts";
import { type JsonObject, toJson } from "../../model/json.ts";
import { setPath } from "../../support/paths.ts";
import { defineNode } from "../define-node.ts";

/** Fills `{name}` placeholders (RFC 6570 level 1), URL-encoding each value. */
export function expandUrl(template: string, params: Readonly<JsonObject>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : null;
    return encodeURIComponent(value === null || value === undefined ? "" : String(value));
  });
}

/** The webhook node type. */
export const webhookNode = defineNode({
  type: "webhook",
  configSchema: webhookConfigSchema,
  ports: { inputs: ["in"], outputs: ["success"] },
  meta: {
    icon: "globe",
    label: { "zh-CN": "Webhook", en: "Webhook" },
    description: {
      "zh-CN": "调用外部系统（ERP、财务），失败时按退避策略重试。",
      en: "Calls an external system (ERP, finance), retrying with back-off.",
    },
    category: "automation",
  },
  waitState: () => true,
  // The response rules read { status, headers, body }, not the record.
  foreignRuleScopes: ["/response"],
  enter: (config, ctx) => {
    const at = ptrAt(ctx.node.pointer, "config");
    const urlParams: JsonObject = {};
    for (const [name, rule] of Object.entries(config.urlParams ?? {})) {
      urlParams[name] = toJson(ctx.evaluate(rule, ptrAt(at, "urlParams", name)));
    }
    let body: JsonObject | null = null;
    for (const [path, rule] of Object.entries(config.body ?? {})) {
      body = setPath(body ?? {}, path, toJson(ctx.evaluate(rule, ptrAt(at, "body", path))));
    }
    const messageId = ctx.newId("message");
    const idempotencyKey = ctx.idempotencyKey();
    const payload: JsonObject = {
      method: config.method,
      url: expandUrl(config.url, urlParams),
      headers: (config.headers ?? {}) as JsonObject,
      body,
      timeout: config.timeout,
      retries: (config.retries ?? {}) as JsonObject,
      idempotencyHeader: config.idempotencyHeader,
    };
    return {
      kind: "wait",
      wait: { for: "message", messages: [messageId] },
      effects: [
        {
          type: "outbox.enqueue",
          messageId,
          kind: "webhook",
          idempotencyKey,
          payload,
          tokenId: ctx.token.id,
          nodeId: ctx.node.id,
        },
      ],
      history: [{ type: "outbox.enqueued", messageId, kind: "webhook", idempotencyKey }],
    };
  },
  resume: (config, ctx, signal) => {
    const wait = ctx.token.wait ?? { for: "message" };
    if (signal.type !== "outbox.result") return { kind: "wait", wait };
    const at = ptrAt(ctx.node.pointer, "config", "response");
    const response = signal.response;
    const seen: JsonObject = {
      status: response?.status ?? null,
      headers: (response?.headers ?? {}) as JsonObject,
      body: toJson(response?.body),
    };
    const rule = config.response?.successWhen;
    const status = response?.status ?? 0;
    const success =
      signal.ok &&
      response !== undefined &&
      (rule === undefined
        ? status >= 200 && status < 300
        : ctx.test(rule, ptrAt(at, "successWhen"), seen));
    const record = {
      type: "outbox.result" as const,
      messageId: signal.messageId,
      ok: signal.ok,
      final: signal.final,
      success,
      ...(response ? { status } : {}),
      ...(signal.error ? { error: signal.error.message } : {}),
      ...(signal.attempt === undefined ? {} : { attempt: signal.attempt }),
    };
    if (success) {
      const variables: JsonObject = {};
      for (const [name, r] of Object.entries(config.response?.variables ?? {})) {
        variables[name] = toJson(ctx.evaluate(r, ptrAt(at, "variables", name), seen));
      }
      return {
        kind: "next",
        port: "success",
        variables,
        output: { status, body: seen.body ?? null },
        history: [record],
      };
    }
    if (!signal.final) {
      // The runtime retries on its own; keep waiting for the same message.
      return { kind: "wait", wait: { ...wait, messages: [signal.messageId] }, history: [record] };
    }
    const detail = signal.error?.message ?? (response ? `HTTP ${status}` : "no response");
    return {
      kind: "fail",
      error: {
        code: "FLOW_WEBHOOK_FAILED",
        pointer: ctx.node.pointer,
        params: { detail, status: response?.status ?? null },
      },
      history: [record],
    };
  },
});
