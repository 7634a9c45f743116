/**
 * @module flows/interpreter/context
 * The ports `step` is given: all synchronous, all injected, so a step is a pure function of
 * (definition, state, event, context). The runtime preloads what they answer (the directory, the
 * record) before it calls `step` inside its transaction.
 */
import type { ApproverSpec } from "../../../schemas/index.ts";
import type { RuleEngine } from "../../rules/index.ts";
import type { Effect } from "../model/effects.ts";
import type { HistoryEntry } from "../model/history.ts";
import type { JsonObject } from "../model/json.ts";
import type { InstanceState } from "../model/state.ts";
import type { CalendarKind, IdKind, RecordSnapshot } from "../nodes/node-context.ts";
import type { NodeRegistry } from "../nodes/registry.ts";

/** What an approver spec is resolved against. */
export interface DirectoryContext {
  readonly initiator?: string;
  readonly record?: RecordSnapshot;
  readonly variables: Readonly<JsonObject>;
}

/**
 * Resolves approver specs to user ids (user and role here; issue #4 adds managers, account
 * teams, delegations, departed users…). Synchronous: the runtime preloads what it needs.
 */
export interface Directory {
  resolve(spec: ApproverSpec, context: DirectoryContext): readonly string[];
  /** Who gets an approval nobody else was found for (`emptyApprovers: route-to-admin`). */
  approvalAdmins?(): readonly string[];
}

/**
 * Mints the ids of tasks, timers, outbox messages, child instances and records. Given the
 * instance's next sequence number, so a pure source (the default) keeps `step` deterministic.
 * @default `${instanceId}:${kind}:${seq}`
 */
export type IdSource = (
  kind: IdKind,
  hint: { readonly instanceId: string; readonly seq: number },
) => string;

/** Adds a duration on a calendar; issue #4's business calendars plug in here. */
export interface DurationCalendar {
  /** The epoch ms `duration` (ISO-8601) after `from`; null when the duration is invalid. */
  add(from: number, duration: string, calendar: CalendarKind): number | null;
  /**
   * The instant `ms` of `calendar` time after `from` (working milliseconds on "business"): how a
   * paused SLA clock resumes with the time that was left. Plain addition when absent.
   */
  addMs?(from: number, ms: number, calendar: CalendarKind): number;
  /** Milliseconds of `calendar` time in `[from, to)`; plain subtraction when absent. */
  between?(from: number, to: number, calendar: CalendarKind): number;
}

/** Limits of one step. */
export interface StepLimits {
  /**
   * Node entries one `step` call may make before the instance stops as an incident.
   * @default 1000
   */
  readonly maxTransitions?: number;
}

/** The context of a `step` call. */
export interface StepContext {
  /** The time of the step (epoch ms). */
  readonly now: number;
  /** A rule engine whose clock reads `now`; keep one per instance (or process) so rules stay compiled. */
  readonly rules: RuleEngine;
  readonly directory: Directory;
  /** The record the instance runs on, as of the start of the step. */
  readonly record?: RecordSnapshot | null;
  readonly ids?: IdSource;
  /** Counts business-calendar durations; without it, every duration is counted naturally. */
  readonly calendar?: DurationCalendar;
  /**
   * Zone of calendar dates (a wait `until` a date).
   * @default "Asia/Shanghai"
   */
  readonly timeZone?: string;
  /** Node types; the built-in ones by default. */
  readonly registry?: NodeRegistry;
  readonly limits?: StepLimits;
}

/** What a step produced. */
export interface StepResult {
  readonly state: InstanceState;
  /** To apply in the same transaction as `state`, in order. */
  readonly effects: readonly Effect[];
  /** To append to the instance history. */
  readonly history: readonly HistoryEntry[];
  /**
   * Set when the event did not apply (a task already completed, a timer of a path that moved
   * on, an event for a finished instance): `state` is the input state and nothing happened.
   */
  readonly ignored?: string;
}
