/**
 * @module flows/interpreter/sla/levels
 * A deadline of an SLA clock fell due. The target marks the work breached. A level acts on the
 * node's open tasks: `remind` their holders, `notify` its targets, `escalate` (its targets may act
 * on the tasks too, in the holders' place), `reassign` (its targets replace the holders),
 * `auto-approve` / `auto-reject` (the tasks are decided by the system, as if each holder had).
 * A warning level also marks the tasks at risk. A repeating level schedules its next firing
 * `every` after this one, on the level's calendar.
 */
import { ptrAt } from "../../../errors/index.ts";
import type { TaskCompletedEvent } from "../../model/events.ts";
import type { JsonObject } from "../../model/json.ts";
import type { SlaClock, SlaDeadline, Token } from "../../model/state.ts";
import { claimWait } from "../claim.ts";
import { resume } from "../drain.ts";
import type { IndexedNode } from "../flow-index.ts";
import { nodeContext } from "../node-context.ts";
import { log, putToken, type Run } from "../run.ts";
import { scheduleDeadline, slaOf, slaState, TARGET, taskDueAt, updateTasks } from "./clock.ts";

/** The path whose SLA clock owns `timerId`, if any. */
export function slaTokenOf(run: Run, timerId: string, tokenId?: string): Token | undefined {
  return run.tokens.find(
    (t) =>
      t.status === "waiting" &&
      (tokenId === undefined || t.id === tokenId) &&
      t.wait?.sla?.deadlines.some((d) => d.timerId === timerId),
  );
}

function setClock(run: Run, token: Token, clock: SlaClock): Token {
  const updated: Token = {
    ...token,
    wait: { ...(token.wait ?? { for: "task", since: 0 }), sla: clock },
  };
  putToken(run, updated);
  return updated;
}

/** Decides each still-open task of the path as the system, one after another. */
function autoDecide(run: Run, token: Token, outcome: "approve" | "reject"): void {
  for (const taskId of [...(token.wait?.tasks ?? [])]) {
    const current = run.tokens.find((t) => t.id === token.id);
    if (current?.status !== "waiting" || current.activation !== token.activation) return;
    const claimed = claimWait(run, "tasks", taskId, token.id);
    if (!claimed) continue;
    run.effects.push({
      type: "task.update",
      taskId,
      tokenId: token.id,
      nodeId: token.nodeId,
      complete: { outcome, auto: "sla" },
    });
    log(run, { type: "task.completed", taskId, outcome, actor: "system", auto: "sla" }, claimed);
    const event: TaskCompletedEvent = {
      type: "task.completed",
      taskId,
      tokenId: token.id,
      outcome,
      actor: "system",
      auto: "sla",
    };
    resume(run, claimed, event);
  }
}

/** Fires the deadline `timerId` of `token`'s clock. */
export function fireSla(run: Run, token: Token, at: IndexedNode, timerId: string): void {
  const clock = token.wait?.sla;
  const sla = slaOf(at);
  const deadline = clock?.deadlines.find((d) => d.timerId === timerId);
  if (!clock || !sla || !deadline) return;
  const rest = clock.deadlines.filter((d) => d !== deadline);
  const tasks = [...(token.wait?.tasks ?? [])];

  if (deadline.level === TARGET) {
    const breached = setClock(run, token, { ...clock, deadlines: rest, breached: true });
    log(run, { type: "sla.breached", dueAt: deadline.dueAt ?? run.ctx.now }, breached);
    updateTasks(run, breached, tasks, { sla: "breached" });
    return;
  }

  const level = sla.levels[deadline.level];
  if (!level) return;
  const firing = deadline.fired + 1;
  const maxFirings = level.repeat ? 1 + (level.repeat.times ?? 3) : 1;
  const ctx = nodeContext(run, token, at);
  const levelPointer = ptrAt(at.pointer, "config", "sla", "levels", deadline.level);
  let next: SlaDeadline | undefined;
  if (level.repeat && firing < maxFirings) {
    const pointer = ptrAt(levelPointer, "repeat", "every");
    const dueAt = ctx.dueAt(level.repeat.every, deadline.calendar, pointer);
    next = scheduleDeadline(run, token, { ...deadline, fired: firing }, dueAt);
  }
  const updated: SlaClock = {
    ...clock,
    deadlines: next ? [...rest, next] : rest,
    warning: clock.warning || level.warning === true,
  };
  const current = setClock(run, token, updated);

  const users =
    "to" in level && level.to ? [...ctx.resolve(level.to, ptrAt(levelPointer, "to"))] : undefined;
  log(
    run,
    {
      type: "sla.level",
      level: deadline.level,
      action: level.action,
      firing,
      tasks,
      ...(users ? { users } : {}),
      ...(level.warning ? { warning: true } : {}),
      ...(next?.dueAt === undefined ? {} : { nextDueAt: next.dueAt }),
    },
    current,
  );
  if (level.warning) updateTasks(run, current, tasks, { sla: slaState(updated) });
  const message: JsonObject = level.message === undefined ? {} : { message: level.message };
  const notify = (event: string, to: readonly string[] | undefined) => {
    run.effects.push({
      type: "outbox.enqueue",
      messageId: ctx.newId("message"),
      kind: "notification",
      idempotencyKey: ctx.idempotencyKey(`sla-${deadline.level}-${firing}`),
      payload: {
        event,
        tasks,
        ...(to ? { to: [...to] } : {}),
        level: deadline.level,
        firing,
        nodeId: at.node.id,
        ...message,
      },
      tokenId: token.id,
      nodeId: token.nodeId,
    });
  };
  switch (level.action) {
    case "remind":
      // Addressed to the tasks: the runtime sends it to whoever holds each one at that moment.
      notify("sla.remind", undefined);
      return;
    case "notify":
      if (users && users.length > 0) notify("sla.notify", users);
      return;
    case "escalate":
      if (users && users.length > 0) {
        updateTasks(run, current, tasks, { addAssignees: users, dueAt: taskDueAt(updated) });
        notify("sla.escalated", users);
      }
      return;
    case "reassign":
      if (users && users.length > 0) {
        updateTasks(run, current, tasks, { assignees: users, dueAt: taskDueAt(updated) });
        notify("sla.reassigned", users);
      }
      return;
    case "auto-approve":
      autoDecide(run, current, "approve");
      return;
    case "auto-reject":
      autoDecide(run, current, "reject");
      return;
  }
}
