/**
 * @module rules/engine
 * A rule engine instance: its own operator table, clock, logger and limits. Compile once,
 * evaluate many.
 */

import type { Issue } from "../errors/kam-error.ts";
import { KamError } from "../errors/kam-error.ts";
import type { Clock, RuleLogger } from "../ports.ts";
import { type Budget, charge } from "./budget.ts";
import { compileNode } from "./compile.ts";
import type { CompileState, SchemaScope } from "./compiled-node.ts";
import { defaultRuleLimits, type RuleLimits } from "./limits.ts";
import { MissingClockError } from "./operators/custom.ts";
import { createOperatorTable, type OperatorTable } from "./operators/table.ts";
import { findRepeated } from "./repeated.ts";
import { RuleError } from "./rule-error.ts";
import type { SchemaNode } from "./schema-paths.ts";
import { checkRuleShape } from "./shape.ts";

export interface RuleEngineOptions {
  /** Source of `now` and `days_since`; the pure engine never reads the system clock itself. */
  readonly clock?: Clock;
  /** Where `log` writes; without one, `log` is a no-op that returns its argument. */
  readonly logger?: RuleLogger;
  /** Zone in which calendar dates are compared with "today". @default "Asia/Shanghai" */
  readonly timeZone?: string;
  readonly limits?: Partial<RuleLimits>;
}

export interface CompileOptions {
  /** JSON Schema of the data the rule reads: `var` paths must exist there with a fitting type. */
  readonly dataSchema?: object;
  /** Pointer of the rule inside its document; every issue's pointer starts with it. */
  readonly pointer?: string;
  /** Overrides the engine's limits for this rule. */
  readonly limits?: Partial<RuleLimits>;
}

/** A compiled rule: evaluates against data; throws RuleError past its budget. */
export type CompiledRule = (data: unknown) => unknown;

export interface RuleEngine {
  /**
   * Compiles a rule; throws RuleError (with every issue) when it is invalid.
   * @example
   * const isKey = engine.compile({ ">": [{ var: "annualPurchase" }, 1_000_000] });
   * isKey({ annualPurchase: 1_200_000 }); // true
   */
  compile(rule: unknown, options?: CompileOptions): CompiledRule;
  /** Every problem of a rule, without throwing; empty when it is valid. */
  validate(rule: unknown, options?: CompileOptions): Issue[];
  /** Names of the operators this engine knows. */
  operators(): readonly string[];
}

function toRuleError(error: unknown, pointer: string): RuleError {
  if (error instanceof RuleError) return error;
  if (error instanceof KamError)
    return new RuleError(error.code, error.pointer, { ...error.params }, { cause: error });
  const detail =
    error instanceof MissingClockError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return new RuleError("RULE_EVAL_FAILED", pointer, { detail }, { cause: error });
}

/** Creates a rule engine with its own frozen operator table. */
export function createRuleEngine(options: RuleEngineOptions = {}): RuleEngine {
  const ops: OperatorTable = createOperatorTable({
    clock: options.clock,
    logger: options.logger,
    timeZone: options.timeZone ?? "Asia/Shanghai",
  });
  const engineLimits: RuleLimits = { ...defaultRuleLimits, ...options.limits };

  /**
   * Compiles `rule`. With `outer`, the rule was found in data while another rule ran: it spends
   * that evaluation's budget instead of getting a fresh one (else a `map` over data-supplied
   * `missing` keys ran a full budget per item, thousands of times past the limit).
   */
  function build(
    rule: unknown,
    compileOptions: CompileOptions,
    outer?: Budget,
  ): { issues: Issue[]; run?: CompiledRule; cost?: number } {
    const limits: RuleLimits = outer?.limits ?? { ...engineLimits, ...compileOptions.limits };
    const base = compileOptions.pointer ?? "";
    const shapeIssues = checkRuleShape(rule, limits, base);
    if (shapeIssues.length > 0) return { issues: shapeIssues };

    const budget: Budget = outer ?? { steps: 0, limits };
    const issues: Issue[] = [];
    const epoch = { n: 0 };
    const state: CompileState = {
      ops,
      budget,
      issues,
      base,
      epoch,
      repeated: findRepeated(rule),
      shared: new Map(),
      loopDepth: 0,
      evaluateDynamic: (dynamicRule, data, pointer) => {
        // Its failures are located at the node that ran it: the data's rule is not in the document.
        try {
          const inner = build(dynamicRule, {}, budget);
          if (!inner.run) throw RuleError.fromIssues(inner.issues);
          charge(budget, inner.cost ?? 1, pointer);
          return inner.run(data);
        } catch (error) {
          const cause = toRuleError(error, pointer);
          throw new RuleError(cause.code, pointer, { ...cause.params }, { cause });
        }
      },
    };
    const schema = compileOptions.dataSchema as SchemaNode | undefined;
    const scope: SchemaScope | undefined = schema ? { root: schema, node: schema } : undefined;
    const root = compileNode(state, rule, [], scope);
    if (issues.length > 0) return { issues };

    const fn = root.fn;
    const run: CompiledRule = (data) => {
      if (!outer) budget.steps = 0;
      epoch.n++;
      try {
        return fn(data);
      } catch (error) {
        throw toRuleError(error, base);
      }
    };
    return { issues, run, cost: root.cost };
  }

  return Object.freeze({
    compile(rule: unknown, compileOptions: CompileOptions = {}): CompiledRule {
      const { issues, run } = build(rule, compileOptions);
      if (!run) throw RuleError.fromIssues(issues);
      return run;
    },
    validate(rule: unknown, compileOptions: CompileOptions = {}): Issue[] {
      return build(rule, compileOptions).issues;
    },
    operators: () => Object.freeze([...ops.keys()]),
  });
}
