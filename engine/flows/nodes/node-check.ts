/**
 * @module flows/nodes/node-check
 * What a node type's publish-time check sees: its node, its edges and questions about the graph
 * and the definitions around it. The graph validator builds it; node folders only ask.
 */
import type { FlowNode } from "../../../schemas/index.ts";
import type { ErrorCode, Issue } from "../../errors/index.ts";

/** An edge as checks see it. */
export interface EdgeView {
  readonly id: string;
  readonly index: number;
  /** `/edges/<index>`. */
  readonly pointer: string;
  readonly source: string;
  readonly target: string;
  /** The port it leaves by: its handle, or the source's default port. */
  readonly port: string;
  readonly handle?: string;
  readonly condition?: unknown;
  readonly default: boolean;
}

/** Facts about another flow, when the validator was given it. */
export interface FlowFacts {
  /** Outcomes of its end nodes. */
  readonly outcomes: readonly string[];
}

/** The context of one node's check. */
export interface NodeCheckContext {
  readonly node: FlowNode;
  /** `/nodes/<index>`. */
  readonly pointer: string;
  readonly outgoing: readonly EdgeView[];
  readonly incoming: readonly EdgeView[];
  hasNode(id: string): boolean;
  /** Whether a path leads from node `from` to node `to` (a node reaches itself only by a cycle). */
  reaches(from: string, to: string): boolean;
  /** Whether two nodes are inside the same parallel branches (a return may not cross a fork). */
  sameForks(a: string, b: string): boolean;
  /** For a join: the parallel node it closes and how many branches that forks. */
  readonly matchedFork?: { readonly nodeId: string; readonly width: number };
  /** The other flow `key`, or undefined when no flows were given; null when given but absent. */
  flow(key: string): FlowFacts | null | undefined;
  /** Whether form `key` exists; undefined when no forms were given. */
  formExists(key: string): boolean | undefined;
  /** An issue when `path` is not a field of the record's data schema (none without a schema). */
  checkField(path: string, pointer: string): Issue | undefined;
  /** An issue located on this node. */
  issue(code: ErrorCode, pointer: string, params?: Record<string, unknown>): Issue;
}
