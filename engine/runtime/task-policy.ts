/**
 * @module runtime/task-policy
 * What a person may do on a task, read from the node the task belongs to in the definition
 * version its instance is pinned to: which outcomes a task takes, whether rejecting, returning,
 * transferring, adding signers or pausing the clock is allowed, which comments are required and
 * which record fields the person may write. Every refusal is a KamError with a code, a pointer
 * into the command and localized parameters, raised before anything is written.
 */
import type { FlowNode } from "../../schemas/index.ts";
import { KamError } from "../errors/index.ts";
import type { FieldPermission, JsonObject } from "../flows/index.ts";
import type { Db, StoredTask } from "../store/index.ts";
import type { Runtime } from "./context.ts";

/** Actions a node may allow, with their names in both locales for messages. */
const ACTION_NAMES = {
  reject: { "zh-CN": "拒绝", en: "rejecting" },
  return: { "zh-CN": "退回", en: "returning the request" },
  transfer: { "zh-CN": "转交", en: "transferring the task" },
  "add-signer-before": { "zh-CN": "前加签", en: "adding a signer before you" },
  "add-signer-after": { "zh-CN": "后加签", en: "adding a signer after you" },
  withdraw: { "zh-CN": "撤回", en: "withdrawing the request" },
} as const;

const DECISION_NAMES = {
  approve: { "zh-CN": "同意", en: "approve" },
  reject: { "zh-CN": "拒绝", en: "reject" },
  return: { "zh-CN": "退回", en: "return" },
} as const;

const KIND_NAMES = {
  task: { "zh-CN": "普通", en: "form" },
  approval: { "zh-CN": "审批", en: "approval" },
} as const;

/** Config keys of the approval and task nodes this module reads (the schema has the rest). */
interface PolicyConfig {
  readonly actions?: {
    readonly reject?: boolean;
    readonly return?: { readonly targets: readonly string[] };
    readonly transfer?: boolean;
    readonly addSigner?: readonly ("before" | "after")[];
    readonly commentRequired?: readonly ("approve" | "reject" | "return")[];
    readonly withdraw?: boolean;
    readonly remind?: { readonly minInterval: string };
  };
  readonly allowTransfer?: boolean;
  readonly form?: string;
  readonly fields?: Readonly<Record<string, FieldPermission>>;
  readonly sla?: { readonly allowPause?: boolean };
  readonly selfApproval?: "skip" | "forbid" | "allow";
}

/** The node a task belongs to, as its instance's definition version has it. */
export interface TaskNode {
  readonly type: string;
  readonly id: string;
  readonly config: PolicyConfig;
}

/** Loads the node of `task` from the definition version of its instance. */
export async function taskNode(
  rt: Runtime,
  db: Db,
  task: StoredTask,
  definitionId: string,
): Promise<TaskNode> {
  const { flow } = await rt.definitions.flow(db, task.workspaceId, definitionId);
  const node = flow.nodes.find((n: FlowNode) => n.id === task.nodeId);
  if (!node)
    throw new Error(`Task ${task.id} belongs to node ${task.nodeId}, which its flow lacks`);
  return { type: node.type, id: node.id, config: (node.config ?? {}) as PolicyConfig };
}

function refuse(action: keyof typeof ACTION_NAMES, pointer = ""): never {
  throw new KamError("RUNTIME_ACTION_NOT_ALLOWED", pointer, { action: ACTION_NAMES[action] });
}

/** What completing a task asks for. */
export interface Completion {
  readonly outcome: "approve" | "reject" | "complete" | "return";
  readonly returnTo?: string;
  readonly comment?: string;
  readonly data?: JsonObject;
}

const top = (path: string) => path.split(".")[0] ?? path;
const filled = (v: unknown) =>
  v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

/**
 * Checks the record fields a completion writes against the node's field permissions: every field
 * written must be editable (or required), and every required field must end up filled.
 */
function checkFields(node: TaskNode, completion: Completion, record: JsonObject | null): void {
  const fields = node.config.fields;
  // A task with a form of its own keeps its data as output: its fields are the form's, not the record's.
  if (!fields || (node.type === "task" && node.config.form !== undefined)) return;
  const data = completion.data ?? {};
  const writable = Object.entries(fields)
    .filter(([, p]) => p === "editable" || p === "required")
    .map(([path]) => path);
  for (const key of Object.keys(data)) {
    const allowed = writable.some((path) => path === key || top(path) === key);
    if (!allowed) throw new KamError("RUNTIME_FIELD_NOT_EDITABLE", `/data/${key}`, { field: key });
  }
  if (completion.outcome === "reject" || completion.outcome === "return") return;
  for (const [path, permission] of Object.entries(fields)) {
    if (permission !== "required") continue;
    const value = valueAt(data, path) ?? valueAt(record ?? {}, path);
    if (!filled(value))
      throw new KamError("RUNTIME_FIELD_REQUIRED", `/data/${path.split(".").join("/")}`, {
        field: path,
      });
  }
}

function valueAt(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = Object.hasOwn(current, segment)
      ? (current as Record<string, unknown>)[segment]
      : undefined;
  }
  return current;
}

const APPROVAL_OUTCOMES: readonly string[] = ["approve", "reject", "return"];

