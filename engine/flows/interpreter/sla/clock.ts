/**
 * @module flows/interpreter/sla/clock
 * The SLA clock of a task or approval node, kept by the interpreter beside the node's own
 * bookkeeping (`wait.sla`) so every node type with an `sla` config behaves the same. The clock
 * starts when the node first waits for people: the target and every level get a timer, due a
 * fixed time after activation (an ISO-8601 duration, or a rule returning one, counted on the
 * natural or the business calendar). Later waits of the same activation carry the clock; leaving
 * the node cancels its timers (through `releaseWait`) and records the target as met.
 */
import type { Sla } from "../../../../schemas/index.ts";
import { KamError, ptrAt } from "../../../errors/index.ts";
import type { Effect, TaskSlaState } from "../../model/effects.ts";
import type { Json } from "../../model/json.ts";
import type { SlaCalendar, SlaClock, SlaDeadline, Token, WaitInfo } from "../../model/state.ts";
import type { NodeContext } from "../../nodes/node-context.ts";
import type { IndexedNode } from "../flow-index.ts";
import { nodeContext } from "../node-context.ts";
import { log, mintId, type Run } from "../run.ts";

/** Index of the target among a clock's deadlines (levels use their index in `sla.levels`). */
export const TARGET = -1;

/** The node's SLA config, if it has one. */
export function slaOf(at: IndexedNode): Sla | undefined {
  return (at.node.config as { sla?: Sla }).sla;
}

/** Timer ids of a wait's SLA clock. */
export function slaTimers(wait: WaitInfo | undefined): string[] {
  const out: string[] = [];
  for (const d of wait?.sla?.deadlines ?? []) if (d.timerId) out.push(d.timerId);
  return out;
}

/** The text of a duration, or what its `{ rule }` returned. @throws KamError if not a string. */
export function durationText(ctx: NodeContext, value: unknown, pointer: string): string {
  const text =
    typeof value === "string"
      ? value
      : ctx.evaluate((value as { rule: unknown }).rule, ptrAt(pointer, "rule"));
  if (typeof text !== "string")
    throw new KamError("FLOW_DURATION_INVALID", pointer, { value: (text ?? null) as Json });
  return text;
}

/** Schedules a deadline's timer at `dueAt`. */
export function scheduleDeadline(
  run: Run,
  token: Token,
  deadline: Pick<SlaDeadline, "level" | "calendar" | "fired">,
  dueAt: number,
): SlaDeadline {
  const timerId = mintId(run, "timer");
  run.effects.push({
    type: "timer.schedule",
    timerId,
    kind: "sla",
    dueAt,
    tokenId: token.id,
    nodeId: token.nodeId,
  });
  return {
    level: deadline.level,
    calendar: deadline.calendar,
    fired: deadline.fired,
    timerId,
    dueAt,
  };
}

/** When the node's tasks are due: the target, else the next level; none while paused. */
export function taskDueAt(clock: SlaClock): number | null {
  if (clock.paused) return null;
  const target = clock.deadlines.find((d) => d.level === TARGET);
  if (target?.dueAt !== undefined) return target.dueAt;
  if (clock.targetDueAt !== undefined) return clock.targetDueAt;
  let soonest: number | null = null;
  for (const d of clock.deadlines) {
    if (d.dueAt !== undefined && (soonest === null || d.dueAt < soonest)) soonest = d.dueAt;
  }
  return soonest;
}

/** The SLA state inboxes show. */
export function slaState(clock: SlaClock): TaskSlaState {
  if (clock.paused) return "paused";
  if (clock.breached) return "breached";
  return clock.warning ? "warning" : "on-track";
}

/** `task.update` effects for every open task of the path. */
export function updateTasks(
  run: Run,
  token: Token,
  tasks: readonly string[],
  change: Omit<Extract<Effect, { type: "task.update" }>, "type" | "taskId" | "tokenId" | "nodeId">,
): void {
  for (const taskId of tasks) {
    run.effects.push({
      type: "task.update",
      taskId,
      tokenId: token.id,
      nodeId: token.nodeId,
      ...change,
    });
  }
}

