/**
 * @module flows/interpreter/lifecycle
 * What happens around a path, whatever its node: releasing what it waited for when it moves on,
 * cancelling it, stopping it on an incident, and ending the instance.
 */
import { type ErrorCode, KamError } from "../../errors/index.ts";
import { type JsonObject, toJson } from "../model/json.ts";
import type { IncidentInfo, Token, WaitInfo } from "../model/state.ts";
import type { NodeFailure } from "../nodes/node-result.ts";
import { dropToken, log, putToken, type Run } from "./run.ts";
import { slaTimers } from "./sla/clock.ts";

const minus = (list: readonly string[] | undefined, keep: readonly string[] | undefined) =>
  (list ?? []).filter((id) => !(keep ?? []).includes(id));

/**
 * Cancels what `token` waited for and no longer does (everything when `keep` is absent): open
 * tasks, pending timers and child instances. Outbox messages are not recalled: a call already
 * handed to the outbox may be sent, and its result is then ignored.
 */
export function releaseWait(run: Run, token: Token, keep?: WaitInfo): void {
  const wait = token.wait;
  if (!wait) return;
  const from = { tokenId: token.id, nodeId: token.nodeId };
  for (const taskId of minus(wait.tasks, keep?.tasks)) {
    run.effects.push({ type: "task.cancel", taskId, ...from });
    log(run, { type: "task.cancelled", taskId }, token);
  }
  for (const timerId of minus(
    [...(wait.timers ?? []), ...slaTimers(wait)],
    [...(keep?.timers ?? []), ...slaTimers(keep)],
  )) {
    run.effects.push({ type: "timer.cancel", timerId, ...from });
    log(run, { type: "timer.cancelled", timerId }, token);
  }
  for (const childId of minus(wait.children, keep?.children)) {
    run.effects.push({ type: "subflow.cancel", childId, ...from });
    log(run, { type: "subflow.cancelled", childId }, token);
  }
}

/** Stops a path: releases its waits and removes it (and the join bookkeeping of its forks). */
export function cancelToken(run: Run, token: Token, reason: string): void {
  releaseWait(run, token);
  dropToken(run, token.id);
  log(run, { type: "token.cancelled", reason }, token);
}

/** Cancels every path inside fork `forkId` and drops the join bookkeeping of forks inside it. */
export function cancelFork(run: Run, forkId: string, reason: string): void {
  const inside = run.tokens.filter((t) => t.scope.some((f) => f.forkId === forkId));
  const nested = new Set(inside.flatMap((t) => t.scope.map((f) => f.forkId)));
  for (const token of inside) cancelToken(run, token, reason);
  for (const key of Object.keys(run.joins)) {
    const forkOfKey = key.slice(key.lastIndexOf("@") + 1);
    if (nested.has(forkOfKey)) delete run.joins[key];
  }
}

/** The failure of a thrown KamError (a rule that failed at run time, an invalid duration). */
export function failureOf(error: unknown): NodeFailure {
  if (error instanceof KamError)
    return { code: error.code, pointer: error.pointer, params: { ...error.params } };
  throw error;
}

/** Stops `token` on an incident: it keeps its node, and `retry` enters that node again. */
export function raiseIncident(run: Run, token: Token, failure: NodeFailure): void {
  releaseWait(run, token);
  const params = toJson(failure.params ?? {}) as JsonObject;
  const code: ErrorCode = failure.code;
  const message = new KamError(code, failure.pointer, failure.params ? { ...failure.params } : {})
    .message;
  const incident: IncidentInfo = {
    code,
    message,
    pointer: failure.pointer,
    params,
    nodeId: token.nodeId,
    tokenId: token.id,
    at: run.ctx.now,
  };
  const { wait: _dropped, ...rest } = token;
  putToken(run, { ...rest, status: "incident", incident });
  run.effects.push({
    type: "incident.raise",
    tokenId: token.id,
    nodeId: token.nodeId,
    error: { code, message, pointer: failure.pointer, params },
  });
  log(run, { type: "incident.raised", code, pointer: failure.pointer, params }, token);
}

/** Ends the instance: cancels the paths still running and reports it to the runtime. */
export function endInstance(
  run: Run,
  status: "completed" | "cancelled",
  outcome: string,
  reason?: string,
): void {
  for (const token of [...run.tokens]) cancelToken(run, token, reason ?? `instance ${status}`);
  run.joins = {};
  run.status = status;
  run.outcome = outcome;
  run.endedAt = run.ctx.now;
  run.effects.push({
    type: "instance.completed",
    status,
    outcome,
    variables: { ...run.variables },
  });
  log(run, { type: "instance.completed", status, outcome, ...(reason ? { reason } : {}) });
}
