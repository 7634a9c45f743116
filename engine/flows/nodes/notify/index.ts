/**
 * @module flows/nodes/notify
 * The `notify` node writes one outbox message per channel (in-app notification, e-mail) and
 * continues at once. Recipients are resolved through the directory; e-mail fields add external
 * addresses read from the record; `{param}` placeholders are computed now, so the message says
 * what was true when it was sent. Rendering per recipient locale is the performer's job.
 */
import { notifyConfigSchema } from "../../../../schemas/flow/nodes/notify.schema.ts";
import { ptrAt } from "../../../errors/index.ts";
import type { Effect } from "../../model/effects.ts";
import type { HistoryRecord } from "../../model/history.ts";
import { type JsonObject, toJson } from "../../model/json.ts";
import { getPath } from "../../support/paths.ts";
import { defineNode } from "../define-node.ts";

/** The notify node type. */
export const notifyNode = defineNode({
  type: "notify",
  configSchema: notifyConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"] },
  meta: {
    icon: "bell",
    label: { "zh-CN": "通知", en: "Notify" },
    description: {
      "zh-CN": "发送站内通知和/或邮件，然后立即继续。",
      en: "Sends an in-app notification and/or an e-mail, then continues at once.",
    },
    category: "automation",
  },
  check: (node, ctx) => {
    const issues = [];
    for (const [k, path] of (node.config.emailFields ?? []).entries()) {
      const issue = ctx.checkField(path, ptrAt(ctx.pointer, "config", "emailFields", k));
      if (issue) issues.push(issue);
    }
    return issues;
  },
  enter: (config, ctx) => {
    const at = ptrAt(ctx.node.pointer, "config");
    const to = ctx.resolve(config.to, ptrAt(at, "to"));
    const params: JsonObject = {};
    for (const [name, rule] of Object.entries(config.params ?? {})) {
      params[name] = toJson(ctx.evaluate(rule, ptrAt(at, "params", name)));
    }
    const emails = (config.emailFields ?? [])
      .map((path) => (ctx.record ? getPath(ctx.record.data, path) : undefined))
      .filter((v): v is string => typeof v === "string" && v !== "");
    const link: JsonObject = {
      kind: config.link,
      instanceId: ctx.instanceId,
      recordId: ctx.record?.id ?? null,
    };
    const effects: Effect[] = [];
    const history: HistoryRecord[] = [];
    for (const channel of config.channels) {
      const kind = channel === "email" ? "email" : "notification";
      const messageId = ctx.newId("message");
      const idempotencyKey = ctx.idempotencyKey(kind);
      const payload: JsonObject = {
        to: [...to],
        ...(kind === "email" ? { emails } : {}),
        ...(config.subject === undefined ? {} : { subject: config.subject }),
        body: config.body,
        params,
        link,
      };
      effects.push({
        type: "outbox.enqueue",
        messageId,
        kind,
        idempotencyKey,
        payload,
        tokenId: ctx.token.id,
        nodeId: ctx.node.id,
      });
      history.push({ type: "outbox.enqueued", messageId, kind, idempotencyKey });
    }
    return { kind: "next", port: "out", effects, history };
  },
});
