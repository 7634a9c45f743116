/**
 * @module designer/tiers/examples-run
 * Runs a model's golden examples in the browser with the engine's own `compileTierModel`: each
 * example passes when the model gives its expected tier (and score, when one is expected, after
 * rounding to the model's precision), fails with what the model gave instead, or errors.
 */
import { roundDecimal } from "../../../engine/rules/index.ts";
import {
  type CompileTierOptions,
  compileTierModel,
  DEFAULT_PRECISION,
  type TierContext,
  type TierModel,
} from "../../../engine/tiers/index.ts";

export type TierExample = NonNullable<TierModel["examples"]>[number];

export type ExampleResult =
  | {
      readonly status: "pass" | "fail";
      readonly tier: string | null;
      readonly score: number | null;
    }
  | { readonly status: "error"; readonly detail: string };

export type ExampleRun =
  | { readonly ok: true; readonly results: readonly ExampleResult[] }
  /** The model does not compile: examples cannot run until its errors are fixed. */
  | { readonly ok: false };

/** The evaluation context an example declares (RFC 3339 times as epoch milliseconds). */
export function contextOf(example: TierExample): TierContext | undefined {
  const c = example.context;
  if (!c) return undefined;
  const manual = c.manual
    ? Object.fromEntries(
        Object.entries(c.manual).map(([key, e]) => [
          key,
          { value: e.value, enteredAt: Date.parse(e.enteredAt) },
        ]),
      )
    : undefined;
  return {
    previousTier: c.previousTier,
    scores: c.scores,
    manual,
    now: c.now === undefined ? undefined : Date.parse(c.now),
  };
}

/** Runs every example of `model`. */
export function runExamples(model: TierModel, options: CompileTierOptions = {}): ExampleRun {
  let evaluate: ReturnType<typeof compileTierModel>;
  try {
    evaluate = compileTierModel(model, options);
  } catch {
    return { ok: false };
  }
  const precision = model.precision ?? DEFAULT_PRECISION;
  const results = (model.examples ?? []).map((example): ExampleResult => {
    try {
      const result = evaluate(example.record, contextOf(example));
      const expected = example.expect;
      const wantScore =
        expected.score === undefined || expected.score === null
          ? expected.score
          : roundDecimal(expected.score, precision);
      const pass =
        result.tier === expected.tier && (wantScore === undefined || result.score === wantScore);
      return { status: pass ? "pass" : "fail", tier: result.tier, score: result.score };
    } catch (error) {
      return { status: "error", detail: error instanceof Error ? error.message : String(error) };
    }
  });
  return { ok: true, results };
}
