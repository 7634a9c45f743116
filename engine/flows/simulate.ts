/**
 * @module flows/simulate
 * Runs a flow to its end in memory, with no database: applies each step's effects to in-memory
 * tasks, timers, outbox and record, lets `decide` act on tasks, answers webhook calls with `call`,
 * runs subflows from `flows`, and fires timers by moving a manual clock. For tests, the
 * designer's "simulate" and the benchmark's in-memory row.
 */
import type { FlowDefinition } from "../../schemas/index.ts";
import type { ManualClock } from "../ports.ts";
import { createRuleEngine, type RuleEngine } from "../rules/index.ts";
import type { Directory, IdSource, StepContext, StepLimits } from "./interpreter/context.ts";
import { step } from "./interpreter/step.ts";
import type { OutboxEnqueueEffect, RecordCreateEffect, TaskCreateEffect } from "./model/effects.ts";
import type { FlowEvent, OutboxResultEvent, TaskCompletedEvent } from "./model/events.ts";
import type { HistoryEntry } from "./model/history.ts";
import type { JsonObject } from "./model/json.ts";
import { type InstanceState, initialState } from "./model/state.ts";
import type { RecordSnapshot } from "./nodes/node-context.ts";
import type { NodeRegistry } from "./nodes/registry.ts";
import { staticDirectory } from "./static-directory.ts";
import { applyPatch } from "./support/paths.ts";

/** A task waiting for `decide`. */
export type SimulatedTask = Omit<TaskCreateEffect, "type"> & { readonly createdAt: number };

/** What `decide` does with a task: complete it now, or leave it open (undefined). */
export type TaskDecision = Pick<TaskCompletedEvent, "outcome"> &
  Partial<Pick<TaskCompletedEvent, "actor" | "data" | "comment">>;

/** How a webhook call ends: as `outbox.result` reports it (always final here). */
export type CallOutcome = Pick<OutboxResultEvent, "ok" | "response" | "error">;

/** Options of `simulate`. */
export interface SimulateOptions {
  readonly input?: JsonObject;
  readonly initiator?: string;
  readonly record?: RecordSnapshot;
  /** @default a directory that knows nobody (staticDirectory()) */
  readonly directory?: Directory;
  /** Moved forward to each due timer. */
  readonly clock: ManualClock;
  /** @default approve or complete every task as its first assignee */
  readonly decide?: (task: SimulatedTask, state: InstanceState) => TaskDecision | undefined;
  /** @default every call answers 200 with an empty body */
  readonly call?: (message: OutboxEnqueueEffect) => CallOutcome;
  /** Flows that subflow nodes start, by key. */
  readonly flows?: Readonly<Record<string, FlowDefinition>>;
  /** @default a rule engine reading `clock` */
  readonly rules?: RuleEngine;
  /** @default "sim" */
  readonly instanceId?: string;
  readonly ids?: IdSource;
  readonly registry?: NodeRegistry;
  readonly limits?: StepLimits;
  /** @default 10000 */
  readonly maxEvents?: number;
}

/** The end of a simulation. */
export interface SimulationResult {
  readonly state: InstanceState;
  readonly history: readonly HistoryEntry[];
  readonly record?: RecordSnapshot;
  readonly createdRecords: readonly RecordCreateEffect[];
  /** Every outbox message written (notifications, e-mails, webhook calls). */
  readonly outbox: readonly OutboxEnqueueEffect[];
  /** Tasks still open (when the flow stopped waiting for them). */
  readonly openTasks: readonly SimulatedTask[];
  readonly events: number;
  readonly children: Readonly<Record<string, SimulationResult>>;
}

const defaultDecide = (task: SimulatedTask): TaskDecision => ({
  outcome: task.kind === "approval" ? "approve" : "complete",
  ...(task.assignees[0] === undefined ? {} : { actor: task.assignees[0] }),
});

/**
 * Runs `definition` from its start until it completes, is cancelled, stops on an incident, or
 * waits for something nobody will do (a task `decide` leaves open with no timer due).
 * @example
 * const result = simulate(flow, { clock: manualClock(Date.UTC(2026, 0, 5)), directory, initiator: "u1" });
 * result.state.status; // "completed"
 */
