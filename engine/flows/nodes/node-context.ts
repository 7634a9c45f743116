/**
 * @module flows/nodes/node-context
 * What an executor sees while it runs: the node, its path, the record and variables, the edges it
 * can leave by, and synchronous helpers (rules, approver resolution, ids, due times). The
 * interpreter builds one per call; everything is read-only to the executor.
 */
import type { ApproverSpec } from "../../../schemas/index.ts";
import type { JsonObject } from "../model/json.ts";
import type { ForkFrame, JoinState, WaitInfo } from "../model/state.ts";

/** A snapshot of the record an instance runs on. */
export interface RecordSnapshot {
  readonly id: string;
  readonly form?: string;
  readonly data: Readonly<JsonObject>;
  readonly owner?: string;
  readonly team?: string;
  /** The record's tier in force per tier model (model key → tier key), when the runtime read it. */
  readonly tiers?: Readonly<Record<string, string>>;
}

/** Kinds of ids an instance mints through the id port. */
export type IdKind = "task" | "timer" | "message" | "instance" | "record";

/** An edge leaving the node, as executors see it. */
export interface OutgoingEdge {
  readonly id: string;
  readonly target: string;
  /** The output port it leaves by (the node's default port when the edge has no handle). */
  readonly port: string;
  /** Pointer of the edge in the definition, e.g. `/edges/4`. */
  readonly pointer: string;
  readonly condition?: unknown;
  readonly default: boolean;
}

/** The data flow rules read. */
export interface RuleScope {
  /** The record's data (null for record-less flows). */
  readonly record: Readonly<JsonObject> | null;
  readonly variables: Readonly<JsonObject>;
  readonly initiator: string | null;
  readonly instance: { readonly id: string; readonly recordId: string | null };
  /** Outputs of nodes that ran, by node id. */
  readonly nodes: Readonly<JsonObject>;
  /** The record's tiers by model key, e.g. `{ "value-tier": "strategic-core" }`. */
  readonly tiers: Readonly<Record<string, string>>;
}

/** Calendar a duration is counted on. */
export type CalendarKind = "natural" | "business";

/** The context of one executor call. */
export interface NodeContext {
  readonly instanceId: string;
  readonly node: { readonly id: string; readonly pointer: string };
  readonly token: {
    readonly id: string;
    readonly activation: number;
    readonly attempt: number;
    readonly enteredAt: number;
    readonly wait?: WaitInfo;
    /** Set when an approver returned the path here (退回). */
    readonly returned?: { readonly from: string; readonly by: string };
  };
  /** The step's time (epoch ms). */
  readonly now: number;
  readonly initiator?: string;
  /** Zone in which calendar dates are read (`until` a date). */
  readonly timeZone: string;
  /** The record as the step has it so far (earlier record updates of this step applied). */
  readonly record?: RecordSnapshot;
  readonly variables: Readonly<JsonObject>;
  readonly outgoing: readonly OutgoingEdge[];
  /** The innermost fork of the path (joins read it). */
  readonly fork?: ForkFrame;
  /** The join bookkeeping of this node for `fork`. */
  readonly joinState?: JoinState;
  readonly scope: RuleScope;
  /**
   * Evaluates the rule found at `pointer` in the definition against `data` (the scope when
   * absent). Compiled once per definition and rule engine. Throws a KamError when it fails,
   * which stops the path as an incident.
   */
  evaluate(rule: unknown, pointer: string, data?: unknown): unknown;
  /** `evaluate` read as a JSON Logic truth value. */
  test(rule: unknown, pointer: string, data?: unknown): boolean;
  /**
   * Resolves approver specs to distinct user ids through the directory, in spec order, and
   * records the resolution (spec → users) in the history.
   */
  resolve(specs: readonly ApproverSpec[], pointer: string): readonly string[];
  /** The workspace's approval admins (for `emptyApprovers: route-to-admin`). */
  approvalAdmins(): readonly string[];
  /** A new id (deterministic given the state and the id port). */
  newId(kind: IdKind): string;
  /** The epoch ms `duration` (ISO-8601) after `from` on a calendar; throws a KamError if invalid. */
  dueAt(duration: string, calendar: CalendarKind, pointer: string): number;
  /** The idempotency key of this node entry and attempt, plus an optional suffix. */
  idempotencyKey(suffix?: string): string;
}
