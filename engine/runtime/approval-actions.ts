/**
 * @module runtime/approval-actions
 * Task actions that change the interpreter's state besides completing: adding signers to an
 * approval (加签) and marking a task "waiting for customer", which pauses its SLA clock. Each is
 * checked against the task's node (see ./task-policy) and then applied as one step.
 */
import { KamError } from "../errors/index.ts";
import { type StoredTask, updateTask } from "../store/index.ts";
import { runCommand } from "./command.ts";
import type { Instance, Runtime } from "./context.ts";
import { noteTask } from "./effects.ts";
import { checkAddSigner, checkPause, checkSelfApproval, taskNode } from "./task-policy.ts";
import { heldTask } from "./tasks.ts";

/** Most signers one action may add. */
const MAX_SIGNERS = 20;

const REASONS = {
  inactive: { "zh-CN": "不是本工作区的在职用户", en: "not an active user of this workspace" },
  self: { "zh-CN": "不能加签自己", en: "you cannot add yourself" },
  taken: { "zh-CN": "已参与该节点的审批", en: "already takes part in this approval" },
} as const;

/** Who already takes part in the approval the task belongs to (approvers and signers). */
function participantsOf(instance: Instance, task: StoredTask): Set<string> {
  const token = instance.state.tokens.find((t) => t.id === task.tokenId);
  const tally = (token?.wait?.data ?? {}) as {
    approvers?: readonly string[];
    signers?: ReadonlyArray<{ user: string }>;
  };
  return new Set([...(tally.approvers ?? []), ...(tally.signers ?? []).map((s) => s.user)]);
}

export interface AddSigners {
  readonly workspaceId: string;
  readonly taskId: string;
  readonly actor: string;
  /** `before`: the signers decide first, then the actor again; `after`: the actor approves now. */
  readonly position: "before" | "after";
  readonly users: readonly string[];
  readonly comment?: string;
  readonly idempotencyKey?: string;
}

/** 加签: adds signers before or after the approver holding the task. */
export function addSigners(rt: Runtime, command: AddSigners): Promise<Instance> {
  return runCommand(
    rt,
    {
      workspaceId: command.workspaceId,
      name: "task.add-signers",
      idempotencyKey: command.idempotencyKey,
      request: { ...command, idempotencyKey: undefined },
    },
    async (trx) => {
      const now = rt.clock.now();
      const { task, instance } = await heldTask(
        trx,
        command.workspaceId,
        command.taskId,
        command.actor,
      );
      const node = await taskNode(rt, trx, task, instance.definitionId);
      checkAddSigner(node, command.position);
      // Signers after oneself: adding them approves this step now.
      if (command.position === "after")
        checkSelfApproval(node, command.actor, instance.initiatorId);
      if (command.users.length === 0) throw new KamError("SHAPE_TOO_FEW", "/users", { limit: 1 });
      if (command.users.length > MAX_SIGNERS)
        throw new KamError("SHAPE_TOO_MANY", "/users", { limit: MAX_SIGNERS });
      const taken = participantsOf(instance, task);
      const active = new Set(
        (
          await trx
            .selectFrom("users")
            .select("id")
            .where("workspace_id", "=", command.workspaceId)
            .where("status", "=", "active")
            .where("id", "in", [...command.users])
            .execute()
        ).map((u) => u.id),
      );
      for (const [i, user] of command.users.entries()) {
        const reason =
          user === command.actor
            ? REASONS.self
            : !active.has(user)
              ? REASONS.inactive
              : taken.has(user)
                ? REASONS.taken
                : undefined;
        if (reason) throw new KamError("RUNTIME_SIGNER_INVALID", `/users/${i}`, { user, reason });
      }
      noteTask(rt, trx, task, "closed");
      await updateTask(trx, {
        workspaceId: command.workspaceId,
        id: task.id,
        expectedVersion: task.version,
        patch: {
          status: "completed",
          outcome: command.position === "after" ? "approve" : "add-signer-before",
          completedAt: now,
          completedBy: command.actor,
        },
        now,
      });
      return rt.advance(trx, instance, {
        type: "task.signers",
        taskId: task.id,
        tokenId: task.tokenId,
        position: command.position,
        users: [...new Set(command.users)],
        actor: command.actor,
        ...(command.comment ? { comment: command.comment } : {}),
      });
    },
  );
}

export interface SetWaitingForCustomer {
  readonly workspaceId: string;
  readonly taskId: string;
  readonly actor: string;
  /** True pauses the task's SLA clock; false resumes it with the time that was left. */
  readonly waiting: boolean;
  readonly reason?: string;
}

const CLOCK_STATES = {
  paused: { "zh-CN": "暂停", en: "paused" },
  running: { "zh-CN": "计时", en: "running" },
} as const;

/** Marks a task "waiting for customer" (pausing its SLA clock) or resumes it. */
export function setWaitingForCustomer(
  rt: Runtime,
  command: SetWaitingForCustomer,
): Promise<Instance> {
  return runCommand(
    rt,
    { workspaceId: command.workspaceId, name: "task.waiting-for-customer" },
    async (trx) => {
      const { task, instance } = await heldTask(
        trx,
        command.workspaceId,
        command.taskId,
        command.actor,
      );
      checkPause(await taskNode(rt, trx, task, instance.definitionId));
      const clock = instance.state.tokens.find((t) => t.id === task.tokenId)?.wait?.sla;
      if (!clock) throw new KamError("RUNTIME_SLA_NOT_PAUSABLE", "");
      if ((clock.paused !== undefined) === command.waiting) {
        throw new KamError("RUNTIME_SLA_PAUSE_STATE", "/waiting", {
          state: command.waiting ? CLOCK_STATES.paused : CLOCK_STATES.running,
        });
      }
      return rt.advance(trx, instance, {
        type: "sla.pause",
        taskId: task.id,
        paused: command.waiting,
        actor: command.actor,
        ...(command.reason ? { reason: command.reason } : {}),
      });
    },
  );
}
