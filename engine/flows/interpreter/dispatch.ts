/**
 * @module flows/interpreter/dispatch
 * Applies an event to a run: starts the instance, routes a signal to the path waiting for it,
 * cancels, or retries incidents. Returns why the event was ignored, when it does not apply.
 */
import type {
  FlowEvent,
  OutboxResultEvent,
  RetryEvent,
  SlaPauseEvent,
  StartEvent,
  SubflowCompletedEvent,
  TaskCompletedEvent,
  TaskSignersEvent,
  TaskTransferredEvent,
  TimerFiredEvent,
} from "../model/events.ts";
import type { JsonObject } from "../model/json.ts";
import { claimWait, type WaitList } from "./claim.ts";
import { resume } from "./drain.ts";
import { endInstance, failureOf, raiseIncident } from "./lifecycle.ts";
import { log, nextSeq, putToken, type Run } from "./run.ts";
import { fireSla, slaTokenOf } from "./sla/levels.ts";
import { pauseSla, resumeSla } from "./sla/pause.ts";

function start(run: Run, event: StartEvent): string | undefined {
  if (run.status !== "created") return "the instance has already started";
  const startNode = run.index.start;
  if (startNode === undefined)
    throw new Error("The definition has no start node; validate it first");
  run.status = "running";
  run.initiator = event.initiator;
  run.recordId = event.recordId ?? run.record?.id;
  run.startedAt = run.ctx.now;
  const declared = run.definition.variables ?? {};
  const values: JsonObject = {};
  for (const [name, variable] of Object.entries(declared))
    values[name] = (variable.default ?? null) as JsonObject[string];
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(event.input ?? {})) {
    if (Object.hasOwn(declared, name)) values[name] = value;
    else ignored.push(name);
  }
  run.variables = values;
  log(run, {
    type: "instance.started",
    ...(event.initiator ? { initiator: event.initiator } : {}),
    input: event.input ?? {},
  });
  log(run, { type: "variables.set", values, ...(ignored.length ? { ignored } : {}) });
  putToken(run, {
    id: `t${nextSeq(run)}`,
    nodeId: startNode,
    status: "ready",
    activation: nextSeq(run),
    attempt: 0,
    enteredAt: run.ctx.now,
    scope: [],
  });
  return undefined;
}

function signal(
  run: Run,
  event:
    | TaskCompletedEvent
    | TaskSignersEvent
    | TaskTransferredEvent
    | TimerFiredEvent
    | OutboxResultEvent
    | SubflowCompletedEvent,
): string | undefined {
  if (event.type === "timer.fired") {
    const owner = slaTokenOf(run, event.timerId, event.tokenId);
    if (owner) {
      log(run, { type: "timer.fired", timerId: event.timerId }, owner);
      try {
        fireSla(run, owner, nodeAt(run, owner.nodeId), event.timerId);
      } catch (error) {
        // A repeat interval the calendar cannot count (months on the business calendar) only
        // shows when the level fires: the path stops on an incident, as a wait node's would.
        const current = run.tokens.find((t) => t.id === owner.id) ?? owner;
        raiseIncident(run, current, failureOf(error));
      }
      return undefined;
    }
  }
  const [list, id, tokenId] = ((): [WaitList, string, string | undefined] => {
    switch (event.type) {
      case "task.completed":
      case "task.signers":
      case "task.transferred":
        return ["tasks", event.taskId, event.tokenId];
      case "timer.fired":
        return ["timers", event.timerId, event.tokenId];
      case "outbox.result":
        return ["messages", event.messageId, undefined];
      case "subflow.completed":
        return ["children", event.childId, undefined];
    }
  })();
  // Adding signers does not finish the task by itself: the node decides what becomes of it (an
  // approval drops the adder's task; a node without signers keeps waiting for it).
  const token =
    event.type === "task.signers" || event.type === "task.transferred"
      ? run.tokens.find(
          (t) =>
            t.status === "waiting" &&
            (tokenId === undefined || t.id === tokenId) &&
            t.wait?.tasks?.includes(id),
        )
      : claimWait(run, list, id, tokenId);
  if (!token) return `no path waits for ${event.type} ${id}`;
  if (event.type === "task.completed") {
    const { taskId, outcome, actor, comment, returnTo, auto } = event;
    log(
      run,
      {
        type: "task.completed",
        taskId,
        outcome,
        actor,
        ...(comment ? { comment } : {}),
        ...(returnTo ? { returnTo } : {}),
        ...(auto ? { auto } : {}),
      },
      token,
    );
  } else if (event.type === "timer.fired") {
    log(run, { type: "timer.fired", timerId: event.timerId }, token);
  }
  resume(run, token, event);
  return undefined;
}

function nodeAt(run: Run, nodeId: string) {
  const at = run.index.nodes.get(nodeId);
  if (!at) throw new Error(`A path is at node ${nodeId}, which the definition lacks`);
  return at;
}

/** "Waiting for customer": pauses or resumes the SLA clock of the node a task belongs to. */
function pause(run: Run, event: SlaPauseEvent): string | undefined {
  const token = run.tokens.find(
    (t) => t.status === "waiting" && t.wait?.tasks?.includes(event.taskId),
  );
  if (!token) return `no path waits for task ${event.taskId}`;
  return event.paused
    ? pauseSla(run, token, event.actor, event.reason)
    : resumeSla(run, token, event.actor);
}

function retry(run: Run, event: RetryEvent): string | undefined {
  const stopped = run.tokens.filter(
    (t) => t.status === "incident" && (event.tokenId === undefined || t.id === event.tokenId),
  );
  if (stopped.length === 0) return "no path is stopped on an incident";
  run.status = "running";
  for (const token of stopped) {
    const { incident: _closed, ...rest } = token;
    const attempt = token.attempt + 1;
    putToken(run, { ...rest, status: "ready", attempt });
    run.effects.push({ type: "incident.resolve", tokenId: token.id, nodeId: token.nodeId });
    log(
      run,
      { type: "incident.retried", attempt, ...(event.actor ? { actor: event.actor } : {}) },
      token,
    );
  }
  return undefined;
}

/** Applies `event`; returns the reason it was ignored, or undefined when it applied. */
export function dispatch(run: Run, event: FlowEvent): string | undefined {
  if (run.status === "completed" || run.status === "cancelled")
    return `the instance is ${run.status}`;
  if (event.type === "start") return start(run, event);
  if (run.status === "created") return "the instance has not started";
  switch (event.type) {
    case "cancel":
      endInstance(run, "cancelled", "cancelled", event.reason ?? "cancelled");
      return undefined;
    case "retry":
      return retry(run, event);
    case "sla.pause":
      return pause(run, event);
    case "record.changed": {
      const waiting = run.tokens.filter((t) => t.status === "waiting" && t.wait?.record);
      if (waiting.length === 0) return "no path waits on the record";
      for (const token of waiting) {
        const current = run.tokens.find((t) => t.id === token.id);
        if (current?.status === "waiting") resume(run, current, event);
      }
      return undefined;
    }
    default:
      return signal(run, event);
  }
}
