/**
 * @module rules/operators/table
 * The operator table of one rule engine: every operator a rule may name, with its arity and
 * argument kinds. It is built once per engine and kept private to it; nothing can widen it at
 * run time (json-logic-js's `add_operation` mutates one module-global table).
 */
import type { RuleLogger } from "../../ports.ts";
import type { ArgKinds } from "../arg-types.ts";
import { compileAnd, compileIf, compileOr } from "../forms/control.ts";
import { compileMissing, compileMissingSome, compileVar } from "../forms/data.ts";
import type { FormCompiler } from "../forms/form-context.ts";
import { scopedForms } from "../forms/scoped.ts";
import { type CustomOperatorContext, customOperators } from "./custom.ts";
import { type EagerOperator, standardEagerOperators } from "./standard.ts";

interface SpecBase {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly argKinds?: ArgKinds;
}

/** An operator whose arguments are all evaluated first, then passed to `fn`. */
export interface EagerSpec extends SpecBase {
  readonly form: "eager";
  readonly fn: EagerOperator;
  /** Pure operators with constant arguments are folded at compile time. */
  readonly pure: boolean;
  /** Operators that build arrays or strings from their arguments are held to the output budget. */
  readonly output?: "array" | "string";
}

/** A special form (if, and, map, var…) that compiles its own arguments. */
export interface SpecialSpec extends SpecBase {
  readonly form: "special";
  readonly compile: FormCompiler;
}

export type OperatorSpec = EagerSpec | SpecialSpec;
export type OperatorTable = ReadonlyMap<string, OperatorSpec>;

const ANY = Number.POSITIVE_INFINITY;
const NUMERIC: ArgKinds = { rest: "number" };
const NUMERIC_OPERATORS = new Set(["+", "-", "*", "/", "%", "min", "max"]);
const CUSTOM_ARG_KINDS: Readonly<Record<string, ArgKinds>> = {
  round: { at: ["number"] },
  days_since: { at: ["date"] },
  date_add: { at: ["date", "number"] },
  date_diff: { at: ["date", "date"] },
};

function special(compile: FormCompiler, argKinds?: ArgKinds): SpecialSpec {
  return { form: "special", compile, minArgs: 0, maxArgs: ANY, argKinds };
}

export interface OperatorTableOptions extends CustomOperatorContext {
  /** Where `log` writes; without one, `log` returns its argument and writes nothing. */
  readonly logger?: RuleLogger;
}

/** Builds the operator table of one engine instance. */
export function createOperatorTable(options: OperatorTableOptions): OperatorTable {
  const table = new Map<string, OperatorSpec>();
  for (const [name, fn] of Object.entries(standardEagerOperators)) {
    const argKinds = NUMERIC_OPERATORS.has(name)
      ? NUMERIC
      : name === "in"
        ? { at: [undefined, "arrayOrString" as const] }
        : undefined;
    const output = name === "merge" ? "array" : name === "cat" ? "string" : undefined;
    table.set(name, { form: "eager", fn, minArgs: 0, maxArgs: ANY, pure: true, argKinds, output });
  }
  const logger = options.logger;
  const log: EagerOperator = (a) => {
    logger?.(a);
    return a;
  };
  table.set("log", { form: "eager", fn: log, minArgs: 0, maxArgs: ANY, pure: false });

  table.set("if", special(compileIf));
  table.set("?:", special(compileIf));
  table.set("and", special(compileAnd));
  table.set("or", special(compileOr));
  for (const [name, compile] of Object.entries(scopedForms)) {
    table.set(name, special(compile, { at: ["array"] }));
  }
  table.set("var", special(compileVar));
  table.set("missing", special(compileMissing));
  table.set("missing_some", special(compileMissingSome));

  for (const [name, spec] of Object.entries(customOperators(options))) {
    table.set(name, { form: "eager", ...spec, argKinds: CUSTOM_ARG_KINDS[name] });
  }
  return table;
}
