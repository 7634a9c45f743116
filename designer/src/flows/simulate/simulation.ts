/**
 * @module designer/flows/simulate/simulation
 * A flow run in the browser, step by step, with the engine's own pure interpreter (`step`) and
 * nothing written anywhere: the instance state, its open tasks, timers, outbox and record live
 * in memory, a manual clock is moved by hand, and every effect that would touch the server
 * (record writes, new records, e-mails, notifications, webhook calls, tier recomputes) is only
 * logged. The driving loop is a thin copy of the runtime's, with the same semantics:
 * - one event → one `step` → its effects applied in order (`advance` in engine/runtime/advance.ts,
 *   handlers of engine/runtime/effects.ts);
 * - a task completion is checked against its node first (`checkCompletion` in
 *   engine/runtime/task-policy.ts) and sent as `task.completed` (`completeTask`, runtime/tasks.ts);
 * - due timers fire one by one, soonest first, each as `timer.fired` (`fireDueTimers`,
 *   runtime/timers.ts), as a scheduler that ticks exactly at each due time would;
 * - a child flow runs to its end in memory (the engine's `simulate`) and reports
 *   `subflow.completed` to a waiting parent (the `instance.completed` follow-up of effects.ts);
 * - a record change wakes paths waiting on a record condition (`wakeRecordWaits`, records.ts).
 *
 * Pure: no React, no fetch, no `Date.now`. The UI holds one and re-renders after each call.
 */

import type {
  Directory,
  DurationCalendar,
  Effect,
  FlowEvent,
  HistoryEntry,
  InstanceState,
  JsonObject,
  OutboxEnqueueEffect,
  RecordSnapshot,
  StepContext,
  TaskCreateEffect,
} from "../../../../engine/flows/index.ts";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { kamflowEngine } from "../../engine-browser/entry.ts";

const engine = kamflowEngine;

/** An open task, as an inbox would list it. */
export interface SimTask {
  readonly taskId: string;
  readonly tokenId: string;
  readonly nodeId: string;
  readonly kind: TaskCreateEffect["kind"];
  /** Who may act on it now (escalations add people, reassignments replace them). */
  readonly assignees: readonly string[];
  readonly assignment: TaskCreateEffect["assignment"];
  readonly createdAt: number;
  readonly dueAt?: number;
  readonly sla?: string;
  readonly fields?: TaskCreateEffect["fields"];
}

/** A timer waiting for the clock. */
export interface SimTimer {
  readonly timerId: string;
  readonly tokenId: string;
  readonly nodeId: string;
  readonly kind: "wait" | "timeout" | "sla";
  readonly dueAt: number;
}

/** What a person may do on a task (the runtime's `availableActions`). */
export interface TaskActions {
  readonly outcomes: readonly ("approve" | "reject" | "complete" | "return")[];
  readonly returnTargets: readonly string[];
  readonly commentRequired: readonly string[];
  /** Record fields the task may write (editable or required), with their permission. */
  readonly writable: Readonly<Record<string, "editable" | "required">>;
}

/** A decision on a task. */
export interface Decision {
  readonly outcome: "approve" | "reject" | "complete" | "return";
  /** @default the task's first assignee, else "simulator" */
  readonly actor?: string;
  readonly returnTo?: string;
  readonly comment?: string;
  readonly data?: JsonObject;
}

/** Why a decision was refused before anything happened (the runtime's KamError codes). */
export interface Refusal {
  readonly code:
    | "RUNTIME_TASK_NOT_OPEN"
    | "RUNTIME_OUTCOME_INVALID"
    | "RUNTIME_ACTION_NOT_ALLOWED"
    | "RUNTIME_RETURN_TARGET_INVALID"
    | "RUNTIME_COMMENT_REQUIRED"
    | "RUNTIME_FIELD_NOT_EDITABLE"
    | "RUNTIME_FIELD_REQUIRED";
  readonly field?: string;
}

/** Effects the server would perform; here they are only listed. */
export type ListedEffect = Extract<
  Effect,
  {
    type:
      | "outbox.enqueue"
      | "record.update"
      | "record.create"
      | "tier.recompute"
      | "subflow.start"
      | "subflow.cancel"
      | "incident.raise";
  }
>;

const LISTED: ReadonlySet<Effect["type"]> = new Set([
  "outbox.enqueue",
  "record.update",
  "record.create",
  "tier.recompute",
  "subflow.start",
  "subflow.cancel",
  "incident.raise",
]);

