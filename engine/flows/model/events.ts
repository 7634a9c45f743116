/**
 * @module flows/model/events
 * What can happen to an instance: the input of `step`. The runtime turns commands (complete a
 * task, fire a timer, a webhook's result…) into these events.
 */
import type { Json, JsonObject } from "./json.ts";

/** Starts a `created` instance at its start node. */
export interface StartEvent {
  readonly type: "start";
  /** Values of declared variables; undeclared names are ignored (and listed in the history). */
  readonly input?: JsonObject;
  readonly initiator?: string;
  /** Id of the record the instance runs on; its snapshot is `context.record`. */
  readonly recordId?: string;
}

/** A person finished a task (a task node's task or an approver's task). */
export interface TaskCompletedEvent {
  readonly type: "task.completed";
  readonly taskId: string;
  /** The path the task belongs to; found from `taskId` when absent. */
  readonly tokenId?: string;
  /**
   * `complete` for task nodes, `approve`/`reject` for approvals (`complete` counts as approve);
   * `return` sends an approval back to the earlier node `returnTo` (退回).
   */
  readonly outcome: "approve" | "reject" | "complete" | "return";
  /** Node id to return to (with outcome `return`): one of the node's allowed targets. */
  readonly returnTo?: string;
  /** Why nobody decided by hand, e.g. `sla` when an SLA level approved automatically. */
  readonly auto?: string;
  /** Values entered; fields the node makes editable or required are written to the record. */
  readonly data?: JsonObject;
  readonly actor: string;
  readonly comment?: string;
}

/**
 * An approver adds signers (加签): `before` themselves (they decide once the signers approved) or
 * `after` themselves (this counts as their approval, which stands once the signers approve).
 */
export interface TaskSignersEvent {
  readonly type: "task.signers";
  readonly taskId: string;
  readonly tokenId?: string;
  readonly position: "before" | "after";
  readonly users: readonly string[];
  readonly actor: string;
  readonly comment?: string;
}

/**
 * A task changed hands (转交): whoever holds it now decides in the previous holder's place, and
 * is the one asked again if the node asks that approver again (after signers, after a return).
 */
export interface TaskTransferredEvent {
  readonly type: "task.transferred";
  readonly taskId: string;
  readonly tokenId?: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string;
}

/** An assignee marks a task "waiting for customer" (pauses its SLA clock) or resumes it. */
export interface SlaPauseEvent {
  readonly type: "sla.pause";
  readonly taskId: string;
  readonly paused: boolean;
  readonly actor: string;
  readonly reason?: string;
}

/** A timer scheduled by a `timer.schedule` effect fell due. */
export interface TimerFiredEvent {
  readonly type: "timer.fired";
  readonly timerId: string;
  readonly tokenId?: string;
}

/** The HTTP response of an outbox call, as the webhook node's rules read it. */
export interface OutboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Json;
}

/**
 * The result of an outbox message. The runtime retries with back-off on its own and reports
 * `final: true` once it gives up (or on success); a non-final failure is only recorded.
 */
export interface OutboxResultEvent {
  readonly type: "outbox.result";
  readonly messageId: string;
  /** Whether a response arrived (any status); false on a network error or timeout. */
  readonly ok: boolean;
  readonly response?: OutboxResponse;
  readonly error?: { readonly code?: string; readonly message: string };
  /** No further attempt will be made. */
  readonly final: boolean;
  /** Which try this was (1-based), for the history. */
  readonly attempt?: number;
}

/** A child instance started by a `subflow.start` effect ended. */
export interface SubflowCompletedEvent {
  readonly type: "subflow.completed";
  readonly childId: string;
  readonly outcome: string;
  readonly status?: "completed" | "cancelled";
  /** The child's variables, which the subflow node's `output` rules read. */
  readonly variables?: JsonObject;
}

/** The instance's record changed (its new snapshot is `context.record`). */
export interface RecordChangedEvent {
  readonly type: "record.changed";
  readonly recordId?: string;
  readonly changedFields?: readonly string[];
}

/** Cancels the instance: every path stops, open tasks and timers are cancelled. */
export interface CancelEvent {
  readonly type: "cancel";
  readonly reason?: string;
  readonly actor?: string;
}

/** Retries the paths stopped on an incident (one, or all when `tokenId` is absent). */
export interface RetryEvent {
  readonly type: "retry";
  readonly tokenId?: string;
  readonly actor?: string;
}

/** Every event `step` accepts, discriminated by `type`. */
export type FlowEvent =
  | StartEvent
  | TaskCompletedEvent
  | TaskSignersEvent
  | TaskTransferredEvent
  | SlaPauseEvent
  | TimerFiredEvent
  | OutboxResultEvent
  | SubflowCompletedEvent
  | RecordChangedEvent
  | CancelEvent
  | RetryEvent;

/** The events a waiting node is resumed with. */
export type ResumeSignal =
  | TaskCompletedEvent
  | TaskSignersEvent
  | TaskTransferredEvent
  | TimerFiredEvent
  | OutboxResultEvent
  | SubflowCompletedEvent
  | RecordChangedEvent;

/** Event `type` values, spelled once. */
export type FlowEventType = FlowEvent["type"];
