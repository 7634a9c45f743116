/**
 * @module runtime/tasks
 * Acting on tasks: the inbox, and completing a task (a task node's form, or an approver's
 * approve/reject). Exactly one of two concurrent completions wins; the other gets STORE_CONFLICT.
 */

import { KamError } from "../errors/index.ts";
import type { JsonObject } from "../flows/index.ts";
import {
  getRecord,
  listInbox,
  requireInstance,
  requireTask,
  type StoredTask,
  updateTask,
} from "../store/index.ts";
import { runCommand } from "./command.ts";
import type { Instance, Runtime, Trx } from "./context.ts";
import { noteTask } from "./effects.ts";
import {
  type AvailableActions,
  availableActions,
  checkCompletion,
  checkSelfApproval,
  taskNode,
  withoutHidden,
} from "./task-policy.ts";

export interface CompleteTask {
  readonly workspaceId: string;
  readonly taskId: string;
  readonly actor: string;
  /** `complete` for form tasks; `approve`, `reject` or `return` (with `returnTo`) for approvals. */
  readonly outcome: "approve" | "reject" | "complete" | "return";
  /** With `return`: the earlier node to send the request back to (one the node allows). */
  readonly returnTo?: string;
  readonly data?: JsonObject;
  readonly comment?: string;
  /** The task version the actor saw; a newer one means someone else acted first. */
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
}

/** Whether `actor` holds the task: its assignee, or one of its candidates. */
export function mayAct(task: StoredTask, actor: string): boolean {
  if (task.assigneeId) return task.assigneeId === actor;
  // A task nobody holds is nobody's to act on (it never was everyone's).
  return task.candidates.includes(actor);
}

/**
 * An open task `actor` holds, with its instance.
 * @throws KamError RUNTIME_TASK_NOT_OPEN, RUNTIME_NOT_ASSIGNEE, STORE_NOT_FOUND.
 */
export async function heldTask(
  trx: Trx,
  workspaceId: string,
  taskId: string,
  actor: string,
): Promise<{ task: StoredTask; instance: Instance }> {
  const task = await requireTask(trx, { workspaceId, id: taskId });
  if (task.status !== "open" && task.status !== "claimed") {
    throw new KamError("RUNTIME_TASK_NOT_OPEN", "", { status: task.status });
  }
  if (!mayAct(task, actor)) throw new KamError("RUNTIME_NOT_ASSIGNEE", "");
  const instance = (await requireInstance(trx, { workspaceId, id: task.instanceId })) as Instance;
  return { task, instance };
}

/** Completes a task and advances its instance, in one transaction. */
export function completeTask(rt: Runtime, command: CompleteTask): Promise<Instance> {
  return runCommand(
    rt,
    {
      workspaceId: command.workspaceId,
      name: "task.complete",
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
      // The record is read only to check required fields against what it already holds.
      const needsRecord = Object.values(node.config.fields ?? {}).includes("required");
      const record =
        needsRecord && instance.recordId
          ? await getRecord(trx, { workspaceId: command.workspaceId, id: instance.recordId })
          : undefined;
      checkCompletion(node, task, command, (record?.data as JsonObject | undefined) ?? null);
      // Rejecting or returning one's own request is fine; approving it is not (unless allowed).
      if (command.outcome === "approve")
        checkSelfApproval(node, command.actor, instance.initiatorId);
      noteTask(rt, trx, task, "closed");
      await updateTask(trx, {
        workspaceId: command.workspaceId,
        id: task.id,
        expectedVersion: command.expectedVersion ?? task.version,
        patch: {
          status: "completed",
          outcome: command.outcome,
          completedAt: now,
          completedBy: command.actor,
        },
        now,
      });
      return rt.advance(trx, instance, {
        type: "task.completed",
        taskId: task.id,
        tokenId: task.tokenId,
        outcome: command.outcome,
        actor: command.actor,
        ...(command.returnTo ? { returnTo: command.returnTo } : {}),
        ...(command.data ? { data: command.data } : {}),
        ...(command.comment ? { comment: command.comment } : {}),
      });
    },
  );
}

/** A user's open tasks, soonest due first. */
export function inbox(rt: Runtime, workspaceId: string, userId: string): Promise<StoredTask[]> {
  return listInbox(rt.store.db, {
    workspaceId,
    assigneeId: userId,
    candidatesOn: rt.store.dialect,
  });
}

/** A task as the person working on it sees it. */
export interface TaskView {
  readonly task: StoredTask;
  /** The record without the fields the node hides; null for record-less flows. */
  readonly record: { readonly id: string; readonly form: string; readonly data: JsonObject } | null;
  /** Field permissions of the node (fields not listed are read-only). */
  readonly fields: Readonly<Record<string, string>>;
  readonly actions: AvailableActions;
}

/**
 * A task with its record (hidden fields removed) and what its node allows. Who may look at the
 * task at all is the server's row-level decision.
 */
export async function viewTask(
  rt: Runtime,
  key: { workspaceId: string; taskId: string },
): Promise<TaskView> {
  const db = rt.store.db;
  const task = await requireTask(db, { workspaceId: key.workspaceId, id: key.taskId });
  const instance = await requireInstance(db, { workspaceId: key.workspaceId, id: task.instanceId });
  const node = await taskNode(rt, db, task, instance.definitionId);
  const stored = instance.recordId
    ? await getRecord(db, { workspaceId: key.workspaceId, id: instance.recordId })
    : undefined;
  return {
    task,
    record: stored
      ? {
          id: stored.id,
          form: stored.formKey,
          data: withoutHidden(stored.data as JsonObject, node),
        }
      : null,
    fields: node.config.fields ?? {},
    actions: availableActions(node, task),
  };
}

/**
 * Claims a pool task (认领): one of its candidates becomes its only holder, and the others no
 * longer see it. Two people claiming at once: one wins, the other gets STORE_CONFLICT. A claimed
 * task can be released back to the pool by its holder.
 */
export function claimTask(
  rt: Runtime,
  command: { workspaceId: string; taskId: string; actor: string; release?: boolean },
): Promise<StoredTask> {
  return runCommand(rt, { workspaceId: command.workspaceId, name: "task.claim" }, async (trx) => {
    const now = rt.clock.now();
    const task = await requireTask(trx, { workspaceId: command.workspaceId, id: command.taskId });
    const pool = ((task.data ?? {}) as { pool?: string[] }).pool ?? task.candidates;
    if (command.release) {
      if (task.status !== "claimed" || task.assigneeId !== command.actor)
        throw new KamError("RUNTIME_NOT_ASSIGNEE", "");
      const released = await updateTask(trx, {
        workspaceId: command.workspaceId,
        id: task.id,
        expectedVersion: task.version,
        patch: { status: "open", assigneeId: null, candidates: pool },
        now,
      });
      noteTask(rt, trx, released, "updated", pool);
      return released;
    }
    if (task.status !== "open" || task.assigneeId !== null) {
      throw new KamError("RUNTIME_TASK_NOT_OPEN", "", { status: task.status });
    }
    if (!task.candidates.includes(command.actor)) throw new KamError("RUNTIME_NOT_ASSIGNEE", "");
    const claimed = await updateTask(trx, {
      workspaceId: command.workspaceId,
      id: task.id,
      expectedVersion: task.version,
      patch: {
        status: "claimed",
        assigneeId: command.actor,
        candidates: [command.actor],
        data: { ...(task.data as object), pool: task.candidates },
      },
      now,
    });
    noteTask(rt, trx, claimed, "updated", task.candidates);
    return claimed;
  });
}