/** What a log line says. */
export type SimLogBody =
  | { readonly kind: "event"; readonly event: FlowEvent }
  | { readonly kind: "history"; readonly entry: HistoryEntry }
  | { readonly kind: "effect"; readonly effect: ListedEffect }
  | { readonly kind: "clock"; readonly from: number; readonly to: number }
  | { readonly kind: "ignored"; readonly reason: string }
  | {
      readonly kind: "child";
      readonly flow: string;
      readonly childId: string;
      /** The child's end, or why it did not run. */
      readonly status: string;
      readonly outcome?: string;
    };

/** One line of the simulation's log. */
export type SimLogEntry = { readonly seq: number; readonly at: number } & SimLogBody;

/** A webhook call waiting for its (simulated) response. */
export interface PendingCall {
  readonly messageId: string;
  readonly nodeId: string;
  readonly payload: JsonObject;
}

/** A child flow the simulator could not run (its definition was not given): finished by hand. */
export interface PendingChild {
  readonly childId: string;
  readonly flow: string;
  readonly nodeId: string;
}

export interface SimulationOptions {
  /** A validated definition (`validateFlow(…).value`: schema defaults applied). */
  readonly definition: FlowDefinition;
  readonly directory: Directory;
  /** Business-hour arithmetic for SLA and wait durations; natural time without it. */
  readonly calendar?: DurationCalendar;
  /** The simulated time at the start (epoch ms). */
  readonly startAt: number;
  readonly record?: RecordSnapshot | null;
  readonly initiator?: string;
  readonly input?: JsonObject;
  /** Definitions of the flows subflow nodes start, by key (validated). */
  readonly flows?: Readonly<Record<string, FlowDefinition>>;
  /** Other records child flows run on (a subflow on the ticket's account), by id. */
  readonly records?: Readonly<Record<string, RecordSnapshot>>;
  /** @default "sim" */
  readonly instanceId?: string;
}

/** A read-only view of a simulation, for rendering. */
export interface SimulationView {
  readonly now: number;
  readonly state: InstanceState;
  readonly record: RecordSnapshot | null;
  readonly tasks: readonly SimTask[];
  readonly timers: readonly SimTimer[];
  readonly calls: readonly PendingCall[];
  readonly children: readonly PendingChild[];
  readonly log: readonly SimLogEntry[];
  /** Nodes the run entered, in order (repeats kept out). */
  readonly visited: readonly string[];
  /** Edges the run took. */
  readonly takenEdges: readonly string[];
  /** Nodes a path is at now (waiting, or stopped on an incident). */
  readonly activeNodes: readonly string[];
}

export interface Simulation {
  /** Starts the instance (once). */
  start(): void;
  view(): SimulationView;
  /** What the person holding `taskId` may do. */
  actions(taskId: string): TaskActions | undefined;
  /** Completes a task; returns why not when the node does not allow the decision. */
  complete(taskId: string, decision: Decision): Refusal | undefined;
  /** Moves the clock forward by `ms`, firing every timer due on the way, soonest first. */
  advance(ms: number): number;
  /** Moves the clock to the next timer and fires it (and any due at the same time). */
  advanceToNextTimer(): number;
  /** The next timer, if any. */
  nextTimer(): SimTimer | undefined;
  /** Answers a webhook call: a 200 with `body`, or a failure (no response). */
  respond(messageId: string, ok: boolean, body?: JsonObject): void;
  /** Ends a child flow that was not run, with `outcome`. */
  finishChild(childId: string, outcome: string): void;
  /** Changes the record by hand (dotted paths): paths waiting on a record condition re-check. */
  changeRecord(patch: JsonObject): void;
}

const APPROVAL_OUTCOMES = ["approve", "reject", "return"] as const;

interface NodeConfig {
  readonly actions?: {
    readonly reject?: boolean;
    readonly return?: { readonly targets: readonly string[] };
    readonly commentRequired?: readonly string[];
  };
  readonly form?: string;
  readonly fields?: Readonly<Record<string, string>>;
}

const filled = (v: unknown) =>
  v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

