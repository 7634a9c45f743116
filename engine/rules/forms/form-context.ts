/**
 * @module rules/forms/form-context
 * What a special form (if, and, map, var…) receives to compile itself.
 */
import type { ArgKind } from "../arg-types.ts";
import type { CompiledNode, CompileState, SchemaScope, Token } from "../compiled-node.ts";

export interface FormContext {
  readonly state: CompileState;
  /** The operation's arguments as written (a lone argument already wrapped in an array). */
  readonly values: readonly unknown[];
  /** Pointer of the operation itself. */
  readonly pointer: string;
  /** Pointer tokens of argument `index`, relative to the rule. */
  argTokens(index: number): Token[];
  /** Pointer of argument `index`. */
  argPointer(index: number): string;
  /** Schema of the data in scope, when the rule was compiled against one. */
  readonly scope: SchemaScope | undefined;
  /** Compiles argument `index` in the current scope. */
  compileArg(index: number): CompiledNode;
  /** Compiles argument `index` against another data scope (undefined: unknown, unchecked). */
  compileIn(index: number, scope: SchemaScope | undefined): CompiledNode;
  /** Reports RULE_FIELD_TYPE when `node` is a field read whose type does not fit `kind`. */
  checkKind(node: CompiledNode, kind: ArgKind | undefined, index: number): void;
}

export type FormCompiler = (context: FormContext) => CompiledNode;
