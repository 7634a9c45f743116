/**
 * @module flows/interpreter/run
 * The working copy of one step: the state's parts as mutable copies (never the caller's
 * objects), the effects and history collected so far, and the record as the step has changed
 * it. `openRun` copies a state in, `closeRun` gives the next state out.
 */
import type { FlowDefinition } from "../../../schemas/index.ts";
import type { Effect } from "../model/effects.ts";
import type { HistoryEntry, HistoryRecord } from "../model/history.ts";
import type { JsonObject } from "../model/json.ts";
import {
  type IncidentInfo,
  type InstanceState,
  type InstanceStatus,
  type JoinState,
  STATE_FORMAT,
  type Token,
} from "../model/state.ts";
import { builtinRegistry } from "../nodes/index.ts";
import type { IdKind, RecordSnapshot } from "../nodes/node-context.ts";
import type { StepContext } from "./context.ts";
import { type FlowIndex, indexFlow } from "./flow-index.ts";

/** Default step limit: node entries per `step` call. */
export const DEFAULT_MAX_TRANSITIONS = 1000;

/** The mutable working copy of a step. */
export interface Run {
  readonly ctx: StepContext;
  readonly index: FlowIndex;
  readonly definition: FlowDefinition;
  readonly instanceId: string;
  readonly maxTransitions: number;
  readonly timeZone: string;
  status: InstanceStatus;
  outcome: string | undefined;
  initiator: string | undefined;
  recordId: string | undefined;
  startedAt: number | undefined;
  endedAt: number | undefined;
  tokens: Token[];
  variables: JsonObject;
  outputs: JsonObject;
  joins: Record<string, JoinState>;
  seq: number;
  steps: number;
  transitions: number;
  /** Node entries in this step call (the step limit counts these). */
  entries: number;
  record: RecordSnapshot | undefined;
  /** The record was updated by this step (waits on a record condition are re-checked). */
  recordChanged: boolean;
  /** Outcome of the last end a path reached without terminating the instance. */
  lastOutcome: string | undefined;
  readonly effects: Effect[];
  readonly history: HistoryEntry[];
}

/** Copies `state` into a working run. */
export function openRun(definition: FlowDefinition, state: InstanceState, ctx: StepContext): Run {
  const registry = ctx.registry ?? builtinRegistry();
  return {
    ctx,
    index: indexFlow(definition, registry),
    definition,
    instanceId: state.instanceId,
    maxTransitions: ctx.limits?.maxTransitions ?? DEFAULT_MAX_TRANSITIONS,
    timeZone: ctx.timeZone ?? "Asia/Shanghai",
    status: state.status,
    outcome: state.outcome,
    initiator: state.initiator,
    recordId: state.recordId,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    tokens: [...state.tokens],
    variables: { ...state.variables },
    outputs: { ...state.outputs },
    joins: { ...state.joins },
    seq: state.counters.seq,
    steps: state.counters.steps,
    transitions: state.counters.transitions,
    entries: 0,
    record: ctx.record ?? undefined,
    recordChanged: false,
    lastOutcome: undefined,
    effects: [],
    history: [],
  };
}

/** The next state: the run's parts, with the status settled from the tokens. */
export function closeRun(run: Run): InstanceState {
  let incident: IncidentInfo | undefined;
  for (const t of run.tokens) {
    if (t.status === "incident") {
      incident = t.incident;
      break;
    }
  }
  let status = run.status;
  if (status !== "completed" && status !== "cancelled") status = incident ? "incident" : "waiting";
  // Built by assignment: optional members are left out rather than stored as undefined.
  const state: Mutable<InstanceState> = {
    format: STATE_FORMAT,
    instanceId: run.instanceId,
    status,
    tokens: run.tokens,
    variables: run.variables,
    outputs: run.outputs,
    joins: run.joins,
    counters: { seq: run.seq, steps: run.steps + 1, transitions: run.transitions },
  };
  if (run.outcome !== undefined) state.outcome = run.outcome;
  if (run.initiator !== undefined) state.initiator = run.initiator;
  if (run.recordId !== undefined) state.recordId = run.recordId;
  if (run.startedAt !== undefined) state.startedAt = run.startedAt;
  if (run.endedAt !== undefined) state.endedAt = run.endedAt;
  if (incident !== undefined) state.incident = incident;
  return state;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Appends a history entry stamped with the step's time (and the token and node, if any). The
 * entry is a fresh object from an executor or the interpreter, so it is stamped in place rather
 * than copied (copying every entry was the hottest spot of a step).
 */
export function log(run: Run, entry: HistoryRecord, token?: Pick<Token, "id" | "nodeId">): void {
  const stamped = entry as HistoryEntry & { at: number; tokenId?: string; nodeId?: string };
  stamped.at = run.ctx.now;
  if (token) {
    stamped.tokenId = token.id;
    stamped.nodeId = token.nodeId;
  }
  run.history.push(stamped);
}

/** The next sequence number of the instance. */
export function nextSeq(run: Run): number {
  run.seq += 1;
  return run.seq;
}

/** A new id of `kind`, from the id port or the default `<instance>:<kind>:<seq>`. */
export function mintId(run: Run, kind: IdKind): string {
  const seq = nextSeq(run);
  return run.ctx.ids
    ? run.ctx.ids(kind, { instanceId: run.instanceId, seq })
    : `${run.instanceId}:${kind}:${seq}`;
}

/** Replaces the token with the same id. */
export function putToken(run: Run, token: Token): void {
  const i = run.tokens.findIndex((t) => t.id === token.id);
  if (i >= 0) run.tokens[i] = token;
  else run.tokens.push(token);
}

/** Removes the token with this id. */
export function dropToken(run: Run, id: string): void {
  run.tokens = run.tokens.filter((t) => t.id !== id);
}
