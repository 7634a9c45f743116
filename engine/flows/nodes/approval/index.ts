/**
 * @module flows/nodes/approval
 * The `approval` node: approvers (resolved through the directory when the path enters) approve
 * or reject; the path leaves by `approved` or `rejected`. Modes: any (或签, the first decision
 * counts and the other tasks are cancelled), all (会签, everyone approves; a rejection ends it),
 * sequential (依次, one task at a time in list order), vote (approvals reach `votePercent`).
 * Self-approval: `forbid` drops the initiator, `skip` counts their step as approved, `allow`
 * asks them. Nobody left: `auto-approve`, `route-to-admin` (the directory's approval admins) or
 * an incident. Return, transfer, add signer, withdraw, remind and SLA ladders come with issue #4.
 */
import { approvalConfigSchema } from "../../../../schemas/flow/nodes/approval.schema.ts";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { ptrAt } from "../../../errors/index.ts";
import type { Effect } from "../../model/effects.ts";
import type { HistoryRecord } from "../../model/history.ts";
import { taskDataUpdate } from "../../support/record-patch.ts";
import { defineNode } from "../define-node.ts";
import type { NodeContext } from "../node-context.ts";
import type { NodeResult } from "../node-result.ts";
import { counts, readTally, type Tally, tallyJson, toAsk, verdict } from "./tally.ts";

type Config = NodeConfig<"approval">;

/** Notifies the CC list when `event` is one it asked for. */
function ccEffects(config: Config, ctx: NodeContext, event: string): Effect[] {
  const cc = config.cc;
  if (!cc || !(cc.on as readonly string[]).includes(event)) return [];
  const to = ctx.resolve(cc.to, ptrAt(ctx.node.pointer, "config", "cc", "to"));
  if (to.length === 0) return [];
  return [
    {
      type: "outbox.enqueue",
      messageId: ctx.newId("message"),
      kind: "notification",
      idempotencyKey: ctx.idempotencyKey(`cc-${event}`),
      payload: { event: `approval.${event}`, to: [...to], nodeId: ctx.node.id },
      tokenId: ctx.token.id,
      nodeId: ctx.node.id,
    },
  ];
}

/** Leaves by the verdict's port, or asks the next approvers and waits. */
function proceed(
  config: Config,
  ctx: NodeContext,
  tally: Tally,
  parts: { effects: Effect[]; history: HistoryRecord[] },
): NodeResult {
  const outcome = verdict(tally, config.votePercent);
  if (outcome) {
    parts.history.push({ type: "approval.decided", outcome, mode: tally.mode, ...counts(tally) });
    parts.effects.push(...ccEffects(config, ctx, outcome));
    const output = { outcome, decisions: tallyJson(tally).decisions ?? [] };
    return { kind: "next", port: outcome, output, ...parts };
  }
  const pending = { ...tally.pending };
  toAsk(tally).forEach((user) => {
    const taskId = ctx.newId("task");
    pending[taskId] = user;
    parts.effects.push({
      type: "task.create",
      taskId,
      tokenId: ctx.token.id,
      nodeId: ctx.node.id,
      kind: "approval",
      assignees: [user],
      assignment: "single",
      ...(config.fields === undefined ? {} : { fields: config.fields }),
      ...(tally.mode === "sequential" ? { sequence: tally.approvers.indexOf(user) } : {}),
    });
    parts.history.push({ type: "task.created", taskId, kind: "approval", assignees: [user] });
  });
  const next: Tally = { ...tally, pending };
  return {
    kind: "wait",
    wait: { for: "task", tasks: Object.keys(pending), data: tallyJson(next) },
    ...parts,
  };
}

/** The approval node type. */
export const approvalNode = defineNode({
  type: "approval",
  configSchema: approvalConfigSchema,
  ports: { inputs: ["in"], outputs: ["approved", "rejected"] },
  meta: {
    icon: "stamp",
    label: { "zh-CN": "审批", en: "Approval" },
    description: {
      "zh-CN": "审批人同意或拒绝；或签、会签、依次审批或按比例投票。",
      en: "Approvers approve or reject: any, all, sequential or by vote.",
    },
    category: "people",
  },
  waitState: () => true,
  check: (node, ctx) => {
    const issues = [];
    for (const path of Object.keys(node.config.fields ?? {})) {
      const issue = ctx.checkField(path, ptrAt(ctx.pointer, "config", "fields", path));
      if (issue) issues.push(issue);
    }
    const targets = node.config.actions?.return?.targets ?? [];
    for (const [k, target] of targets.entries()) {
      const at = ptrAt(ctx.pointer, "config", "actions", "return", "targets", k);
      if (!ctx.hasNode(target))
        issues.push(ctx.issue("FLOW_RETURN_TARGET_UNKNOWN", at, { target }));
      else if (target === node.id || !ctx.reaches(target, node.id)) {
        issues.push(ctx.issue("FLOW_RETURN_TARGET_NOT_EARLIER", at, { target }));
      }
    }
    return issues;
  },
  enter: (config, ctx) => {
    const parts = { effects: [] as Effect[], history: [] as HistoryRecord[] };
    let users = [...ctx.resolve(config.approvers, ptrAt(ctx.node.pointer, "config", "approvers"))];
    const decisions: Tally["decisions"][number][] = [];
    const self = ctx.initiator;
    if (self !== undefined && users.includes(self) && config.selfApproval !== "allow") {
      if (config.selfApproval === "forbid") {
        users = users.filter((u) => u !== self);
        parts.history.push({
          type: "approvers.adjusted",
          reason: "self-approval-forbidden",
          users,
        });
      } else {
        decisions.push({
          user: self,
          decision: "approve",
          taskId: null,
          at: ctx.now,
          auto: "self",
        });
        parts.history.push({ type: "approvers.adjusted", reason: "self-approval-skipped", users });
      }
    }
    if (users.length === 0) {
      const pointer = ptrAt(ctx.node.pointer, "config", "approvers");
      if (config.emptyApprovers === "incident")
        return { kind: "fail", error: { code: "FLOW_NO_APPROVERS", pointer } };
      if (config.emptyApprovers === "auto-approve") {
        parts.history.push({
          type: "approval.decided",
          outcome: "approved",
          mode: config.mode,
          approvals: 0,
          rejections: 0,
          total: 0,
          reason: "no-approvers",
        });
        return {
          kind: "next",
          port: "approved",
          output: { outcome: "approved", decisions: [] },
          ...parts,
        };
      }
      users = [...ctx.approvalAdmins()];
      if (users.length === 0)
        return { kind: "fail", error: { code: "FLOW_NO_APPROVERS", pointer } };
      parts.history.push({ type: "approvers.adjusted", reason: "routed-to-admin", users });
    }
    parts.effects.push(...ccEffects(config, ctx, "activated"));
    const tally: Tally = { mode: config.mode, approvers: users, pending: {}, decisions };
    return proceed(config, ctx, tally, parts);
  },
  resume: (config, ctx, signal) => {
    const wait = ctx.token.wait;
    if (signal.type !== "task.completed" || !wait)
      return { kind: "wait", wait: wait ?? { for: "task" } };
    const tally = readTally(wait.data);
    const { [signal.taskId]: user = signal.actor, ...pending } = tally.pending;
    const decision = signal.outcome === "reject" ? "reject" : "approve";
    const next: Tally = {
      ...tally,
      pending,
      decisions: [...tally.decisions, { user, decision, taskId: signal.taskId, at: ctx.now }],
    };
    const effects = taskDataUpdate(ctx, signal.data, config.fields);
    return proceed(config, ctx, next, { effects, history: [] });
  },
});
