/**
 * @module tiers/select
 * Several models of one purpose can coexist (e.g. a health score for onboarding accounts and one
 * for mature accounts); `appliesWhen` criteria choose the model for an account, with a default.
 */
import { type Issue, issue, ptr } from "../errors/index.ts";
import type { Clock } from "../ports.ts";
import { compileRule, truthy } from "../rules/index.ts";
import type { TierModel } from "./model-types.ts";

export interface SelectModelOptions {
  /** Clock for `now`-based criteria. */
  readonly clock?: Clock;
}

type Criteria = (record: unknown) => unknown;

// Compiled criteria per model object: selection runs per account, compilation once per model.
const compiledCriteria = new WeakMap<object, Criteria>();

function criteriaOf(model: TierModel, options: SelectModelOptions): Criteria {
  let criteria = compiledCriteria.get(model);
  if (!criteria) {
    criteria = compileRule(model.appliesWhen, { pointer: "/appliesWhen", clock: options.clock });
    compiledCriteria.set(model, criteria);
  }
  return criteria;
}

/**
 * Chooses the model that applies to `record`: the first (in list order) whose `appliesWhen`
 * holds, else the one marked `isDefault`, else undefined.
 * @example
 * const model = selectModel(healthModels, account.data); // by lifecycle stage, else default
 */
export function selectModel<M extends TierModel>(
  models: readonly M[],
  record: unknown,
  options: SelectModelOptions = {},
): M | undefined {
  let fallback: M | undefined;
  for (const model of models) {
    if (model.appliesWhen !== undefined && truthy(criteriaOf(model, options)(record))) return model;
    if (model.isDefault === true) fallback ??= model;
  }
  return fallback;
}

/**
 * Checks a set of alternative models: one default, the same form, distinct keys. Pointers are
 * into the list (`/2/isDefault`).
 * @example
 * validateModelSelection([onboardingHealth, enterpriseHealth, standardHealth]); // [] when fine
 */
export function validateModelSelection(models: readonly TierModel[]): Issue[] {
  const issues: Issue[] = [];
  const defaults = models.flatMap((m, i) => (m.isDefault === true ? [i] : []));
  if (models.length > 0 && defaults.length === 0)
    issues.push(issue("TIER_SELECTION_NO_DEFAULT", ""));
  for (const i of defaults.slice(1)) {
    issues.push(
      issue("TIER_SELECTION_MANY_DEFAULTS", ptr(i, "isDefault"), { model: models[i]!.key }),
    );
  }
  const form = models[0]?.form;
  const keys = new Set<string>();
  models.forEach((m, i) => {
    if (m.form !== form) {
      issues.push(
        issue("TIER_SELECTION_FORM_MISMATCH", ptr(i, "form"), {
          model: m.key,
          form: m.form,
          expected: form,
        }),
      );
    }
    if (keys.has(m.key)) issues.push(issue("TIER_DUPLICATE_KEY", ptr(i, "key"), { key: m.key }));
    keys.add(m.key);
  });
  return issues;
}
