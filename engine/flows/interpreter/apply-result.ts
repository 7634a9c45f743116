/**
 * @module flows/interpreter/apply-result
 * Applies an executor's result to its path: collects the effects (a record update also changes
 * the record later nodes of this step read), stamps the history, sets variables and the node's
 * output, then moves, forks, parks, merges, ends or stops the path as the result's `kind` says.
 */
import type { Token, WaitInfo } from "../model/state.ts";
import type { OutgoingEdge } from "../nodes/node-context.ts";
import type { MergeResult, NodeResult } from "../nodes/node-result.ts";
import { applyPatch } from "../support/paths.ts";
import type { IndexedNode } from "./flow-index.ts";
import { cancelFork, endInstance, failureOf, raiseIncident, releaseWait } from "./lifecycle.ts";
import { dropToken, log, nextSeq, putToken, type Run } from "./run.ts";
import { closeSla, stampDueAt, withSla } from "./sla/clock.ts";
import { checkPauseRule, watchesRecord } from "./sla/pause.ts";

/** Moves `token` along `edge`: it becomes ready at the edge's target. */
function move(run: Run, token: Token, edge: OutgoingEdge, scope = token.scope): void {
  closeSla(run, token);
  releaseWait(run, token);
  log(run, { type: "node.left", port: edge.port, edgeId: edge.id }, token);
  putToken(run, {
    id: token.id,
    nodeId: edge.target,
    status: "ready",
    activation: nextSeq(run),
    attempt: 0,
    enteredAt: run.ctx.now,
    via: edge.id,
    scope,
  });
}

/** The one edge leaving by `port`, or an incident when there is none or several. */
function byPort(run: Run, token: Token, at: IndexedNode, port: string): OutgoingEdge | undefined {
  let found: OutgoingEdge | undefined;
  let count = 0;
  for (const e of at.outgoing) {
    if (e.port !== port) continue;
    found = e;
    count += 1;
  }
  if (count === 1) return found;
  const code = count === 0 ? "FLOW_PORT_UNCONNECTED" : "FLOW_PORT_EDGES_MULTIPLE";
  raiseIncident(run, token, { code, pointer: at.pointer, params: { port } });
  return undefined;
}

function merge(run: Run, token: Token, at: IndexedNode, result: MergeResult): void {
  const frame = token.scope[token.scope.length - 1];
  releaseWait(run, token);
  dropToken(run, token.id);
  if (!frame) return;
  const key = `${at.node.id}@${frame.forkId}`;
  if (result.join) run.joins[key] = result.join;
  else delete run.joins[key];
  if (!result.release) return;
  if (result.cancelRest) cancelFork(run, frame.forkId, `join ${at.node.id} continued`);
  const port = at.type.defaultPort ?? "out";
  const edge = byPort(run, token, at, port);
  if (edge) move(run, token, edge, token.scope.slice(0, -1));
}

/**
 * Parks the path in `wait`, with its node's SLA clock (started on the first wait for tasks,
 * carried afterwards); the tasks it just created get the clock's due time.
 */
function park(run: Run, token: Token, at: IndexedNode, requested: WaitInfo, firstEffect: number) {
  let wait = requested;
  try {
    wait = withSla(run, token, at, requested);
  } catch (error) {
    const parked: Token = { ...token, status: "waiting", wait };
    putToken(run, parked);
    raiseIncident(run, parked, failureOf(error));
    return;
  }
  releaseWait(run, token, wait);
  const parked: Token = { ...token, status: "waiting", wait };
  putToken(run, parked);
  if (!wait.sla) return;
  stampDueAt(run, token, firstEffect, wait.sla);
  if (!token.wait?.sla && watchesRecord(at)) {
    try {
      checkPauseRule(run, parked, at);
    } catch (error) {
      raiseIncident(run, parked, failureOf(error));
    }
  }
}

/** Applies `result`, which the executor of `at` returned for `token`. */
export function applyResult(run: Run, token: Token, at: IndexedNode, result: NodeResult): void {
  const firstEffect = run.effects.length;
  for (const effect of result.effects ?? []) {
    run.effects.push(effect);
    if (effect.type === "record.update" && run.record && effect.recordId === run.record.id) {
      run.record = { ...run.record, data: applyPatch(run.record.data, effect.patch) };
      run.recordChanged = true;
    }
  }
  for (const entry of result.history ?? []) log(run, entry, token);
  if (result.variables) Object.assign(run.variables, result.variables);
  if (result.output !== undefined) run.outputs[at.node.id] = result.output;

  switch (result.kind) {
    case "wait":
      park(
        run,
        token,
        at,
        { ...result.wait, since: token.wait?.since ?? run.ctx.now },
        firstEffect,
      );
      return;
    case "jump": {
      if (!run.index.nodes.has(result.nodeId))
        throw new Error(`Node ${at.node.id} returned to ${result.nodeId}, which the flow lacks`);
      closeSla(run, token);
      releaseWait(run, token);
      log(run, { type: "token.returned", from: token.nodeId, to: result.nodeId }, token);
      putToken(run, {
        id: token.id,
        nodeId: result.nodeId,
        status: "ready",
        activation: nextSeq(run),
        attempt: 0,
        enteredAt: run.ctx.now,
        scope: token.scope,
        returned: { from: token.nodeId, by: result.by },
      });
      return;
    }
    case "next": {
      const edge = byPort(run, token, at, result.port);
      if (edge) move(run, token, edge);
      return;
    }
    case "take": {
      const edge = at.outgoing.find((e) => e.id === result.edge);
      if (!edge)
        throw new Error(`Node ${at.node.id} took edge ${result.edge}, which does not leave it`);
      move(run, token, edge);
      return;
    }
    case "fork": {
      releaseWait(run, token);
      dropToken(run, token.id);
      const forkId = `f${nextSeq(run)}`;
      const edges = result.edges.map((id) => at.outgoing.find((e) => e.id === id));
      log(run, { type: "fork", forkId, edges: [...result.edges] }, token);
      for (const [branch, edge] of edges.entries()) {
        if (!edge) throw new Error(`Node ${at.node.id} forked into an edge that does not leave it`);
        const frame = { forkId, nodeId: at.node.id, branch, width: edges.length };
        const { wait: _released, ...rest } = token;
        const child: Token = { ...rest, id: `t${nextSeq(run)}`, scope: [...token.scope, frame] };
        move(run, child, edge, child.scope);
      }
      return;
    }
    case "merge":
      merge(run, token, at, result);
      return;
    case "end": {
      releaseWait(run, token);
      dropToken(run, token.id);
      log(
        run,
        { type: "token.ended", outcome: result.outcome, terminate: result.terminate },
        token,
      );
      run.lastOutcome = result.outcome;
      if (result.terminate || run.tokens.length === 0)
        endInstance(run, "completed", result.outcome);
      return;
    }
    case "fail":
      raiseIncident(run, token, result.error);
      return;
  }
}