/** Checks a completion against the node; throws the first reason it is not allowed. */
export function checkCompletion(
  node: TaskNode,
  task: StoredTask,
  completion: Completion,
  record: JsonObject | null,
): void {
  const approval = task.kind === "approval";
  // Exactly the decisions each kind takes: an unknown word (say "rejected") must not pass for
  // an approval because it is not "reject".
  const valid = approval
    ? APPROVAL_OUTCOMES.includes(completion.outcome)
    : completion.outcome === "complete";
  if (!valid) {
    throw new KamError("RUNTIME_OUTCOME_INVALID", "/outcome", {
      outcome: completion.outcome,
      kind: KIND_NAMES[task.kind],
    });
  }
  const actions = node.config.actions ?? {};
  if (completion.outcome === "reject" && actions.reject === false) refuse("reject", "/outcome");
  if (completion.outcome === "return") {
    const targets = actions.return?.targets ?? [];
    if (targets.length === 0) refuse("return", "/outcome");
    if (!completion.returnTo || !targets.includes(completion.returnTo)) {
      throw new KamError("RUNTIME_RETURN_TARGET_INVALID", "/returnTo", {
        target: completion.returnTo ?? "",
        targets: targets.join(", "),
      });
    }
  }
  const decision = completion.outcome;
  if (
    decision !== "complete" &&
    actions.commentRequired?.includes(decision) &&
    !completion.comment?.trim()
  ) {
    throw new KamError("RUNTIME_COMMENT_REQUIRED", "/comment", {
      decision: DECISION_NAMES[decision],
    });
  }
  checkFields(node, completion, record);
}

/** Whether the node lets its task be transferred (approvals: off unless enabled). */
export function checkTransfer(node: TaskNode): void {
  const allowed =
    node.type === "approval"
      ? node.config.actions?.transfer === true
      : node.config.allowTransfer !== false;
  if (!allowed) refuse("transfer");
}

/** Whether an approver may add signers at `position`. */
export function checkAddSigner(node: TaskNode, position: "before" | "after"): void {
  const allowed = node.type === "approval" && node.config.actions?.addSigner?.includes(position);
  if (!allowed)
    refuse(position === "before" ? "add-signer-before" : "add-signer-after", "/position");
}

/**
 * Refuses a decision by the request's own initiator on an approval whose node does not allow
 * self-approval. The node leaves the initiator out of its approvers when it is entered, but a
 * task can still reach them later — transferred to them, delegated to them, or them added as a
 * signer — so the decision itself is checked (separation of duties).
 */
export function checkSelfApproval(
  node: TaskNode,
  actor: string,
  initiatorId: string | null | undefined,
): void {
  if (node.type !== "approval" || !initiatorId || actor !== initiatorId) return;
  if (node.config.selfApproval !== "allow") throw new KamError("RUNTIME_SELF_APPROVAL", "");
}

/** Whether the node's SLA clock may be paused ("waiting for customer"). */
export function checkPause(node: TaskNode): void {
  if (node.config.sla?.allowPause !== true) throw new KamError("RUNTIME_SLA_NOT_PAUSABLE", "");
}

/** Whether the node lets the initiator withdraw while it waits (approvals: on unless disabled). */
export function checkWithdraw(node: TaskNode): void {
  if (node.type === "approval" && node.config.actions?.withdraw === false) refuse("withdraw");
}

/** The node's minimum interval between reminders, when it sets one. */
export function remindInterval(node: TaskNode): string | undefined {
  return node.config.actions?.remind?.minInterval;
}

/** What the person holding a task may do on it, for inboxes. */
export interface AvailableActions {
  readonly outcomes: readonly ("approve" | "reject" | "complete" | "return")[];
  readonly returnTargets: readonly string[];
  readonly transfer: boolean;
  readonly addSigner: readonly ("before" | "after")[];
  readonly waitForCustomer: boolean;
  readonly commentRequired: readonly string[];
}

/** The actions `node` allows on `task`. */
export function availableActions(node: TaskNode, task: StoredTask): AvailableActions {
  const actions = node.config.actions ?? {};
  const approval = task.kind === "approval";
  const returnTargets = approval ? (actions.return?.targets ?? []) : [];
  const outcomes: AvailableActions["outcomes"] = approval
    ? [
        "approve",
        ...(actions.reject === false ? [] : (["reject"] as const)),
        ...(returnTargets.length > 0 ? (["return"] as const) : []),
      ]
    : ["complete"];
  let transfer = true;
  try {
    checkTransfer(node);
  } catch {
    transfer = false;
  }
  return {
    outcomes,
    returnTargets,
    transfer,
    addSigner: approval ? (actions.addSigner ?? []) : [],
    waitForCustomer: node.config.sla?.allowPause === true,
    commentRequired: actions.commentRequired ?? [],
  };
}

/** `data` without the fields the node hides (by dotted path). */
export function withoutHidden(data: JsonObject, node: TaskNode): JsonObject {
  const hidden = Object.entries(node.config.fields ?? {})
    .filter(([, p]) => p === "hidden")
    .map(([path]) => path.split("."));
  if (hidden.length === 0) return data;
  const copy = structuredClone(data);
  for (const segments of hidden) {
    let at: unknown = copy;
    for (const segment of segments.slice(0, -1)) {
      at =
        at !== null && typeof at === "object"
          ? (at as Record<string, unknown>)[segment]
          : undefined;
    }
    const last = segments.at(-1);
    if (last !== undefined && at !== null && typeof at === "object")
      delete (at as Record<string, unknown>)[last];
  }
  return copy;
}
