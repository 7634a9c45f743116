/**
 * @module runtime/testing/kam-fixture
 * A small KAM workspace for runtime tests: people, a ticket form, a tier model on it and a
 * five-node approval flow (start → task → condition → approval → end). Test-only.
 */
import { type ManualClock, manualClock } from "../../ports.ts";
import type { Store } from "../../store/index.ts";
import { createEngine, type Engine, type EngineOptions } from "../create-engine.ts";

export const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

export const ticketForm = {
  kind: "form",
  key: "ticket",
  name: t("服务工单", "Service ticket"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: {
      title: { "x-kam-field": "text", type: "string", maxLength: 200 },
      amount: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY", minimum: 0 },
      annualPurchase: {
        "x-kam-field": "money",
        type: "number",
        "x-kam-currency": "CNY",
        minimum: 0,
      },
      status: { "x-kam-field": "text", type: "string", maxLength: 40 },
    },
  },
  uiSchema: { fields: { title: { label: t("标题", "Title") } } },
  rules: {},
};

export const valueTierModel = {
  kind: "tier-model",
  key: "value-tier",
  name: t("价值分级", "Value tier"),
  form: "ticket",
  modelKind: "decision-table",
  tiers: [
    { key: "key", label: t("重点", "Key") },
    { key: "regular", label: t("普通", "Regular") },
  ],
  inputs: [{ key: "purchase", label: t("采购额", "Purchase"), rule: { var: "annualPurchase" } }],
  hitPolicy: "first",
  rows: [
    { id: "key", when: { purchase: { op: ">", value: 1_000_000 } }, tier: "key" },
    { id: "regular", when: {}, tier: "regular" },
  ],
};

/** start → fill (task) → check (amount ≥ 10,000?) → approval (sales directors) → end. */
export function approvalFlow(key = "ticket-approval", trigger: object = { type: "manual" }) {
  return {
    kind: "flow",
    key,
    name: t("工单审批", "Ticket approval"),
    form: "ticket",
    trigger,
    variables: { amount: { type: "number", input: true, label: t("金额", "Amount") } },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
      {
        id: "fill",
        type: "task",
        label: t("填写", "Fill"),
        position: at(100),
        config: { assignees: [{ kind: "role", role: "kam" }] },
      },
      { id: "check", type: "condition", label: t("判断", "Check"), position: at(200), config: {} },
      {
        id: "approval",
        type: "approval",
        label: t("审批", "Approval"),
        position: at(300),
        config: {
          approvers: [{ kind: "role", role: "sales-director" }],
          actions: { transfer: true },
        },
      },
      {
        id: "end",
        type: "end",
        label: t("结束", "End"),
        position: at(400),
        config: { outcome: "done" },
      },
      {
        id: "rejected",
        type: "end",
        label: t("驳回", "Rejected"),
        position: at(400),
        config: { outcome: "rejected" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "fill" },
      { id: "e2", source: "fill", target: "check" },
      {
        id: "e3",
        source: "check",
        target: "approval",
        condition: { ">=": [{ var: "variables.amount" }, 10_000] },
      },
      { id: "e4", source: "check", target: "end", default: true },
      { id: "e5", source: "approval", sourceHandle: "approved", target: "end" },
      { id: "e6", source: "approval", sourceHandle: "rejected", target: "rejected" },
    ],
  };
}

export interface KamWorld {
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly ws: string;
  readonly kam: string;
  readonly director: string;
  readonly outsider: string;
}

/** A workspace with a KAM, a sales director, an outsider, the ticket form and the tier model. */
export async function kamWorld(
  store: Store,
  options: Partial<EngineOptions> = {},
): Promise<KamWorld> {
  const clock = manualClock(T0);
  const engine = createEngine({ store, clock, owner: "test", ...options });
  const ws = await engine.workspaces.create("ACME 华东");
  const kam = await engine.users.create(ws, { email: "kam@acme.cn", name: "王经理" });
  const director = await engine.users.create(ws, { email: "director@acme.cn", name: "李总监" });
  const outsider = await engine.users.create(ws, { email: "x@acme.cn", name: "Outsider" });
  await engine.roles.grant(ws, { userId: kam, role: "kam" });
  await engine.roles.grant(ws, { userId: director, role: "sales-director" });
  await engine.definitions.publish(ws, ticketForm);
  await engine.definitions.publish(ws, valueTierModel);
  return { engine, clock, ws, kam, director, outsider };
}
