/**
 * @module tiers/validate
 * `validateTierModel`: everything that can be said about a tier model before it is published —
 * schema, references, bands, rules, decision-table analysis and examples — as located issues.
 */
import { issue, type Validation } from "../errors/index.ts";
import { type CompileTierOptions, detailOf } from "./build-context.ts";
import { buildTierModel, hasErrors } from "./compile.ts";
import { checkExamples } from "./examples.ts";
import type { TierModel } from "./model-types.ts";
import { analyseTable } from "./table-analysis.ts";

/** Options of `validateTierModel`: the compile options (data schema, used models, clock). */
export type ValidateTierOptions = CompileTierOptions;

/**
 * Validates a tier model and never throws. Errors block publishing; warnings (severity
 * "warning": overlapping, shadowed or unreachable rows, gaps, unused tiers) do not. Examples run
 * only when there are no errors; a failing one is an error naming the example.
 *
 * @example
 * const result = validateTierModel(json, { dataSchema, models: publishedModels });
 * if (!result.ok) for (const i of result.issues) console.log(`${i.pointer}: ${i.message}`);
 */
export function validateTierModel(
  model: unknown,
  options: ValidateTierOptions = {},
): Validation<TierModel> {
  try {
    // The schema check inside buildTierModel makes the cast safe before any property is read.
    const candidate = model as TierModel;
    const built = buildTierModel(candidate, options);
    const issues = built.issues;
    if (!hasErrors(issues)) {
      if (candidate.modelKind === "decision-table") issues.push(...analyseTable(candidate));
      issues.push(...checkExamples(candidate, built.evaluate));
    }
    if (hasErrors(issues)) return { ok: false, issues };
    return { ok: true, value: candidate, warnings: issues };
  } catch (error) {
    // Validation must not throw; anything reaching here is a bug, reported rather than raised.
    return { ok: false, issues: [issue("TIER_MODEL_INVALID", "", { detail: detailOf(error) })] };
  }
}
