/**
 * @module rules/compile
 * Compiles a JSON Logic rule into nested closures: variable paths split once, pure operations
 * over constants folded, small arities specialised. Problems are collected as issues with JSON
 * pointers into the rule; the caller throws them together.
 */
import { issue } from "../errors/kam-error.ts";
import { ptrAt } from "../errors/pointer.ts";
import { ArgKind, argKindAt } from "./arg-types.ts";
import type { CompiledNode, CompileState, Evaluate, SchemaScope, Token } from "./compiled-node.ts";
import { constantNode } from "./compiled-node.ts";
import type { FormContext } from "./forms/form-context.ts";
import { booleanOperators } from "./operators/fast-paths.ts";
import { fieldComparison } from "./operators/fused.ts";
import type { EagerSpec } from "./operators/table.ts";
import { subtreeKey } from "./repeated.ts";
import { schemaTypes } from "./schema-paths.ts";
import { isOperation } from "./shape.ts";
import { specialiseCall } from "./specialise.ts";

/**
 * Freezes an array the compiler built for a constant, since one instance is now returned by every
 * evaluation (json-logic-js builds a fresh one each time). Inner arrays were frozen when they were
 * built; object literals are the rule's own objects, returned by reference as json-logic-js does.
 */
function freezeArray<T>(value: T): T {
  if (Array.isArray(value)) Object.freeze(value);
  return value;
}

function checkKind(
  state: CompileState,
  node: CompiledNode,
  kind: ArgKind | undefined,
  operator: string,
  pointer: string,
): void {
  if (!kind || !node.fieldSchema) return;
  const types = schemaTypes(node.fieldSchema);
  if (!types) return;
  const allowed: readonly string[] = ArgKind[kind];
  if (types.some((t) => allowed.includes(t))) return;
  state.issues.push(
    issue("RULE_FIELD_TYPE", pointer, {
      path: node.fieldPath,
      actual: types.join("|"),
      operator,
      expected: allowed.filter((t) => t !== "null").join("|"),
    }),
  );
}

function compileArrayLiteral(
  state: CompileState,
  rule: readonly unknown[],
  tokens: readonly Token[],
  scope: SchemaScope | undefined,
): CompiledNode {
  const items = rule.map((item, i) => compileNode(state, item, [...tokens, i], scope));
  const cost = items.reduce((t, n) => t + n.cost, 1);
  if (items.every((n) => n.constant)) {
    const value = freezeArray(items.map((n) => n.value));
    return { fn: () => value, constant: true, value, cost };
  }
  const fns = items.map((n) => n.fn);
  const length = fns.length;
  return {
    constant: false,
    cost,
    fn: (d) => {
      const out = new Array<unknown>(length);
      for (let i = 0; i < length; i++) out[i] = (fns[i] as Evaluate)(d);
      return out;
    },
  };
}

function compileEager(
  state: CompileState,
  operator: string,
  spec: EagerSpec,
  args: readonly CompiledNode[],
  pointer: string,
): CompiledNode {
  const cost = args.reduce((t, n) => t + n.cost, 1);
  if (spec.pure && args.every((a) => a.constant)) {
    try {
      const value = spec.fn(...args.map((a) => a.value));
      // Fold to primitives and frozen arrays only; a failing call is left to fail at run time,
      // exactly where json-logic-js fails.
      return { ...constantNode(freezeArray(value)), cost };
    } catch {
      // not folded: evaluation throws the same error each time the rule runs
    }
  }
  return {
    fn: specialiseCall(operator, spec.fn, args, state.budget, pointer, spec),
    constant: false,
    cost,
    boolean: booleanOperators.has(operator),
    comparison: fieldComparison(operator, args),
  };
}

/** Evaluates `node` once per evaluation epoch and returns the cached value after that. */
function memoised(state: CompileState, node: CompiledNode): CompiledNode {
  const inner = node.fn;
  const epoch = state.epoch;
  let at = -1;
  let value: unknown;
  const fn: Evaluate = (d) => {
    if (at === epoch.n) return value;
    value = inner(d);
    at = epoch.n;
    return value;
  };
  return { ...node, fn };
}

/**
 * Compiles one rule value at `tokens` (its pointer inside the rule) against `scope`.
 * Unknown operators and arity errors are recorded and compile to a constant null.
 */
export function compileNode(
  state: CompileState,
  rule: unknown,
  tokens: readonly Token[],
  scope: SchemaScope | undefined,
): CompiledNode {
  if (Array.isArray(rule)) return compileArrayLiteral(state, rule, tokens, scope);
  if (!isOperation(rule)) return constantNode(rule);

  const operator = Object.keys(rule)[0] as string;
  const raw = rule[operator];
  const wrapped = !Array.isArray(raw);
  const values: readonly unknown[] = wrapped ? [raw] : (raw as unknown[]);
  const pointer = ptrAt(state.base, ...tokens, operator);
  const spec = state.ops.get(operator);
  if (!spec) {
    state.issues.push(issue("RULE_UNKNOWN_OPERATOR", pointer, { operator }));
    return constantNode(null);
  }
  if (values.length < spec.minArgs || values.length > spec.maxArgs) {
    const expected =
      spec.minArgs === spec.maxArgs
        ? String(spec.minArgs)
        : Number.isFinite(spec.maxArgs)
          ? `${spec.minArgs}–${spec.maxArgs}`
          : `≥${spec.minArgs}`;
    state.issues.push(issue("RULE_ARITY", pointer, { operator, expected, actual: values.length }));
    return constantNode(null);
  }

  const argTokens = (i: number): Token[] =>
    wrapped ? [...tokens, operator] : [...tokens, operator, i];
  const argPointer = (i: number) => ptrAt(state.base, ...argTokens(i));

  if (spec.form === "eager") {
    const args = values.map((value, i) => {
      const node = compileNode(state, value, argTokens(i), scope);
      checkKind(state, node, argKindAt(spec.argKinds, i), operator, argPointer(i));
      return node;
    });
    const compiled = compileEager(state, operator, spec, args, pointer);
    if (compiled.constant || state.loopDepth > 0 || state.repeated.size === 0) return compiled;
    const key = subtreeKey(rule);
    if (!state.repeated.has(key)) return compiled;
    // A repeated subtree: compiled (and checked) at each place, evaluated once per evaluation.
    const shared = state.shared.get(key) ?? memoised(state, compiled);
    state.shared.set(key, shared);
    return shared;
  }

  const context: FormContext = {
    state,
    values,
    pointer,
    scope,
    argTokens,
    argPointer,
    compileArg: (i) => compileNode(state, values[i], argTokens(i), scope),
    compileIn: (i, inner) => {
      state.loopDepth++;
      try {
        return compileNode(state, values[i], argTokens(i), inner);
      } finally {
        state.loopDepth--;
      }
    },
    checkKind: (node, kind, i) => checkKind(state, node, kind, operator, argPointer(i)),
  };
  return spec.compile(context);
}
