/**
 * @module rules/compiled-node
 * What the compiler produces for each part of a rule, and the state one compilation shares.
 */
import type { Issue } from "../errors/kam-error.ts";
import type { Budget } from "./budget.ts";
import type { OperatorTable } from "./operators/table.ts";
import type { SchemaNode } from "./schema-paths.ts";

export type Evaluate = (data: unknown) => unknown;

/** A comparison of one top-level field with a constant, e.g. `annualPurchase >= 1000000`. */
export interface FieldComparison {
  readonly key: string;
  readonly operator: string;
  readonly value: unknown;
}

export interface CompiledNode {
  readonly fn: Evaluate;
  /** The node always yields `value` (a literal, or a folded pure operation). */
  readonly constant: boolean;
  readonly value?: unknown;
  /** JSON values in this subtree: what one evaluation of it costs in a loop. */
  readonly cost: number;
  /** For a static `var`: the schema node its path resolved to, for argument type checks. */
  readonly fieldSchema?: SchemaNode;
  /** For a static `var`: its dotted path, for messages. */
  readonly fieldPath?: string;
  /** For `{"var": "<one key>"}` without a default: the key, so a parent can read it inline. */
  readonly fieldKey?: string;
  /** For a fused "field op constant" comparison: its parts, so a parent `and` can fuse them. */
  readonly comparison?: FieldComparison;
  /** Always yields a boolean, so a condition on it needs no truthiness check. */
  readonly boolean?: boolean;
}

/** Schema of the data in scope: the form's record, or the items inside map/filter/reduce. */
export interface SchemaScope {
  readonly root: SchemaNode;
  readonly node: SchemaNode;
}

export type Token = string | number;

export interface CompileState {
  readonly ops: OperatorTable;
  readonly budget: Budget;
  readonly issues: Issue[];
  /** Pointer of the rule inside its document. */
  readonly base: string;
  /**
   * Compiles and evaluates a rule found in data (json-logic-js re-applies `missing` keys), on the
   * running evaluation's budget; its errors are located at `pointer`, the node that ran it.
   */
  readonly evaluateDynamic: (rule: unknown, data: unknown, pointer: string) => unknown;
  /** Incremented by the entry point on every evaluation; shared subtrees cache per epoch. */
  readonly epoch: { n: number };
  /** Subtrees (by canonical JSON) that occur more than once in the rule's top-level scope. */
  readonly repeated: ReadonlySet<string>;
  /** Compiled shared subtrees by canonical JSON. */
  readonly shared: Map<string, CompiledNode>;
  /** >0 while compiling the body of map/filter/reduce/all/some/none (data differs per item). */
  loopDepth: number;
}

export function constantNode(value: unknown): CompiledNode {
  return { fn: () => value, constant: true, value, cost: 1 };
}
