/**
 * @module flows/nodes/approval
 * The `approval` node: approvers (resolved through the directory when the path enters) approve
 * or reject; the path leaves by `approved` or `rejected`. Modes: any (或签, the first decision
 * counts and the other tasks are cancelled), all (会签, everyone approves; a rejection ends it),
 * sequential (依次, one task at a time in list order), vote (approvals reach `votePercent`).
 * Self-approval: `forbid` drops the initiator, `skip` counts their step as approved, `allow`
 * asks them. Nobody left: `auto-approve`, `route-to-admin` (the directory's approval admins) or
 * an incident. Return (退回) sends the path back to an allowed earlier node; approvers may add
 * signers before or after themselves (加签, see ./tally). Transfer, withdraw and remind need no
 * state of the node (engine/runtime/task-actions); SLA ladders are the interpreter's (sla/).
 */
import { approvalConfigSchema } from "../../../../schemas/flow/nodes/approval.schema.ts";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { ptrAt } from "../../../errors/index.ts";
import type { Effect } from "../../model/effects.ts";
import type {
  TaskCompletedEvent,
  TaskSignersEvent,
  TaskTransferredEvent,
} from "../../model/events.ts";
import type { HistoryRecord } from "../../model/history.ts";
import { taskDataUpdate } from "../../support/record-patch.ts";
import { defineNode } from "../define-node.ts";
import type { NodeContext } from "../node-context.ts";
import type { NodeResult } from "../node-result.ts";
import {
  counts,
  type Decision,
  participants,
  readTally,
  type Tally,
  tallyJson,
  toAskNow,
  verdict,
} from "./tally.ts";

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

/** Leaves by the verdict's port, or asks whoever the decision waits on and waits. */
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
  const wanted = toAskNow(tally);
  // Tasks of people no longer asked (a signer now goes first) are dropped, which cancels them.
  const pending: Record<string, string> = {};
  for (const [taskId, user] of Object.entries(tally.pending))
    if (wanted.includes(user)) pending[taskId] = user;
  const order = participants(tally);
  for (const user of wanted) {
    if (Object.values(pending).includes(user)) continue;
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
      ...(tally.mode === "sequential" ? { sequence: order.indexOf(user) } : {}),
    });
    parts.history.push({ type: "task.created", taskId, kind: "approval", assignees: [user] });
  }
  const next: Tally = { ...tally, pending };
  return {
    kind: "wait",
    wait: { for: "task", tasks: Object.keys(pending), data: tallyJson(next) },
    ...parts,
  };
}

/** 退回: the path goes back to an allowed earlier node, which runs again. */
function sendBack(config: Config, ctx: NodeContext, tally: Tally, signal: TaskCompletedEvent) {
  const target = signal.returnTo ?? "";
  const targets: readonly string[] = config.actions?.return?.targets ?? [];
  if (!targets.includes(target)) {
    const pointer = ptrAt(ctx.node.pointer, "config", "actions", "return", "targets");
    return {
      kind: "fail",
      error: { code: "FLOW_RETURN_TARGET_UNKNOWN", pointer, params: { target } },
    } as const;
  }
  const history: HistoryRecord[] = [
    {
      type: "approval.returned",
      to: target,
      actor: signal.actor,
      taskId: signal.taskId,
      ...(signal.comment ? { comment: signal.comment } : {}),
    },
  ];
  const output = { outcome: "returned", to: target, decisions: tallyJson(tally).decisions ?? [] };
  const effects = ccEffects(config, ctx, "returned");
  return { kind: "jump", nodeId: target, by: signal.actor, history, effects, output } as const;
}

/** 转交: the new holder takes the previous holder's place everywhere in the tally. */
function handOver(tally: Tally, signal: TaskTransferredEvent): Tally {
  const from = tally.pending[signal.taskId] ?? signal.from;
  const to = signal.to;
  if (from === to || participants(tally).includes(to)) return tally;
  const swap = (u: string) => (u === from ? to : u);
  return {
    ...tally,
    approvers: tally.approvers.map(swap),
    pending: { ...tally.pending, [signal.taskId]: to },
    signers: (tally.signers ?? []).map((s) => ({ ...s, user: swap(s.user), by: swap(s.by) })),
  };
}

/** 加签: records the signers (and, for `after`, the adder's approval), then asks again. */
function addSigners(config: Config, ctx: NodeContext, tally: Tally, signal: TaskSignersEvent) {
  const { [signal.taskId]: by = signal.actor, ...pending } = tally.pending;
  const taken = new Set(participants(tally));
  const users = signal.users.filter((u) => !taken.has(u));
  const ignored = signal.users.filter((u) => taken.has(u));
  const signers = [
    ...(tally.signers ?? []),
    ...users.map((user) => ({ user, by, position: signal.position })),
  ];
  const decisions =
    signal.position === "after"
      ? [
          ...tally.decisions,
          {
            user: by,
            decision: "approve" as const,
            taskId: signal.taskId,
            at: ctx.now,
            ...(signal.actor === by ? {} : { actor: signal.actor }),
          },
        ]
      : tally.decisions;
  const history: HistoryRecord[] = [
    {
      type: "signers.added",
      position: signal.position,
      users,
      by,
      taskId: signal.taskId,
      ...(ignored.length > 0 ? { ignored } : {}),
      ...(signal.comment ? { comment: signal.comment } : {}),
    },
  ];
  return proceed(config, ctx, { ...tally, pending, signers, decisions }, { effects: [], history });
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
      } else if (!ctx.sameForks(target, node.id)) {
        issues.push(ctx.issue("FLOW_RETURN_TARGET_OTHER_BRANCH", at, { target }));
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
    if (
      !wait ||
      (signal.type !== "task.completed" &&
        signal.type !== "task.signers" &&
        signal.type !== "task.transferred")
    )
      return { kind: "wait", wait: wait ?? { for: "task" } };
    const tally = readTally(wait.data);
    if (signal.type === "task.signers") return addSigners(config, ctx, tally, signal);
    if (signal.type === "task.transferred")
      return { kind: "wait", wait: { ...wait, data: tallyJson(handOver(tally, signal)) } };
    if (signal.outcome === "return") return sendBack(config, ctx, tally, signal);
    const { [signal.taskId]: user = signal.actor, ...pending } = tally.pending;
    const decision: Decision = {
      user,
      decision: signal.outcome === "reject" ? "reject" : "approve",
      taskId: signal.taskId,
      at: ctx.now,
      ...(signal.auto ? { auto: signal.auto } : {}),
      ...(signal.actor === user ? {} : { actor: signal.actor }),
    };
    const next: Tally = { ...tally, pending, decisions: [...tally.decisions, decision] };
    const effects = taskDataUpdate(ctx, signal.data, config.fields);
    return proceed(config, ctx, next, { effects, history: [] });
  },
});
