/**
 * @module runtime/task-actions
 * Actions on tasks and requests that need no new interpreter state: transfer a task (转交),
 * comment, withdraw a request before its first approver acted (撤回), and remind the people a
 * request waits on (催办) at most once per interval. Each is one transaction with an entry in the
 * instance history and an audit event. Each is checked against the task's node (./task-policy).
 * Return, add signer and "waiting for customer" change the interpreter's state: see ./tasks and
 * ./approval-actions.
 */
import { KamError } from "../errors/index.ts";
import {
  appendAudit,
  appendHistory,
  enqueueOutbox,
  listInstanceTasks,
  nextHistorySeq,
  requireInstance,
  requireTask,
  updateTask,
} from "../store/index.ts";
import { addDuration, parseDuration } from "../tiers/index.ts";
import { runCommand } from "./command.ts";
import type { Instance, Runtime, Trx } from "./context.ts";
import { noteTask } from "./effects.ts";
import { checkTransfer, checkWithdraw, remindInterval, taskNode } from "./task-policy.ts";

const MAX_COMMENT = 2000;
const DEFAULT_REMIND_INTERVAL = 3_600_000;

async function logEntry(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  instanceId: string,
  entry: { kind: string; nodeId: string | null; actor: string; data: Record<string, unknown> },
): Promise<void> {
  const now = rt.clock.now();
  const seq = await nextHistorySeq(trx, { workspaceId, instanceId });
  await appendHistory(trx, workspaceId, [
    {
      instanceId,
      seq,
      at: now,
      kind: entry.kind,
      nodeId: entry.nodeId,
      data: { actor: entry.actor, ...entry.data },
    },
  ]);
  await appendAudit(trx, {
    workspaceId,
    at: now,
    actorId: entry.actor,
    action: entry.kind,
    entityKind: "instance",
    entityId: instanceId,
    after: entry.data,
  });
}

/** Hands an open task to another active user; only its assignee (or a candidate) may. */
export function transferTask(
  rt: Runtime,
  command: {
    workspaceId: string;
    taskId: string;
    actor: string;
    to: string;
    comment?: string;
    idempotencyKey?: string;
  },
) {
  return runCommand(
    rt,
    {
      workspaceId: command.workspaceId,
      name: "task.transfer",
      idempotencyKey: command.idempotencyKey,
      request: command,
    },
    async (trx) => {
      const now = rt.clock.now();
      const task = await requireTask(trx, { workspaceId: command.workspaceId, id: command.taskId });
      if (task.status !== "open" && task.status !== "claimed") {
        throw new KamError("RUNTIME_TASK_NOT_OPEN", "", { status: task.status });
      }
      const mayAct = task.assigneeId
        ? task.assigneeId === command.actor
        : task.candidates.includes(command.actor);
      if (!mayAct) throw new KamError("RUNTIME_NOT_ASSIGNEE", "");
      const instance = await requireInstance(trx, {
        workspaceId: command.workspaceId,
        id: task.instanceId,
      });
      checkTransfer(await taskNode(rt, trx, task, instance.definitionId));
      const target = await trx
        .selectFrom("users")
        .select("status")
        .where("workspace_id", "=", command.workspaceId)
        .where("id", "=", command.to)
        .executeTakeFirst();
      if (target?.status !== "active" || command.to === command.actor) {
        throw new KamError("RUNTIME_TRANSFER_TARGET_INVALID", "/to", { user: command.to });
      }
      const updated = await updateTask(trx, {
        workspaceId: command.workspaceId,
        id: task.id,
        expectedVersion: task.version,
        patch: { assigneeId: command.to, candidates: [command.to] },
        now,
      });
      noteTask(rt, trx, updated, "updated", [command.actor]);
      await logEntry(rt, trx, command.workspaceId, task.instanceId, {
        kind: "task.transferred",
        nodeId: task.nodeId,
        actor: command.actor,
        data: {
          taskId: task.id,
          from: command.actor,
          to: command.to,
          ...(command.comment ? { comment: command.comment } : {}),
        },
      });
      // The node learns who holds the task now (an approval asks them, not the former holder,
      // if it asks this approver again).
      await rt.advance(trx, instance as Instance, {
        type: "task.transferred",
        taskId: task.id,
        tokenId: task.tokenId,
        from: command.actor,
        to: command.to,
        actor: command.actor,
      });
      return updated;
    },
  );
}

/** Adds a comment to a request's history (optionally about one task). */
export function commentOn(
  rt: Runtime,
  command: {
    workspaceId: string;
    instanceId: string;
    actor: string;
    text: string;
    taskId?: string;
  },
) {
  if (command.text.trim().length === 0 || command.text.length > MAX_COMMENT) {
    throw new KamError("RUNTIME_COMMENT_INVALID", "/text", { max: MAX_COMMENT });
  }
  return runCommand(
    rt,
    { workspaceId: command.workspaceId, name: "instance.comment" },
    async (trx) => {
      await requireInstance(trx, { workspaceId: command.workspaceId, id: command.instanceId });
      await logEntry(rt, trx, command.workspaceId, command.instanceId, {
        kind: "comment.added",
        nodeId: null,
        actor: command.actor,
        data: { text: command.text, ...(command.taskId ? { taskId: command.taskId } : {}) },
      });
    },
  );
}

