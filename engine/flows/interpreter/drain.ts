/**
 * @module flows/interpreter/drain
 * Runs the ready paths until every path waits, ends or stops: enters each path's node in order
 * (first ready path first, so a step is deterministic), re-checks record conditions when the
 * step changed the record, and stops a runaway graph at the step limit.
 */
import type { ResumeSignal } from "../model/events.ts";
import type { Token } from "../model/state.ts";
import type { NodeResult } from "../nodes/node-result.ts";
import { applyResult } from "./apply-result.ts";
import type { IndexedNode } from "./flow-index.ts";
import { endInstance, failureOf, raiseIncident } from "./lifecycle.ts";
import { nodeContext } from "./node-context.ts";
import { log, type Run } from "./run.ts";
import { checkPauseRule, watchesRecord } from "./sla/pause.ts";

function nodeOf(run: Run, token: Token): IndexedNode {
  const at = run.index.nodes.get(token.nodeId);
  if (!at)
    throw new Error(`Token ${token.id} is at node ${token.nodeId}, which the definition lacks`);
  return at;
}

/** Runs an executor; a KamError it throws (a rule failing at run time) becomes a failure. */
function guarded(run: () => NodeResult): NodeResult {
  try {
    return run();
  } catch (error) {
    return { kind: "fail", error: failureOf(error) };
  }
}

/** Enters the node of a ready path. */
function enter(run: Run, token: Token): void {
  const at = nodeOf(run, token);
  log(
    run,
    { type: "node.entered", nodeType: at.node.type, ...(token.via ? { via: token.via } : {}) },
    token,
  );
  const result = guarded(() => at.type.enter(at.node.config, nodeContext(run, token, at)));
  applyResult(run, token, at, result);
}

/** Resumes a waiting path with what it waited for. */
export function resume(run: Run, token: Token, signal: ResumeSignal): void {
  const at = nodeOf(run, token);
  // A record change reaches a task or approval only for its SLA's `pauseWhen` rule.
  if (signal.type === "record.changed" && token.wait?.sla && watchesRecord(at)) {
    try {
      checkPauseRule(run, token, at);
    } catch (error) {
      raiseIncident(run, token, failureOf(error));
    }
    return;
  }
  const handler = at.type.resume;
  if (!handler) throw new Error(`Node type ${at.node.type} waits but cannot resume`);
  const result = guarded(() => handler(at.node.config, nodeContext(run, token, at), signal));
  applyResult(run, token, at, result);
}

/** Stops every ready path: the step limit was reached (a loop without a wait state). */
function stopRunaway(run: Run): void {
  for (const token of run.tokens.filter((t) => t.status === "ready")) {
    const at = nodeOf(run, token);
    raiseIncident(run, token, {
      code: "FLOW_STEP_LIMIT_EXCEEDED",
      pointer: at.pointer,
      params: { limit: run.maxTransitions },
    });
  }
}

/** Re-checks the paths waiting on a record condition; true when any was resumed. */
function recheckRecordWaits(run: Run): boolean {
  run.recordChanged = false;
  const waiting = run.tokens.filter((t) => t.status === "waiting" && t.wait?.record);
  for (const token of waiting) {
    const current = run.tokens.find((t) => t.id === token.id);
    if (current?.status === "waiting") resume(run, current, { type: "record.changed" });
  }
  return waiting.length > 0;
}

const finished = (run: Run) => run.status === "completed" || run.status === "cancelled";

/** Runs until no path is ready. */
export function drain(run: Run): void {
  while (!finished(run)) {
    const token = run.tokens.find((t) => t.status === "ready");
    if (!token) {
      if (run.recordChanged && recheckRecordWaits(run)) continue;
      break;
    }
    if (run.entries >= run.maxTransitions) {
      stopRunaway(run);
      break;
    }
    run.entries += 1;
    run.transitions += 1;
    enter(run, token);
  }
  // Every path ended without a terminating end (or was absorbed): the instance is done.
  if (!finished(run) && run.status !== "created" && run.tokens.length === 0) {
    endInstance(run, "completed", run.lastOutcome ?? run.outcome ?? "completed");
  }
}
