/**
 * @module rules/rule-error
 * The typed error of the rule compiler: invalid rules on save, exceeded budgets at run time.
 */
import type { ErrorCode } from "../errors/codes.ts";
import { type Issue, KamError } from "../errors/kam-error.ts";

/** A rule is invalid (compile time) or failed within its budget (run time). */
export class RuleError extends KamError {
  override readonly name = "RuleError";
  /** Every problem found; the first is also the error's own code and pointer. */
  readonly issues: readonly Issue[];

  constructor(
    code: ErrorCode,
    pointer: string,
    params: Record<string, unknown> = {},
    options: { cause?: unknown; issues?: readonly Issue[] } = {},
  ) {
    super(code, pointer, params, { cause: options.cause });
    this.issues = options.issues ?? [this.toIssue()];
  }

  /** Wraps a list of compile-time issues; the first becomes the error's code and pointer. */
  static fromIssues(issues: readonly Issue[]): RuleError {
    const [first] = issues;
    if (!first) throw new Error("RuleError.fromIssues needs at least one issue");
    return new RuleError(first.code, first.pointer, { ...first.params }, { issues });
  }
}