/** The initiator withdraws a request; allowed until the first approver acted. */
export function withdrawInstance(
  rt: Runtime,
  command: {
    workspaceId: string;
    instanceId: string;
    actor: string;
    reason?: string;
    idempotencyKey?: string;
  },
): Promise<Instance> {
  return runCommand(
    rt,
    {
      workspaceId: command.workspaceId,
      name: "instance.withdraw",
      idempotencyKey: command.idempotencyKey,
      request: command,
    },
    async (trx) => {
      const instance = (await requireInstance(trx, {
        workspaceId: command.workspaceId,
        id: command.instanceId,
      })) as Instance;
      if (instance.initiatorId !== command.actor) throw new KamError("RUNTIME_NOT_INITIATOR", "");
      if (instance.status === "completed" || instance.status === "cancelled") {
        throw new KamError("RUNTIME_INSTANCE_ENDED", "", { status: instance.status });
      }
      const tasks = await listInstanceTasks(trx, {
        workspaceId: command.workspaceId,
        instanceId: instance.id,
      });
      if (tasks.some((t) => t.kind === "approval" && t.status === "completed")) {
        throw new KamError("RUNTIME_WITHDRAW_TOO_LATE", "");
      }
      for (const task of tasks.filter((t) => t.status === "open" || t.status === "claimed"))
        checkWithdraw(await taskNode(rt, trx, task, instance.definitionId));
      await logEntry(rt, trx, command.workspaceId, instance.id, {
        kind: "instance.withdrawn",
        nodeId: null,
        actor: command.actor,
        data: command.reason ? { reason: command.reason } : {},
      });
      return rt.advance(trx, instance, {
        type: "cancel",
        reason: "withdrawn",
        actor: command.actor,
      });
    },
  );
}

/**
 * The initiator reminds the people the request waits on, at most once per interval: the longest
 * `actions.remind.minInterval` of the nodes waiting, else `intervalMs` (default one hour).
 */
export function remind(
  rt: Runtime,
  command: { workspaceId: string; instanceId: string; actor: string; intervalMs?: number },
): Promise<{ readonly reminded: readonly string[] }> {
  return runCommand(
    rt,
    { workspaceId: command.workspaceId, name: "instance.remind" },
    async (trx) => {
      const now = rt.clock.now();
      const instance = await requireInstance(trx, {
        workspaceId: command.workspaceId,
        id: command.instanceId,
      });
      if (instance.initiatorId !== command.actor) throw new KamError("RUNTIME_NOT_INITIATOR", "");
      const open = (
        await listInstanceTasks(trx, { workspaceId: command.workspaceId, instanceId: instance.id })
      ).filter((t) => t.status === "open" || t.status === "claimed");
      let interval = command.intervalMs ?? DEFAULT_REMIND_INTERVAL;
      let configured: number | undefined;
      for (const task of open) {
        const text = remindInterval(await taskNode(rt, trx, task, instance.definitionId));
        const parsed = text ? parseDuration(text) : null;
        if (parsed) configured = Math.max(configured ?? 0, addDuration(now, parsed) - now);
      }
      if (configured !== undefined) interval = configured;
      const last = await trx
        .selectFrom("instance_history")
        .select((eb) => eb.fn.max("at").as("at"))
        .where("workspace_id", "=", command.workspaceId)
        .where("instance_id", "=", instance.id)
        .where("kind", "=", "reminder.sent")
        .executeTakeFirst();
      const lastAt = last?.at === null || last?.at === undefined ? null : Number(last.at);
      if (lastAt !== null && now - lastAt < interval) {
        throw new KamError("RUNTIME_REMIND_TOO_SOON", "", {
          nextAt: new Date(lastAt + interval).toISOString(),
        });
      }
      const people = [
        ...new Set(open.flatMap((t) => (t.assigneeId ? [t.assigneeId] : t.candidates))),
      ];
      for (const user of people) {
        await enqueueOutbox(trx, {
          workspaceId: command.workspaceId,
          instanceId: instance.id,
          kind: "notification",
          payload: { type: "reminder", to: user, instanceId: instance.id, from: command.actor },
          idempotencyKey: `${instance.id}:remind:${now}:${user}`,
          now,
        });
      }
      await logEntry(rt, trx, command.workspaceId, instance.id, {
        kind: "reminder.sent",
        nodeId: null,
        actor: command.actor,
        data: { to: people },
      });
      return { reminded: people };
    },
  );
}
