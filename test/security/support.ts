/**
 * @module test/security/support
 * What the security suites share: a seeded PRNG (so a failing case can be replayed from its seed)
 * and the flows they run — a task held by the request's initiator (so a task or request belongs
 * to exactly one person) and two-stage approvals whose self-approval setting is the definition's.
 */
import { ticketForm } from "../../engine/runtime/testing/kam-fixture.ts";

export { ticketForm };

/** A seeded PRNG (mulberry32): the same seed gives the same cases. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n) from `random`. */
export const pick = (random: () => number, n: number): number => Math.floor(random() * n);

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

/** start → fill (a task for the initiator) → end: its one task is held by whoever started it. */
export const ownTaskFlow = {
  kind: "flow",
  key: "own-task",
  name: t("自办", "Own task"),
  form: "ticket",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    {
      id: "fill",
      type: "task",
      label: t("填写", "Fill"),
      position: at(100),
      config: { assignees: [{ kind: "initiator" }] },
    },
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: at(200),
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "fill" },
    { id: "e2", source: "fill", target: "end" },
  ],
};

/**
 * start → stage 1 (holders of `first`) → stage 2 (holders of `second`) → end. Each approval
 * allows transfer and adding signers, so those paths can be tried; `selfApproval` is the
 * definition's word on whether the initiator may approve their own request.
 */
export function twoStageFlow(
  key: string,
  options: { first: string; second: string; selfApproval?: "forbid" | "skip" | "allow" },
) {
  const approval = (id: string, role: string, y: number) => ({
    id,
    type: "approval",
    label: t(id, id),
    position: at(y),
    config: {
      approvers: [{ kind: "role", role }],
      ...(options.selfApproval ? { selfApproval: options.selfApproval } : {}),
      emptyApprovers: "incident",
      actions: { transfer: true, addSigner: ["before", "after"] },
    },
  });
  return {
    kind: "flow",
    key,
    name: t(key, key),
    form: "ticket",
    trigger: { type: "manual" },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
      approval("stage1", options.first, 100),
      approval("stage2", options.second, 200),
      {
        id: "end",
        type: "end",
        label: t("通过", "Done"),
        position: at(300),
        config: { outcome: "approved" },
      },
      {
        id: "no",
        type: "end",
        label: t("驳回", "No"),
        position: at(300),
        config: { outcome: "rejected" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "stage1" },
      { id: "e2", source: "stage1", sourceHandle: "approved", target: "stage2" },
      { id: "e3", source: "stage1", sourceHandle: "rejected", target: "no" },
      { id: "e4", source: "stage2", sourceHandle: "approved", target: "end" },
      { id: "e5", source: "stage2", sourceHandle: "rejected", target: "no" },
    ],
  };
}
