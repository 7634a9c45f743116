/**
 * @module bench/engine/approval-flow
 * The benchmark's process as a kamflow flow definition, for the kamflow rows: the same five nodes,
 * node ids and condition as the BPMN XML and the xstate machine (see ./process.ts). Record-less:
 * the amount is an input variable given at start, as the peers get it.
 * A draft written before the runtime existed: `kamflowRows` checks its shape at start-up, and the
 * runtime's conventions (user ids, how task data reaches variables) may call for edits.
 */
import { APPROVAL_THRESHOLD, NODE } from "./process.ts";

/** User ids the task and the approval are assigned to; the runtime's fixture must create them. */
export const BENCH_USERS = { filler: "bench-filler", approver: "bench-approver" } as const;

const label = (en: string, zh: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

/** start → task "fill" → condition (amount ≥ 10,000, else default to end) → approval → end. */
export const approvalFlow = {
  kind: "flow",
  key: "bench-approval",
  name: label("Benchmark approval", "基准审批"),
  trigger: { type: "manual" },
  variables: {
    amount: { type: "number", input: true, label: label("Amount", "金额") },
  },
  nodes: [
    { id: NODE.start, type: "start", label: label("Start", "开始"), position: at(0), config: {} },
    {
      id: NODE.fill,
      type: "task",
      label: label("Fill the request", "填写申请"),
      position: at(100),
      config: { assignees: [{ kind: "user", userId: BENCH_USERS.filler }] },
    },
    {
      id: NODE.check,
      type: "condition",
      label: label("Needs approval?", "是否需要审批"),
      position: at(200),
      config: {},
    },
    {
      id: NODE.approval,
      type: "approval",
      label: label("Approval", "审批"),
      position: at(300),
      config: { approvers: [{ kind: "user", userId: BENCH_USERS.approver }] },
    },
    {
      id: NODE.end,
      type: "end",
      label: label("End", "结束"),
      position: at(400),
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "start-fill", source: NODE.start, target: NODE.fill },
    { id: "fill-check", source: NODE.fill, target: NODE.check },
    {
      id: "check-approval",
      source: NODE.check,
      target: NODE.approval,
      condition: { ">=": [{ var: "variables.amount" }, APPROVAL_THRESHOLD] },
    },
    { id: "check-end", source: NODE.check, target: NODE.end, default: true },
    { id: "approved-end", source: NODE.approval, sourceHandle: "approved", target: NODE.end },
    { id: "rejected-end", source: NODE.approval, sourceHandle: "rejected", target: NODE.end },
  ],
};
