/**
 * @module flows/model/state
 * The state of a flow instance: plain JSON the runtime stores as it is (one column) and the
 * interpreter's `step` turns into the next state. Nothing here refers to the definition except by
 * node id, so a stored state stays readable by the definition version it is pinned to.
 */
import type { ErrorCode } from "../../errors/index.ts";
import type { Json, JsonObject } from "./json.ts";

/** Version of this state format; bumped (with a migration) when its meaning changes. */
export const STATE_FORMAT = 1;

/**
 * Where an instance is.
 * - `created`: made by `initialState`, not started yet (the `start` event starts it);
 * - `running`: only ever seen inside a step;
 * - `waiting`: every path waits for a person, a timer, a call or a child flow;
 * - `completed` / `cancelled`: final;
 * - `incident`: at least one path stopped on an error; `retry` resumes it. Other paths go on.
 */
export type InstanceStatus =
  | "created"
  | "running"
  | "waiting"
  | "completed"
  | "cancelled"
  | "incident";

/** A path's status: about to enter its node, waiting there, or stopped on an incident. */
export type TokenStatus = "ready" | "waiting" | "incident";

/** One enclosing fork of a path: which parallel node split it, and which branch it is. */
export interface ForkFrame {
  readonly forkId: string;
  /** Id of the parallel node. */
  readonly nodeId: string;
  /** Index of this branch among the fork's outgoing edges. */
  readonly branch: number;
  /** How many branches the fork started. */
  readonly width: number;
}

/**
 * What a waiting path waits for. The ids let the interpreter route an event to its path
 * (task.completed → `tasks`, timer.fired → `timers`, …); whatever is still listed when the path
 * leaves the node is cancelled (tasks, timers, child instances).
 */
export interface WaitInfo {
  /** What the path mainly waits for, for inboxes and the instance view. */
  readonly for: "task" | "timer" | "message" | "subflow" | "record";
  /** When the path started waiting (epoch ms). */
  readonly since: number;
  readonly tasks?: readonly string[];
  readonly timers?: readonly string[];
  readonly messages?: readonly string[];
  readonly children?: readonly string[];
  /** Re-checked on every `record.changed` (a wait-until-condition). */
  readonly record?: boolean;
  /** The node's own bookkeeping, e.g. an approval's tally; only its executor reads it. */
  readonly data?: Json;
  /** The node's SLA clock, kept by the interpreter across the node's waits. */
  readonly sla?: SlaClock;
}

/** An error that stopped a path, located in the definition. */
export interface IncidentInfo {
  readonly code: ErrorCode;
  /** English sentence from the catalog; render another locale from `code` and `params`. */
  readonly message: string;
  /** JSON pointer into the definition, e.g. `/nodes/4/config/until`. */
  readonly pointer: string;
  readonly params: JsonObject;
  readonly nodeId: string;
  readonly tokenId: string;
  readonly at: number;
}

/** Calendar an SLA duration counts on. */
export type SlaCalendar = "natural" | "business";

/**
 * One SLA deadline still ahead: a ladder level (by index into the node's `sla.levels`) or the
 * target. While running it has a timer and a due time; while paused only the time that was left,
 * measured on its calendar, so it resumes with exactly that.
 */
export interface SlaDeadline {
  /** Index of the level in `sla.levels`, or -1 for the target. */
  readonly level: number;
  readonly calendar: SlaCalendar;
  /** Times this level fired so far (repeats). */
  readonly fired: number;
  readonly timerId?: string;
  readonly dueAt?: number;
  /** Milliseconds left on `calendar`, while paused. */
  readonly remaining?: number;
}

/** The SLA clock of a waiting task or approval node (see engine/flows/sla). */
export interface SlaClock {
  /** When the clock started (the node's activation). */
  readonly startedAt: number;
  /** Deadlines still ahead, the target included until it is met or breached. */
  readonly deadlines: readonly SlaDeadline[];
  /** Due time of the target, once known (kept after a breach for the record). */
  readonly targetDueAt?: number;
  readonly breached: boolean;
  /** A warning level fired: the work is at risk. */
  readonly warning: boolean;
  /** Set while the clock is paused ("waiting for customer"). */
  readonly paused?: { readonly at: number; readonly by: string; readonly reason?: string };
  /** Milliseconds spent paused so far. */
  readonly pausedMs: number;
}

/** One active path of an instance. */
export interface Token {
  readonly id: string;
  readonly nodeId: string;
  readonly status: TokenStatus;
  /** Unique per node entry within the instance: idempotency keys are derived from it. */
  readonly activation: number;
  /** Incident retries of this entry (0 at first). */
  readonly attempt: number;
  /** When the path entered its node (epoch ms). */
  readonly enteredAt: number;
  /** The edge it arrived by. */
  readonly via?: string;
  /** Set when the path was sent back here by a return (退回): from which node, by whom. */
  readonly returned?: { readonly from: string; readonly by: string };
  /** Enclosing forks, innermost last. */
  readonly scope: readonly ForkFrame[];
  readonly wait?: WaitInfo;
  readonly incident?: IncidentInfo;
}

/** Bookkeeping of one join for one fork: the branches arrived, and whether it has continued. */
export interface JoinState {
  readonly arrived: readonly number[];
  readonly released: boolean;
}

/** The whole state of an instance. */
export interface InstanceState {
  readonly format: typeof STATE_FORMAT;
  readonly instanceId: string;
  readonly status: InstanceStatus;
  /** Outcome of the end node that completed it (or `cancelled`). */
  readonly outcome?: string;
  readonly initiator?: string;
  readonly recordId?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly tokens: readonly Token[];
  readonly variables: Readonly<JsonObject>;
  /** The last output of each node by node id (a task's data, an approval's decisions, …). */
  readonly outputs: Readonly<JsonObject>;
  /** Join bookkeeping keyed by `<join node id>@<fork id>`. */
  readonly joins: Readonly<Record<string, JoinState>>;
  readonly counters: {
    /** Source of every id and activation number the instance mints. */
    readonly seq: number;
    /** Step calls that changed the state. */
    readonly steps: number;
    /** Node entries over the instance's life. */
    readonly transitions: number;
  };
  /** The first open incident, for lists; each stopped token carries its own. */
  readonly incident?: IncidentInfo;
}

/**
 * The state of a new instance, before its `start` event.
 * @example step(definition, initialState("inst-1"), { type: "start", initiator: "u1" }, ctx)
 */
export function initialState(instanceId: string): InstanceState {
  return {
    format: STATE_FORMAT,
    instanceId,
    status: "created",
    tokens: [],
    variables: {},
    outputs: {},
    joins: {},
    counters: { seq: 0, steps: 0, transitions: 0 },
  };
}
