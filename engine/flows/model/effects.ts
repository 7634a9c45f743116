/**
 * @module flows/model/effects
 * What a step asks the runtime to do, as data. The runtime applies a step's effects in the same
 * transaction as its new state, in the order given; the interpreter never performs them.
 */
import type { ErrorCode } from "../../errors/index.ts";
import type { JsonObject } from "./json.ts";

/** Where an effect comes from (absent on instance-level effects). */
interface FromToken {
  readonly tokenId: string;
  readonly nodeId: string;
}

/** Access of a person working on a node to one field (keyed by field path). */
export type FieldPermission = "hidden" | "read-only" | "editable" | "required";

/** Create a task for people (a task node's task or one approver's task). */
export interface TaskCreateEffect extends FromToken {
  readonly type: "task.create";
  readonly taskId: string;
  readonly kind: "task" | "approval";
  /** Resolved user ids: candidates for a claim task, the one approver of an approval task. */
  readonly assignees: readonly string[];
  /** `claim`: the first assignee to claim it does it. */
  readonly assignment: "claim" | "single";
  /** Key of the form filled in the task; the record's own form when absent. */
  readonly form?: string;
  readonly fields?: Readonly<Record<string, FieldPermission>>;
  /** Approval tasks: the approver's position in a sequential chain (0-based). */
  readonly sequence?: number;
  /** When the task is due under its node's SLA (epoch ms). */
  readonly dueAt?: number;
  /** SLA state at creation, when the node has a clock (e.g. `paused` while it is paused). */
  readonly sla?: TaskSlaState;
}

/** SLA state of a task as inboxes show it. */
export type TaskSlaState = "on-track" | "warning" | "breached" | "paused";

/**
 * Change an open task: who holds it (an SLA escalation adds people, a reassignment replaces
 * them), its due time and SLA state, or close it as decided by the system (an SLA auto-approve).
 */
export interface TaskUpdateEffect extends FromToken {
  readonly type: "task.update";
  readonly taskId: string;
  /** Added to the people who may act on the task (they act in the original holder's place). */
  readonly addAssignees?: readonly string[];
  /** Replace the people who may act on the task. */
  readonly assignees?: readonly string[];
  readonly dueAt?: number | null;
  readonly sla?: TaskSlaState;
  /** Close the task as completed with this outcome, by nobody (`auto` says why). */
  readonly complete?: { readonly outcome: "approve" | "reject"; readonly auto: string };
}

/** Cancel an open task (a decision was reached, the path moved on or was cancelled). */
export interface TaskCancelEffect extends FromToken {
  readonly type: "task.cancel";
  readonly taskId: string;
}

/** Schedule a timer; the runtime fires it as `timer.fired` once `dueAt` is reached. */
export interface TimerScheduleEffect extends FromToken {
  readonly type: "timer.schedule";
  readonly timerId: string;
  /**
   * `wait`: a wait node's duration or date; `timeout`: a wait-until-condition's limit; `sla`: a
   * deadline of a node's SLA ladder.
   */
  readonly kind: "wait" | "timeout" | "sla";
  /** Epoch ms. */
  readonly dueAt: number;
}

/** Cancel a pending timer. */
export interface TimerCancelEffect extends FromToken {
  readonly type: "timer.cancel";
  readonly timerId: string;
}

/** Write a message to the outbox (a webhook call, an e-mail, an in-app notification). */
export interface OutboxEnqueueEffect extends FromToken {
  readonly type: "outbox.enqueue";
  readonly messageId: string;
  readonly kind: "webhook" | "email" | "notification";
  /** The same for every retry of one call: `<instance>:<token>:<activation>:<attempt>[:suffix]`. */
  readonly idempotencyKey: string;
  readonly payload: JsonObject;
}

/** Set fields of the instance's record; keys are dotted field paths (`contact.email`). */
export interface RecordUpdateEffect extends FromToken {
  readonly type: "record.update";
  readonly recordId: string;
  readonly patch: JsonObject;
}

/** Create a record of a form. */
export interface RecordCreateEffect extends FromToken {
  readonly type: "record.create";
  readonly recordId: string;
  readonly form: string;
  readonly data: JsonObject;
}

/** Re-evaluate a tier model for a record now and store any change. */
export interface TierRecomputeEffect extends FromToken {
  readonly type: "tier.recompute";
  readonly recordId: string;
  readonly model: string;
}

/** Start a child instance of another flow (its latest published version). */
export interface SubflowStartEffect extends FromToken {
  readonly type: "subflow.start";
  readonly childId: string;
  readonly flow: string;
  readonly recordId?: string;
  readonly input: JsonObject;
  /** Whether this instance waits for the child's `subflow.completed`. */
  readonly waitForCompletion: boolean;
}

/** Cancel a child instance this instance no longer waits for. */
export interface SubflowCancelEffect extends FromToken {
  readonly type: "subflow.cancel";
  readonly childId: string;
}

/** The instance ended: notify a parent, fire `flow.completed` triggers. */
export interface InstanceCompletedEffect {
  readonly type: "instance.completed";
  readonly status: "completed" | "cancelled";
  readonly outcome: string;
  readonly variables: JsonObject;
}

/** A path stopped on an error; the runtime lists it as an open incident. */
export interface IncidentRaiseEffect extends FromToken {
  readonly type: "incident.raise";
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly pointer: string;
    readonly params: JsonObject;
  };
}

/** An incident was retried (the runtime closes its incident record). */
export interface IncidentResolveEffect extends FromToken {
  readonly type: "incident.resolve";
}

/** Every effect, discriminated by `type`. */
export type Effect =
  | TaskCreateEffect
  | TaskCancelEffect
  | TaskUpdateEffect
  | TimerScheduleEffect
  | TimerCancelEffect
  | OutboxEnqueueEffect
  | RecordUpdateEffect
  | RecordCreateEffect
  | TierRecomputeEffect
  | SubflowStartEffect
  | SubflowCancelEffect
  | InstanceCompletedEffect
  | IncidentRaiseEffect
  | IncidentResolveEffect;

/** Effect `type` values, spelled once. */
export type EffectType = Effect["type"];