export function simulate(definition: FlowDefinition, options: SimulateOptions): SimulationResult {
  const clock = options.clock;
  const rules = options.rules ?? createRuleEngine({ clock });
  const directory = options.directory ?? staticDirectory();
  const decide = options.decide ?? defaultDecide;
  let record = options.record;
  let state = initialState(options.instanceId ?? "sim");
  const history: HistoryEntry[] = [];
  const tasks = new Map<string, SimulatedTask>();
  const timers = new Map<string, { dueAt: number; tokenId: string }>();
  const calls: OutboxEnqueueEffect[] = [];
  const outbox: OutboxEnqueueEffect[] = [];
  const created: RecordCreateEffect[] = [];
  const queue: FlowEvent[] = [];
  const children: Record<string, SimulationResult> = {};

  const context = (): StepContext => ({
    now: clock.now(),
    rules,
    directory,
    record: record ?? null,
    ...(options.ids ? { ids: options.ids } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });

  const apply = (event: FlowEvent) => {
    const result = step(definition, state, event, context());
    state = result.state;
    history.push(...result.history);
    for (const effect of result.effects) {
      switch (effect.type) {
        case "task.create":
          tasks.set(effect.taskId, { ...effect, createdAt: clock.now() });
          break;
        case "task.cancel":
          tasks.delete(effect.taskId);
          break;
        case "timer.schedule":
          timers.set(effect.timerId, { dueAt: effect.dueAt, tokenId: effect.tokenId });
          break;
        case "timer.cancel":
          timers.delete(effect.timerId);
          break;
        case "outbox.enqueue":
          outbox.push(effect);
          if (effect.kind === "webhook") calls.push(effect);
          break;
        case "record.update":
          if (record) record = { ...record, data: applyPatch(record.data, effect.patch) };
          break;
        case "record.create":
          created.push(effect);
          break;
        case "subflow.start": {
          const child = options.flows?.[effect.flow];
          if (!child) throw new Error(`simulate: no flow "${effect.flow}" in options.flows`);
          const { flows, decide: d, call, directory: dir, registry, limits } = options;
          const run = simulate(child, {
            clock,
            rules,
            directory: dir ?? directory,
            instanceId: effect.childId,
            input: effect.input,
            ...(options.initiator ? { initiator: options.initiator } : {}),
            ...(record && effect.recordId === record.id ? { record } : {}),
            ...(flows ? { flows } : {}),
            ...(d ? { decide: d } : {}),
            ...(call ? { call } : {}),
            ...(registry ? { registry } : {}),
            ...(limits ? { limits } : {}),
          });
          children[effect.childId] = run;
          if (
            effect.waitForCompletion &&
            (run.state.status === "completed" || run.state.status === "cancelled")
          ) {
            queue.push({
              type: "subflow.completed",
              childId: effect.childId,
              outcome: run.state.outcome ?? run.state.status,
              status: run.state.status,
              variables: { ...run.state.variables },
            });
          }
          break;
        }
        default:
          break;
      }
    }
  };

  const next = (): FlowEvent | undefined => {
    const queued = queue.shift();
    if (queued) return queued;
    const message = calls.shift();
    if (message) {
      const outcome = options.call?.(message) ?? { ok: true, response: { status: 200, body: {} } };
      return { type: "outbox.result", messageId: message.messageId, final: true, ...outcome };
    }
    for (const task of tasks.values()) {
      const decision = decide(task, state);
      if (!decision) continue;
      const actor = decision.actor ?? task.assignees[0] ?? "simulator";
      return {
        type: "task.completed",
        taskId: task.taskId,
        tokenId: task.tokenId,
        ...decision,
        actor,
      };
    }
    let due: [string, { dueAt: number; tokenId: string }] | undefined;
    for (const entry of timers) if (!due || entry[1].dueAt < due[1].dueAt) due = entry;
    if (!due) return undefined;
    timers.delete(due[0]);
    if (due[1].dueAt > clock.now()) clock.set(due[1].dueAt);
    return { type: "timer.fired", timerId: due[0], tokenId: due[1].tokenId };
  };

  apply({
    type: "start",
    ...(options.input ? { input: options.input } : {}),
    ...(options.initiator ? { initiator: options.initiator } : {}),
    ...(record ? { recordId: record.id } : {}),
  });
  let events = 1;
  const maxEvents = options.maxEvents ?? 10_000;
  while (state.status === "waiting" && events < maxEvents) {
    const event = next();
    if (!event) break;
    if (event.type === "task.completed") tasks.delete(event.taskId);
    apply(event);
    events += 1;
  }
  return {
    state,
    history,
    ...(record ? { record } : {}),
    createdRecords: created,
    outbox,
    openTasks: [...tasks.values()],
    events,
    children,
  };
}
