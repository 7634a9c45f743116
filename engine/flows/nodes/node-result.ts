/**
 * @module flows/nodes/node-result
 * What an executor returns: a discriminated union saying where the path goes, plus the effects
 * it requests and the history it records, as data. Executors never perform an effect.
 */
import type { ErrorCode } from "../../errors/index.ts";
import type { Effect } from "../model/effects.ts";
import type { HistoryRecord } from "../model/history.ts";
import type { Json, JsonObject } from "../model/json.ts";
import type { JoinState, WaitInfo } from "../model/state.ts";

/** Parts every result may carry. */
export interface ResultParts {
  /** Effects for the runtime, in order. A `record.update` also updates the record later nodes see. */
  readonly effects?: readonly Effect[];
  /**
   * Decisions to record; the interpreter stamps them with the time, token and node in place, so
   * return fresh objects (never a shared constant).
   */
  readonly history?: readonly HistoryRecord[];
  /** Variables to set (merged into the instance's variables). */
  readonly variables?: Readonly<JsonObject>;
  /** The node's output, kept as `outputs[nodeId]` and readable by later rules as `nodes.<id>`. */
  readonly output?: Json;
}

/** What a path waits for; the interpreter adds `since`. */
export type WaitRequest = Omit<WaitInfo, "since">;

/** A located failure: the path stops and the instance becomes an incident. */
export interface NodeFailure {
  readonly code: ErrorCode;
  /** Pointer into the definition. */
  readonly pointer: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Leave by an output port (its one edge). */
export interface NextResult extends ResultParts {
  readonly kind: "next";
  readonly port: string;
}

/** Leave by one chosen edge (an exclusive branch). */
export interface TakeResult extends ResultParts {
  readonly kind: "take";
  readonly edge: string;
}

/** Leave by several edges at once: one new path per edge, inside a new fork. */
export interface ForkResult extends ResultParts {
  readonly kind: "fork";
  readonly edges: readonly string[];
}

/** Stay and wait; replaces what the path waited for before (dropped ids are cancelled). */
export interface WaitResult extends ResultParts {
  readonly kind: "wait";
  readonly wait: WaitRequest;
}

/**
 * Arrive at a join: the path is absorbed into the innermost fork's bookkeeping (`join`, or null
 * to drop it); with `release`, one path continues by the node's default port outside that fork,
 * and with `cancelRest` the fork's other paths are cancelled.
 */
export interface MergeResult extends ResultParts {
  readonly kind: "merge";
  readonly join: JoinState | null;
  readonly release: boolean;
  readonly cancelRest: boolean;
}

/** End the path with an outcome; `terminate` ends the whole instance (cancelling other paths). */
export interface EndResult extends ResultParts {
  readonly kind: "end";
  readonly outcome: string;
  readonly terminate: boolean;
}

/**
 * Send the path back to an earlier node (退回): it enters `nodeId` again as a new activation,
 * knowing it was returned (and by whom). The graph check keeps the target on the same branch.
 */
export interface JumpResult extends ResultParts {
  readonly kind: "jump";
  readonly nodeId: string;
  readonly by: string;
}

/** Stop the path on an error: an incident, retryable. */
export interface FailResult extends ResultParts {
  readonly kind: "fail";
  readonly error: NodeFailure;
}

/** Every executor result. */
export type NodeResult =
  | NextResult
  | TakeResult
  | ForkResult
  | WaitResult
  | MergeResult
  | JumpResult
  | EndResult
  | FailResult;
