/**
 * @module runtime/testing/org-world
 * An org chart for approver tests on top of the KAM world: staff ← lead (east) ← director (sales,
 * "sales-director") ← vp (region, "vp") ← ceo (company); staff2 in west under a departed manager;
 * rep in sales; a deputy; a disabled and a departed user. Flows are one 会签 approval on an
 * `account` form, so every person resolved gets a task. Test-only.
 */
import type { Store } from "../../store/index.ts";
import { type KamWorld, kamWorld } from "./kam-fixture.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });
/** An approver spec as a designer writes it (defaults are applied on publish). */
export type ApproverSpec = Record<string, unknown>;

export const accountForm = {
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { "x-kam-field": "text", type: "string", maxLength: 200 },
      handler: { "x-kam-field": "text", type: "string", maxLength: 128 },
      accountId: { "x-kam-field": "text", type: "string", maxLength: 128 },
    },
  },
  uiSchema: { fields: { name: { label: t("名称", "Name") } } },
  rules: {},
};

/** start → approval (all of `approvers`; nobody found: approve) → end. */
export function approvalOf(key: string, approvers: readonly ApproverSpec[]) {
  return {
    kind: "flow",
    key,
    name: t("审批", "Approval"),
    form: "account",
    trigger: { type: "manual" },
    variables: { chosen: { type: "users", input: true, label: t("自选", "Chosen") } },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
      {
        id: "approval",
        type: "approval",
        label: t("审批", "Approval"),
        position: at(100),
        config: { approvers, mode: "all", selfApproval: "allow", emptyApprovers: "auto-approve" },
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
      { id: "e1", source: "start", target: "approval" },
      { id: "e2", source: "approval", sourceHandle: "approved", target: "end" },
      { id: "e3", source: "approval", sourceHandle: "rejected", target: "end" },
    ],
  };
}

export interface ApproversOptions {
  readonly initiator?: string;
  readonly data?: object;
  readonly owner?: string;
  /** Flow key; a flow already published under it is reused. */
  readonly key?: string;
  readonly input?: object;
  /** Run on this record instead of a new one. */
  readonly recordId?: string;
}

export interface OrgWorld extends KamWorld {
  /** People by name. */
  readonly p: Readonly<Record<string, string>>;
  /** User ids of the named people, in order. */
  who(...names: string[]): Array<string | undefined>;
  /** Publishes a flow approving by `approvers`, starts it; returns the open tasks' assignees. */
  approversOf(
    approvers: readonly ApproverSpec[],
    options?: ApproversOptions,
  ): Promise<{
    instance: { id: string; status: string };
    record: { id: string };
    assignees: Array<string | null>;
  }>;
}

/** Builds the org world in a fresh workspace of `store`. */
export async function orgWorld(store: Store): Promise<OrgWorld> {
  const world = await kamWorld(store);
  const { engine, ws } = world;
  const p: Record<string, string> = {};
  let flows = 0;
  const person = (name: string, status?: "disabled" | "departed") =>
    engine.users.create(ws, {
      email: `${name}.org@acme.cn`,
      name,
      ...(status ? { status } : {}),
    });
  for (const name of ["staff", "staff2", "rep", "lead", "director", "vp", "ceo", "deputy"]) {
    p[name] = await person(name);
  }
  p.gone = await person("gone", "departed");
  p.off = await person("off", "disabled");
  const team = (key: string, managerId: string, parentId: string | null) =>
    engine.teams.create(ws, { key, name: key, managerId, parentId });
  const company = await team("company", p.ceo!, null);
  const region = await team("region", p.vp!, company);
  const sales = await team("sales", p.director!, region);
  const east = await team("east", p.lead!, sales);
  const west = await team("west", p.gone!, sales);
  const join = (userId: string, teamId: string) =>
    engine.memberships.add(ws, { userId, teamId, role: "member" });
  await join(p.staff!, east);
  await join(p.lead!, east);
  await join(p.staff2!, west);
  await join(p.rep!, sales);
  await join(p.director!, sales);
  await join(p.vp!, region);
  await engine.roles.grant(ws, { userId: p.director!, role: "sales-director" });
  await engine.roles.grant(ws, { userId: p.vp!, role: "vp" });
  await engine.definitions.publish(ws, accountForm);

  async function approversOf(approvers: readonly ApproverSpec[], options: ApproversOptions = {}) {
    const key = options.key ?? `approval-${++flows}`;
    if (!(await engine.definitions.latest(ws, "flow", key))) {
      await engine.definitions.publish(ws, approvalOf(key, approvers));
    }
    const initiator = options.initiator ?? p.staff!;
    const record = options.recordId
      ? { id: options.recordId }
      : await engine.records.create(
          ws,
          "account",
          { name: "华东客户", ...options.data },
          { actor: initiator, ownerId: options.owner ?? initiator },
        );
    const instance = await engine.flows.start(ws, key, {
      actor: initiator,
      recordId: record.id,
      input: { chosen: [], ...options.input },
    });
    const tasks = await engine.instances.tasks(ws, instance.id);
    const open = tasks.filter((task) => task.status === "open");
    return { instance, record, assignees: open.map((task) => task.assigneeId) };
  }
  const who = (...names: string[]) => names.map((name) => p[name]);
  return { ...world, p, who, approversOf };
}