function valueAt(data: unknown, path: string): unknown {
  let at = data;
  for (const part of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/**
 * A simulation of `options.definition`.
 * @example
 * const sim = createSimulation({ definition, directory, startAt: Date.UTC(2026, 0, 5, 1) });
 * sim.start();
 * sim.advance(15 * 60_000);
 * sim.complete(sim.view().tasks[0].taskId, { outcome: "approve" });
 */
export function createSimulation(options: SimulationOptions): Simulation {
  const { definition } = options;
  const clock = engine.manualClock(options.startAt);
  const rules = engine.createRuleEngine({ clock });
  const instanceId = options.instanceId ?? "sim";
  let state = engine.initialState(instanceId);
  let record: RecordSnapshot | null = options.record ?? null;
  const tasks = new Map<string, SimTask>();
  const timers = new Map<string, SimTimer>();
  const calls = new Map<string, PendingCall>();
  const children = new Map<string, PendingChild & { wait: boolean }>();
  const log: SimLogEntry[] = [];
  const visited: string[] = [];
  const takenEdges: string[] = [];
  let seq = 0;
  const nodes = new Map(definition.nodes.map((n) => [n.id, n]));

  const note = (entry: SimLogBody, at = clock.now()) => log.push({ ...entry, seq: seq++, at });

  const context = (): StepContext => ({
    now: clock.now(),
    rules,
    directory: options.directory,
    record,
    ...(options.calendar ? { calendar: options.calendar } : {}),
  });

  /** Runs a child flow to its end (or lists it for a hand-made end). */
  const startChild = (effect: Extract<Effect, { type: "subflow.start" }>): FlowEvent[] => {
    const child = options.flows?.[effect.flow];
    if (!child) {
      children.set(effect.childId, {
        childId: effect.childId,
        flow: effect.flow,
        nodeId: effect.nodeId,
        wait: effect.waitForCompletion,
      });
      note({ kind: "child", flow: effect.flow, childId: effect.childId, status: "unavailable" });
      return [];
    }
    const childRecord =
      effect.recordId === undefined
        ? undefined
        : record && effect.recordId === record.id
          ? record
          : options.records?.[effect.recordId];
    const run = engine.simulate(child, {
      clock,
      rules,
      directory: options.directory,
      instanceId: effect.childId,
      input: effect.input,
      ...(options.initiator ? { initiator: options.initiator } : {}),
      ...(childRecord ? { record: childRecord } : {}),
      ...(options.flows ? { flows: options.flows } : {}),
    });
    note({
      kind: "child",
      flow: effect.flow,
      childId: effect.childId,
      status: run.state.status,
      ...(run.state.outcome ? { outcome: run.state.outcome } : {}),
    });
    // A child that ran on this record wrote to it in memory: keep its writes.
    if (run.record && record && run.record.id === record.id) record = run.record;
    const ended = run.state.status === "completed" || run.state.status === "cancelled";
    if (!effect.waitForCompletion || !ended) return [];
    return [
      {
        type: "subflow.completed",
        childId: effect.childId,
        outcome: run.state.outcome ?? run.state.status,
        status: run.state.status as "completed" | "cancelled",
        variables: { ...run.state.variables },
      },
    ];
  };

  /** Applies one effect to the in-memory rows; returns follow-up events (a child's end). */
  const applyEffect = (effect: Effect): FlowEvent[] => {
    if (LISTED.has(effect.type))
      note({ kind: "effect", effect: addressed(effect as ListedEffect) });
    switch (effect.type) {
      case "task.create":
        tasks.set(effect.taskId, {
          taskId: effect.taskId,
          tokenId: effect.tokenId,
          nodeId: effect.nodeId,
          kind: effect.kind,
          assignees: effect.assignees,
          assignment: effect.assignment,
          createdAt: clock.now(),
          ...(effect.dueAt === undefined ? {} : { dueAt: effect.dueAt }),
          ...(effect.sla === undefined ? {} : { sla: effect.sla }),
          ...(effect.fields === undefined ? {} : { fields: effect.fields }),
        });
        return [];
      case "task.cancel":
        tasks.delete(effect.taskId);
        return [];
      case "task.update": {
        const task = tasks.get(effect.taskId);
        if (!task) return [];
        if (effect.complete) {
          tasks.delete(effect.taskId);
          return [];
        }
        let assignees = effect.assignees ?? task.assignees;
        if (effect.addAssignees) assignees = [...new Set([...assignees, ...effect.addAssignees])];
        const { dueAt: _d, ...rest } = task;
        const dueAt = effect.dueAt === undefined ? task.dueAt : (effect.dueAt ?? undefined);
        tasks.set(effect.taskId, {
          ...rest,
          assignees,
          ...(dueAt === undefined ? {} : { dueAt }),
          ...(effect.sla ? { sla: effect.sla } : {}),
        });
        return [];
      }
      case "timer.schedule":
        timers.set(effect.timerId, {
          timerId: effect.timerId,
          tokenId: effect.tokenId,
          nodeId: effect.nodeId,
          kind: effect.kind,
          dueAt: effect.dueAt,
        });
        return [];
      case "timer.cancel":
        timers.delete(effect.timerId);
        return [];
      case "outbox.enqueue":
        if (effect.kind === "webhook") calls.set(effect.messageId, callOf(effect));
        return [];
      case "record.update":
        if (record && record.id === effect.recordId)
          record = { ...record, data: engine.applyPatch(record.data, effect.patch) };
        return [];
      case "subflow.start":
        return startChild(effect);
      case "subflow.cancel":
        children.delete(effect.childId);
        return [];
      default:
        return [];
    }
  };

  /**
   * A notification addressed to tasks goes to whoever holds them now, as the runtime's outbox
   * handler (engine/runtime/effects.ts) addresses it.
   */
  const addressed = (effect: ListedEffect): ListedEffect => {
    if (effect.type !== "outbox.enqueue" || effect.kind !== "notification") return effect;
    const { payload } = effect;
    if (payload.to !== undefined || !Array.isArray(payload.tasks)) return effect;
    const people = new Set<string>();
    for (const id of payload.tasks)
      for (const user of tasks.get(String(id))?.assignees ?? []) people.add(user);
    return { ...effect, payload: { ...payload, to: [...people] } };
  };

  /** One event: one step, its effects in order, then the events they lead to. */
  const send = (first: FlowEvent) => {
    const queue: FlowEvent[] = [first];
    for (let guard = 0; queue.length > 0 && guard < 1000; guard++) {
      const event = queue.shift() as FlowEvent;
      note({ kind: "event", event });
      const result = engine.step(definition, state, event, context());
      for (const entry of result.history) {
        note({ kind: "history", entry }, entry.at);
        if (entry.type === "node.entered" && entry.nodeId && !visited.includes(entry.nodeId))
          visited.push(entry.nodeId);
        if (entry.type === "node.left") takenEdges.push(entry.edgeId);
      }
      if (result.ignored !== undefined) {
        note({ kind: "ignored", reason: result.ignored });
        continue;
      }
      state = result.state;
      for (const effect of result.effects) queue.push(...applyEffect(effect));
    }
  };

  const actionsOf = (task: SimTask): TaskActions => {
    const config = (nodes.get(task.nodeId)?.config ?? {}) as NodeConfig;
    const actions = config.actions ?? {};
    const approval = task.kind === "approval";
    const returnTargets = approval ? (actions.return?.targets ?? []) : [];
    const writable: Record<string, "editable" | "required"> = {};
    for (const [path, p] of Object.entries(config.fields ?? {}))
      if (p === "editable" || p === "required") writable[path] = p;
    return {
      outcomes: approval
        ? [
            "approve",
            ...(actions.reject === false ? [] : (["reject"] as const)),
            ...(returnTargets.length > 0 ? (["return"] as const) : []),
          ]
        : ["complete"],
      returnTargets,
      commentRequired: actions.commentRequired ?? [],
      writable,
    };
  };

  /** The runtime's `checkCompletion`, against the in-memory record. */
  const refusalOf = (task: SimTask, decision: Decision): Refusal | undefined => {
    const allowed = actionsOf(task);
    const valid =
      task.kind === "approval"
        ? (APPROVAL_OUTCOMES as readonly string[]).includes(decision.outcome)
        : decision.outcome === "complete";
    if (!valid) return { code: "RUNTIME_OUTCOME_INVALID" };
    if (!allowed.outcomes.includes(decision.outcome)) return { code: "RUNTIME_ACTION_NOT_ALLOWED" };
    if (decision.outcome === "return" && !allowed.returnTargets.includes(decision.returnTo ?? ""))
      return { code: "RUNTIME_RETURN_TARGET_INVALID" };
    if (
      decision.outcome !== "complete" &&
      allowed.commentRequired.includes(decision.outcome) &&
      !decision.comment?.trim()
    )
      return { code: "RUNTIME_COMMENT_REQUIRED" };
    const config = (nodes.get(task.nodeId)?.config ?? {}) as NodeConfig;
    // A task with a form of its own keeps its data as output: its fields are not the record's.
    if (!config.fields || (nodes.get(task.nodeId)?.type === "task" && config.form !== undefined))
      return undefined;
    const paths = Object.keys(allowed.writable);
    for (const key of Object.keys(decision.data ?? {})) {
      if (!paths.some((p) => p === key || p.split(".")[0] === key))
        return { code: "RUNTIME_FIELD_NOT_EDITABLE", field: key };
    }
    if (decision.outcome === "reject" || decision.outcome === "return") return undefined;
    for (const [path, permission] of Object.entries(allowed.writable)) {
      if (permission !== "required") continue;
      const value = valueAt(decision.data ?? {}, path) ?? valueAt(record?.data ?? {}, path);
      if (!filled(value)) return { code: "RUNTIME_FIELD_REQUIRED", field: path };
    }
    return undefined;
  };

  const nextTimer = (): SimTimer | undefined => {
    let next: SimTimer | undefined;
    for (const timer of timers.values()) if (!next || timer.dueAt < next.dueAt) next = timer;
    return next;
  };

  const ended = () => state.status === "completed" || state.status === "cancelled";

  /** Fires every timer due by `until`, soonest first, then leaves the clock at `until`. */
  const runUntil = (until: number) => {
    const from = clock.now();
    for (let fired = 0; fired < 10_000; fired++) {
      const due = nextTimer();
      if (!due || due.dueAt > until || ended()) break;
      timers.delete(due.timerId);
      if (due.dueAt > clock.now()) clock.set(due.dueAt);
      send({ type: "timer.fired", timerId: due.timerId, tokenId: due.tokenId });
    }
    if (until > clock.now()) clock.set(until);
    note({ kind: "clock", from, to: clock.now() });
    return clock.now();
  };

  return {
    start() {
      if (state.status !== "created") return;
      send({
        type: "start",
        ...(options.input ? { input: options.input } : {}),
        ...(options.initiator ? { initiator: options.initiator } : {}),
        ...(record ? { recordId: record.id } : {}),
      });
    },
    view() {
      const activeNodes = [
        ...new Set(state.tokens.filter((t) => t.status !== "ready").map((t) => t.nodeId)),
      ];
      return {
        now: clock.now(),
        state,
        record,
        tasks: [...tasks.values()],
        timers: [...timers.values()].sort((a, b) => a.dueAt - b.dueAt),
        calls: [...calls.values()],
        children: [...children.values()].map(({ wait: _w, ...child }) => child),
        log: [...log],
        visited: [...visited],
        takenEdges: [...takenEdges],
        activeNodes,
      };
    },
    actions(taskId) {
      const task = tasks.get(taskId);
      return task ? actionsOf(task) : undefined;
    },
    complete(taskId, decision) {
      const task = tasks.get(taskId);
      if (!task) return { code: "RUNTIME_TASK_NOT_OPEN" };
      const refusal = refusalOf(task, decision);
      if (refusal) return refusal;
      tasks.delete(taskId);
      send({
        type: "task.completed",
        taskId,
        tokenId: task.tokenId,
        outcome: decision.outcome,
        actor: decision.actor ?? task.assignees[0] ?? "simulator",
        ...(decision.returnTo ? { returnTo: decision.returnTo } : {}),
        ...(decision.data && Object.keys(decision.data).length > 0 ? { data: decision.data } : {}),
        ...(decision.comment ? { comment: decision.comment } : {}),
      });
      return undefined;
    },
    advance(ms) {
      return runUntil(clock.now() + Math.max(0, ms));
    },
    advanceToNextTimer() {
      const next = nextTimer();
      return runUntil(next ? Math.max(next.dueAt, clock.now()) : clock.now());
    },
    nextTimer,
    respond(messageId, ok, body = {}) {
      if (!calls.delete(messageId)) return;
      send({
        type: "outbox.result",
        messageId,
        ok,
        final: true,
        attempt: 1,
        ...(ok
          ? { response: { status: 200, body } }
          : { error: { code: "SIMULATED", message: "simulated failure" } }),
      });
    },
    finishChild(childId, outcome) {
      const child = children.get(childId);
      if (!child) return;
      children.delete(childId);
      note({ kind: "child", flow: child.flow, childId, status: "completed", outcome });
      if (child.wait) send({ type: "subflow.completed", childId, outcome, status: "completed" });
    },
    changeRecord(patch) {
      if (!record) return;
      const before = record.data;
      record = { ...record, data: engine.applyPatch(record.data, patch) };
      const changed = Object.keys(record.data).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(record?.data[k]),
      );
      if (changed.length === 0) return;
      const waits = state.tokens.some((t) => t.status === "waiting" && t.wait?.record === true);
      if (waits) send({ type: "record.changed", recordId: record.id, changedFields: changed });
    },
  };
}

function callOf(effect: OutboxEnqueueEffect): PendingCall {
  return { messageId: effect.messageId, nodeId: effect.nodeId, payload: effect.payload };
}
