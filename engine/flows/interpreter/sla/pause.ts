/**
 * @module flows/interpreter/sla/pause
 * "Waiting for customer": pausing a node's SLA clock cancels its timers and keeps, per deadline,
 * the time that was left on its calendar (working milliseconds on the business calendar); resuming
 * schedules each deadline that much calendar time after the moment of resumption. A clock paused
 * by the node's `pauseWhen` rule resumes when the rule no longer holds.
 */
import { ptrAt } from "../../../errors/index.ts";
import type { SlaClock, SlaDeadline, Token } from "../../model/state.ts";
import type { IndexedNode } from "../flow-index.ts";
import { nodeContext } from "../node-context.ts";
import { log, putToken, type Run } from "../run.ts";
import { scheduleDeadline, slaOf, slaState, TARGET, taskDueAt, updateTasks } from "./clock.ts";

/** Why `pauseWhen` paused a clock (a person's pause has their own reason, or none). */
const BY_RULE = "pauseWhen";

function setClock(run: Run, token: Token, clock: SlaClock): Token {
  const wait = token.wait;
  if (!wait) throw new Error(`Token ${token.id} has no wait to keep an SLA clock on`);
  const updated: Token = { ...token, wait: { ...wait, sla: clock } };
  putToken(run, updated);
  return updated;
}

/** Pauses the path's clock; returns why it could not, if so. */
export function pauseSla(run: Run, token: Token, by: string, reason?: string): string | undefined {
  const clock = token.wait?.sla;
  if (!clock) return "the task has no SLA clock";
  if (clock.paused) return "the SLA clock is already paused";
  const now = run.ctx.now;
  const between = run.ctx.calendar?.between;
  const deadlines: SlaDeadline[] = clock.deadlines.map((d) => {
    if (d.timerId) {
      run.effects.push({
        type: "timer.cancel",
        timerId: d.timerId,
        tokenId: token.id,
        nodeId: token.nodeId,
      });
    }
    const due = d.dueAt ?? now;
    const left = between ? between(now, due, d.calendar) : due - now;
    return { level: d.level, calendar: d.calendar, fired: d.fired, remaining: Math.max(0, left) };
  });
  const paused = { at: now, by, ...(reason ? { reason } : {}) };
  const next = setClock(run, token, { ...clock, deadlines, paused });
  log(run, { type: "sla.paused", by, ...(reason ? { reason } : {}) }, next);
  updateTasks(run, next, next.wait?.tasks ?? [], { sla: "paused", dueAt: null });
  return undefined;
}

/** Resumes the path's clock with the time each deadline had left; returns why not, if so. */
export function resumeSla(run: Run, token: Token, by: string): string | undefined {
  const clock = token.wait?.sla;
  if (!clock) return "the task has no SLA clock";
  if (!clock.paused) return "the SLA clock is not paused";
  const now = run.ctx.now;
  const addMs = run.ctx.calendar?.addMs;
  const deadlines = clock.deadlines.map((d) => {
    const left = d.remaining ?? 0;
    const dueAt = addMs ? addMs(now, left, d.calendar) : now + left;
    return scheduleDeadline(run, token, d, dueAt);
  });
  const pausedFor = now - clock.paused.at;
  const target = deadlines.find((d) => d.level === TARGET);
  const { paused: _resumed, ...rest } = clock;
  const resumed: SlaClock = {
    ...rest,
    deadlines,
    pausedMs: clock.pausedMs + pausedFor,
    ...(target?.dueAt === undefined ? {} : { targetDueAt: target.dueAt }),
  };
  const next = setClock(run, token, resumed);
  const dueAt = taskDueAt(resumed);
  log(
    run,
    {
      type: "sla.resumed",
      by,
      pausedMs: pausedFor,
      ...(dueAt === null ? {} : { nextDueAt: dueAt }),
    },
    next,
  );
  updateTasks(run, next, next.wait?.tasks ?? [], { sla: slaState(resumed), dueAt });
  return undefined;
}

/** Whether the node's clock follows a `pauseWhen` rule over the record. */
export function watchesRecord(at: IndexedNode): boolean {
  return slaOf(at)?.pauseWhen !== undefined;
}

/**
 * Re-checks the node's `pauseWhen` rule: pauses the clock when it holds, resumes a clock it
 * paused when it no longer does. A person's own pause is left alone.
 */
export function checkPauseRule(run: Run, token: Token, at: IndexedNode): void {
  const rule = slaOf(at)?.pauseWhen;
  const clock = token.wait?.sla;
  if (rule === undefined || !clock) return;
  const holds = nodeContext(run, token, at).test(
    rule,
    ptrAt(at.pointer, "config", "sla", "pauseWhen"),
  );
  if (holds && !clock.paused) pauseSla(run, token, "system", BY_RULE);
  else if (!holds && clock.paused?.reason === BY_RULE) resumeSla(run, token, "system");
}
