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
import type { InstanceState, InstanceStatus, JoinState, Token } from "../model/state.ts";
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
  const incident = run.tokens.find((t) => t.status === "incident")?.incident;
  let status = run.status;
  if (status !== "completed" && status !== "cancelled") {
    status = incident ? "incident" : "waiting";
  }
  const optional = {
    ...(run.outcome === undefined ? {} : { outcome: run.outcome }),
    ...(run.initiator === undefined ? {} : { initiator: run.initiator }),
    ...(run.recordId === undefined ? {} : { recordId: run.recordId }),
    ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
    ...(run.endedAt === undefined ? {} : { endedAt: run.endedAt }),
    ...(incident === undefined ? {} : { incident }),
  };
  return {
    format: 1,
    instanceId: run.instanceId,
    status,
    ...optional,
    tokens: run.tokens,
    variables: run.variables,
    outputs: run.outputs,
    joins: run.joins,
    counters: { seq: run.seq, steps: run.steps + 1, transitions: run.transitions },
  };
}

/** Appends a history entry stamped with the step's time (and the token and node, if any). */
export function log(run: Run, entry: HistoryRecord, token?: Pick<Token, "id" | "nodeId">): void {
  run.history.push(
    token
      ? { at: run.ctx.now, tokenId: token.id, nodeId: token.nodeId, ...entry }
      : { at: run.ctx.now, ...entry },
  );
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