function startClock(run: Run, token: Token, at: IndexedNode, sla: Sla): SlaClock {
  const ctx = nodeContext(run, token, at);
  const base = ptrAt(at.pointer, "config", "sla");
  const calendar: SlaCalendar = sla.calendar ?? "natural";
  // Every due time first: a rule that fails leaves no timer behind.
  let targetDueAt: number | undefined;
  if (sla.target !== undefined) {
    const pointer = ptrAt(base, "target");
    targetDueAt = ctx.dueAt(durationText(ctx, sla.target, pointer), calendar, pointer);
  }
  const levels = sla.levels.map((level, i) => {
    const pointer = ptrAt(base, "levels", i, "after");
    const levelCalendar: SlaCalendar = level.calendar ?? calendar;
    const after = durationText(ctx, level.after, pointer);
    return {
      level: i,
      action: level.action,
      dueAt: ctx.dueAt(after, levelCalendar, pointer),
      after,
      calendar: levelCalendar,
    };
  });
  const deadlines: SlaDeadline[] = [];
  if (targetDueAt !== undefined)
    deadlines.push(
      scheduleDeadline(run, token, { level: TARGET, calendar, fired: 0 }, targetDueAt),
    );
  for (const l of levels) {
    deadlines.push(
      scheduleDeadline(run, token, { level: l.level, calendar: l.calendar, fired: 0 }, l.dueAt),
    );
  }
  log(
    run,
    {
      type: "sla.started",
      ...(targetDueAt === undefined ? {} : { targetDueAt }),
      levels: levels.map(({ calendar: _c, ...l }) => l),
    },
    token,
  );
  return {
    startedAt: run.ctx.now,
    deadlines,
    ...(targetDueAt === undefined ? {} : { targetDueAt }),
    breached: false,
    warning: false,
    pausedMs: 0,
  };
}

/**
 * The wait a node asked for, with its SLA clock: the clock carried from the path's previous wait
 * at this activation, or a new one when the node first waits for tasks.
 * @throws KamError when a duration rule fails or returns no duration (the path becomes an incident).
 */
export function withSla(run: Run, token: Token, at: IndexedNode, wait: WaitInfo): WaitInfo {
  const carried = token.wait?.sla;
  if (carried) return { ...wait, sla: carried, ...(token.wait?.record ? { record: true } : {}) };
  const sla = slaOf(at);
  if (!sla || (wait.tasks ?? []).length === 0) return wait;
  const clock = startClock(run, token, at, sla);
  return { ...wait, sla: clock, ...(sla.pauseWhen === undefined ? {} : { record: true }) };
}

/** Gives the tasks the path just created their SLA due time and state. */
export function stampDueAt(run: Run, token: Token, fromEffect: number, clock: SlaClock): void {
  const dueAt = taskDueAt(clock);
  const sla = slaState(clock);
  for (let i = fromEffect; i < run.effects.length; i++) {
    const effect = run.effects[i];
    if (effect?.type !== "task.create" || effect.tokenId !== token.id || effect.sla) continue;
    run.effects[i] = { ...effect, sla, ...(dueAt === null ? {} : { dueAt }) };
  }
}

/** The path leaves its node: a target not breached by now was met (a success record). */
export function closeSla(run: Run, token: Token): void {
  const clock = token.wait?.sla;
  if (!clock || clock.breached || clock.targetDueAt === undefined) return;
  const target = clock.deadlines.find((d) => d.level === TARGET);
  const margin =
    target?.remaining ?? (target?.dueAt === undefined ? 0 : target.dueAt - run.ctx.now);
  log(run, { type: "sla.met", dueAt: target?.dueAt ?? clock.targetDueAt, margin }, token);
}
