/**
 * @module runtime/effects
 * Performs the effects a step asks for, one handler per effect type (the one place that maps
 * effect types to writes). Writes to other rows happen at once; work that needs this instance's
 * new state saved first is queued as a follow-up (child flows, the parent, triggers).
 */
import type { Effect } from "../flows/index.ts";
import {
  cancelTimer,
  enqueueOutbox,
  getInstance,
  getTask,
  insertTasks,
  type StoredTask,
  scheduleTimer,
  type TaskPatch,
  updateTask,
} from "../store/index.ts";
import type { FollowUp, Instance, Runtime, Trx } from "./context.ts";
import { createRecord, patchRecord } from "./records.ts";

/** What a handler knows about the step it serves. */
export interface EffectScope {
  readonly instance: Instance;
  readonly now: number;
  readonly depth: number;
  readonly flowVersion: number;
  readonly followUps: FollowUp[];
}

type Handlers = {
  readonly [T in Effect["type"]]: (
    rt: Runtime,
    trx: Trx,
    scope: EffectScope,
    effect: Extract<Effect, { type: T }>,
  ) => Promise<void>;
};

const handlers: Handlers = {
  "task.create": async (rt, trx, { instance, now }, e) => {
    rt.changes.note(trx, {
      type: "task.changed",
      workspaceId: instance.workspaceId,
      taskId: e.taskId,
      instanceId: instance.id,
      change: "created",
      holders: e.assignees,
      dueAt: e.dueAt ?? null,
    });
    await insertTasks(trx, [
      {
        id: e.taskId,
        workspaceId: instance.workspaceId,
        instanceId: instance.id,
        tokenId: e.tokenId,
        nodeId: e.nodeId,
        kind: e.kind,
        assigneeId: e.assignment === "single" ? (e.assignees[0] ?? null) : null,
        candidates: e.assignees,
        data: {
          form: e.form ?? null,
          fields: e.fields ?? null,
          sequence: e.sequence ?? null,
          ...(e.sla === undefined ? {} : { sla: e.sla }),
        },
        dueAt: e.dueAt ?? null,
        now,
      },
    ]);
  },
  "task.cancel": async (rt, trx, { instance, now }, e) => {
    const task = await getTask(trx, { workspaceId: instance.workspaceId, id: e.taskId });
    if (!task || (task.status !== "open" && task.status !== "claimed")) return;
    noteTask(rt, trx, task, "closed");
    await updateTask(trx, {
      workspaceId: instance.workspaceId,
      id: task.id,
      expectedVersion: task.version,
      patch: { status: "cancelled", completedAt: now },
      now,
    });
  },
  "task.update": async (rt, trx, { instance, now }, e) => {
    const task = await getTask<Record<string, unknown>>(trx, {
      workspaceId: instance.workspaceId,
      id: e.taskId,
    });
    if (!task || (task.status !== "open" && task.status !== "claimed")) return;
    const patch: Mutable<TaskPatch<Record<string, unknown>>> = {};
    const data = { ...task.data };
    if (e.assignees) {
      patch.candidates = e.assignees;
      patch.assigneeId = e.assignees.length === 1 ? (e.assignees[0] ?? null) : null;
    }
    if (e.addAssignees) {
      const holders = task.assigneeId ? [task.assigneeId] : task.candidates;
      patch.candidates = [...new Set([...holders, ...e.addAssignees])];
      // Several people may now act on it: whoever acts first decides, in the holder's place.
      patch.assigneeId = null;
      data.holder = task.assigneeId ?? data.holder ?? null;
    }
    if (e.dueAt !== undefined) patch.dueAt = e.dueAt;
    if (e.sla) data.sla = e.sla;
    if (e.complete) {
      patch.status = "completed";
      patch.outcome = e.complete.outcome;
      patch.completedAt = now;
      patch.completedBy = null;
      data.auto = e.complete.auto;
    }
    patch.data = data;
    const updated = await updateTask(trx, {
      workspaceId: instance.workspaceId,
      id: task.id,
      expectedVersion: task.version,
      patch,
      now,
    });
    // Whoever held it before and holds it now sees the change (a reassignment moves it).
    noteTask(rt, trx, updated, e.complete ? "closed" : "updated", holdersOfTask(task));
  },
  "timer.schedule": async (_rt, trx, { instance, now }, e) => {
    await scheduleTimer(trx, {
      id: e.timerId,
      workspaceId: instance.workspaceId,
      instanceId: instance.id,
      tokenId: e.tokenId,
      kind: e.kind,
      dueAt: e.dueAt,
      payload: { nodeId: e.nodeId },
      now,
    });
  },
  "timer.cancel": async (_rt, trx, { instance }, e) => {
    await cancelTimer(trx, { workspaceId: instance.workspaceId, id: e.timerId });
  },
  "outbox.enqueue": async (_rt, trx, { instance, now }, e) => {
    // A notification addressed to tasks goes to whoever holds them now (after transfers).
    const to =
      e.kind === "notification" && e.payload.to === undefined && Array.isArray(e.payload.tasks)
        ? await holdersOf(trx, instance.workspaceId, e.payload.tasks as string[])
        : undefined;
    await enqueueOutbox(trx, {
      workspaceId: instance.workspaceId,
      instanceId: instance.id,
      kind: e.kind,
      payload: {
        ...e.payload,
        ...(to ? { to } : {}),
        messageId: e.messageId,
        tokenId: e.tokenId,
        nodeId: e.nodeId,
      },
      idempotencyKey: e.idempotencyKey,
      now,
    });
  },
  "record.update": async (rt, trx, { instance, depth }, e) => {
    await patchRecord(rt, trx, {
      workspaceId: instance.workspaceId,
      recordId: e.recordId,
      patch: e.patch,
      actor: instance.initiatorId,
      byFlow: instance.flowKey,
      byInstance: instance.id,
      depth: depth + 1,
    });
  },
  "record.create": async (rt, trx, { instance, depth }, e) => {
    await createRecord(rt, trx, {
      workspaceId: instance.workspaceId,
      form: e.form,
      data: e.data,
      id: e.recordId,
      actor: instance.initiatorId,
      byFlow: instance.flowKey,
      depth: depth + 1,
    });
  },
  "tier.recompute": async (rt, trx, { instance, depth }, e) => {
    await rt.evaluateTiers(trx, instance.workspaceId, e.recordId, depth + 1);
  },
  "subflow.start": async (rt, trx, { instance, depth, followUps }, e) => {
    followUps.push(async () => {
      await rt.startInstance(
        trx,
        {
          workspaceId: instance.workspaceId,
          flowKey: e.flow,
          id: e.childId,
          input: e.input,
          recordId: e.recordId ?? null,
          initiator: instance.initiatorId,
          parentInstanceId: e.waitForCompletion ? instance.id : null,
        },
        depth + 1,
      );
    });
  },
  "subflow.cancel": async (rt, trx, { instance, depth, followUps }, e) => {
    followUps.push(async () => {
      const child = await getInstance(trx, { workspaceId: instance.workspaceId, id: e.childId });
      if (!child || child.status === "completed" || child.status === "cancelled") return;
      await rt.advance(trx, child as Instance, { type: "cancel", reason: "parent" }, depth + 1);
    });
  },
  "instance.completed": async (rt, trx, { instance, depth, followUps }, e) => {
    followUps.push(async () => {
      if (instance.parentInstanceId) {
        const parent = await getInstance(trx, {
          workspaceId: instance.workspaceId,
          id: instance.parentInstanceId,
        });
        if (parent && parent.status !== "completed" && parent.status !== "cancelled") {
          await rt.advance(
            trx,
            parent as Instance,
            {
              type: "subflow.completed",
              childId: instance.id,
              outcome: e.outcome,
              status: e.status,
              variables: e.variables,
            },
            depth + 1,
          );
        }
      }
      if (e.status === "completed") {
        await rt.fireTriggers(
          trx,
          instance.workspaceId,
          {
            type: "flow.completed",
            flow: instance.flowKey,
            instanceId: instance.id,
            outcome: e.outcome,
            recordId: instance.recordId,
          },
          depth + 1,
        );
      }
    });
  },
  // The incident itself is part of the state the step saves; nothing else to write.
  "incident.raise": async () => {},
  "incident.resolve": async () => {},
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const holdersOfTask = (task: StoredTask) => (task.assigneeId ? [task.assigneeId] : task.candidates);

/** Notes a task change for live updates, to its holders (and `also`, e.g. former holders). */
export function noteTask(
  rt: Runtime,
  trx: Trx,
  task: StoredTask,
  change: "created" | "updated" | "closed",
  also: readonly string[] = [],
): void {
  rt.changes.note(trx, {
    type: "task.changed",
    workspaceId: task.workspaceId,
    taskId: task.id,
    instanceId: task.instanceId,
    change,
    holders: [...new Set([...holdersOfTask(task), ...also])],
    dueAt: task.dueAt,
  });
}

/** The people holding the open ones among `taskIds`, in task order, each once. */
async function holdersOf(trx: Trx, workspaceId: string, taskIds: readonly string[]) {
  const people = new Set<string>();
  for (const id of taskIds) {
    const task = await getTask(trx, { workspaceId, id });
    if (!task || (task.status !== "open" && task.status !== "claimed")) continue;
    for (const user of task.assigneeId ? [task.assigneeId] : task.candidates) people.add(user);
  }
  return [...people];
}

/** Performs one effect of a step. */
export function applyEffect(
  rt: Runtime,
  trx: Trx,
  scope: EffectScope,
  effect: Effect,
): Promise<void> {
  const handler = handlers[effect.type] as (
    rt: Runtime,
    trx: Trx,
    scope: EffectScope,
    effect: Effect,
  ) => Promise<void>;
  return handler(rt, trx, scope, effect);
}
