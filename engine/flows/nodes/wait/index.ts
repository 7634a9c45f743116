/**
 * @module flows/nodes/wait
 * The `wait` node pauses its path:
 * - `duration`: a timer after an ISO-8601 duration (or a rule returning one), on the natural or
 *   the business calendar (the calendar port; natural when the host has none);
 * - `until`: a timer at the date a rule returns; a date already past continues at once;
 * - `condition`: continues as soon as a rule over the record holds — checked on entry and on
 *   every `record.changed` — or by the `timeout` port after `timeout` (by `out` when no edge
 *   leaves by `timeout`).
 */
import { waitConfigSchema } from "../../../../schemas/flow/nodes/wait.schema.ts";
import { ptrAt } from "../../../errors/index.ts";
import type { Effect } from "../../model/effects.ts";
import type { HistoryRecord } from "../../model/history.ts";
import { type Json, toJson } from "../../model/json.ts";
import { toInstant } from "../../support/dates.ts";
import { valuesRead } from "../../support/rule-reads.ts";
import { defineNode } from "../define-node.ts";
import type { NodeContext } from "../node-context.ts";
import type { NodeResult, WaitResult } from "../node-result.ts";

function timer(ctx: NodeContext, kind: "wait" | "timeout", dueAt: number, from: Json) {
  const timerId = ctx.newId("timer");
  const effect: Effect = {
    type: "timer.schedule",
    timerId,
    kind,
    dueAt,
    tokenId: ctx.token.id,
    nodeId: ctx.node.id,
  };
  const history: HistoryRecord = { type: "timer.scheduled", timerId, kind, dueAt, from };
  return { timerId, effects: [effect], history: [history] };
}

function waitUntil(ctx: NodeContext, dueAt: number, from: Json): NodeResult {
  if (dueAt <= ctx.now)
    return { kind: "next", port: "out", history: [{ type: "wait.passed", dueAt, from }] };
  const t = timer(ctx, "wait", dueAt, from);
  return {
    kind: "wait",
    wait: { for: "timer", timers: [t.timerId] },
    effects: t.effects,
    history: t.history,
  };
}

/** Checks the record condition, recording what it read. */
function check(ctx: NodeContext, rule: unknown): { result: boolean; history: HistoryRecord } {
  const pointer = ptrAt(ctx.node.pointer, "config", "condition");
  const result = ctx.test(rule, pointer);
  return {
    result,
    history: { type: "wait.checked", pointer, result, values: valuesRead([rule], ctx.scope) },
  };
}

/** The wait node type. */
export const waitNode = defineNode({
  type: "wait",
  configSchema: waitConfigSchema,
  ports: { inputs: ["in"], outputs: ["out", "timeout"] },
  meta: {
    icon: "hourglass",
    label: { "zh-CN": "等待", en: "Wait" },
    description: {
      "zh-CN": "等待一段时间、到某个日期，或直到记录满足条件。",
      en: "Waits for a duration, until a date, or until the record meets a condition.",
    },
    category: "timing",
  },
  waitState: () => true,
  requiredOutputs: () => ["out"],
  enter: (config, ctx) => {
    const at = ptrAt(ctx.node.pointer, "config");
    if (config.kind === "duration") {
      const d = config.duration;
      const text = typeof d === "string" ? d : ctx.evaluate(d.rule, ptrAt(at, "duration", "rule"));
      if (typeof text !== "string") {
        return {
          kind: "fail",
          error: {
            code: "FLOW_DURATION_INVALID",
            pointer: ptrAt(at, "duration"),
            params: { value: toJson(text) },
          },
        };
      }
      return waitUntil(ctx, ctx.dueAt(text, config.calendar, ptrAt(at, "duration")), text);
    }
    if (config.kind === "until") {
      const value = ctx.evaluate(config.until, ptrAt(at, "until"));
      const dueAt = toInstant(value, ctx.timeZone);
      if (dueAt === null) {
        return {
          kind: "fail",
          error: {
            code: "FLOW_WAIT_DATE_INVALID",
            pointer: ptrAt(at, "until"),
            params: { value: toJson(value) },
          },
        };
      }
      return waitUntil(ctx, dueAt, toJson(value));
    }
    const checked = check(ctx, config.condition);
    if (checked.result) return { kind: "next", port: "out", history: [checked.history] };
    const result: WaitResult = {
      kind: "wait",
      wait: { for: "record", record: true },
      history: [checked.history],
    };
    if (config.timeout === undefined) return result;
    const t = timer(
      ctx,
      "timeout",
      ctx.dueAt(config.timeout, "natural", ptrAt(at, "timeout")),
      config.timeout,
    );
    return {
      ...result,
      wait: { ...result.wait, timers: [t.timerId] },
      effects: t.effects,
      history: [checked.history, ...t.history],
    };
  },
  resume: (config, ctx, signal) => {
    const wait = ctx.token.wait ?? { for: "record" };
    if (signal.type === "timer.fired") {
      const timedOut = config.kind === "condition";
      const port = timedOut && ctx.outgoing.some((e) => e.port === "timeout") ? "timeout" : "out";
      return { kind: "next", port };
    }
    if (signal.type === "record.changed" && config.kind === "condition") {
      const checked = check(ctx, config.condition);
      if (checked.result) return { kind: "next", port: "out", history: [checked.history] };
      return { kind: "wait", wait, history: [checked.history] };
    }
    return { kind: "wait", wait };
  },
});
