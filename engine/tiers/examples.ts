/**
 * @module tiers/examples
 * Evaluates a model's example records and reports, naming the example, each one whose tier or
 * score is no longer what it expects.
 */
import { type Issue, issue, ptr } from "../errors/index.ts";
import { roundDecimal } from "../rules/index.ts";
import { detailOf, type Evaluate } from "./build-context.ts";
import { DEFAULT_PRECISION, type TierExample, type TierModel } from "./model-types.ts";
import type { ManualEntry, TierContext, TierResult } from "./result.ts";

/** The evaluation context an example declares (RFC 3339 times become epoch milliseconds). */
export function exampleContext(example: TierExample): TierContext | undefined {
  const c = example.context;
  if (!c) return undefined;
  let manual: Record<string, ManualEntry> | undefined;
  if (c.manual) {
    manual = {};
    for (const [key, entry] of Object.entries(c.manual)) {
      manual[key] = { value: entry.value, enteredAt: Date.parse(entry.enteredAt) };
    }
  }
  return {
    previousTier: c.previousTier,
    scores: c.scores,
    manual,
    now: c.now === undefined ? undefined : Date.parse(c.now),
  };
}

/** Issues for duplicate names and for every example the model does not reproduce. */
export function checkExamples(model: TierModel, evaluate: Evaluate): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  const precision = model.precision ?? DEFAULT_PRECISION;
  (model.examples ?? []).forEach((example, i) => {
    if (names.has(example.name)) {
      issues.push(issue("TIER_DUPLICATE_KEY", ptr("examples", i, "name"), { key: example.name }));
    }
    names.add(example.name);
    let result: TierResult;
    try {
      result = evaluate(example.record, exampleContext(example));
    } catch (error) {
      issues.push(
        issue("TIER_EXAMPLE_ERROR", ptr("examples", i), {
          example: example.name,
          detail: detailOf(error),
        }),
      );
      return;
    }
    const expected = example.expect;
    if (result.tier !== expected.tier) {
      issues.push(
        issue("TIER_EXAMPLE_FAILED", ptr("examples", i, "expect", "tier"), {
          example: example.name,
          field: "tier",
          expected: expected.tier,
          actual: result.tier,
        }),
      );
    }
    if (expected.score !== undefined) {
      const want = expected.score === null ? null : roundDecimal(expected.score, precision);
      if (result.score !== want) {
        issues.push(
          issue("TIER_EXAMPLE_FAILED", ptr("examples", i, "expect", "score"), {
            example: example.name,
            field: "score",
            expected: want,
            actual: result.score,
          }),
        );
      }
    }
  });
  return issues;
}
