/**
 * @module forms/validate-definition
 * The public checks of a form definition: `validateFormDefinition` reports, `assertFormDefinition`
 * throws. Both run the same analysis as `compileForm`.
 */
import type { FormDefinition } from "../../schemas/index.ts";
import { DefinitionError, type Validation } from "../errors/index.ts";
import { analyzeForm } from "./analyze.ts";
import type { FormRuleOptions } from "./compile-rules.ts";

/**
 * Validates a form definition: its shape against the form meta-schema, then everything the
 * schema cannot say (fields named by `required`, uiSchema and rules exist; rules compile;
 * patterns run on RE2; computed fields are not required and form no cycle; the data schema
 * compiles). Never throws; every issue has a code and a JSON pointer into `def`.
 * @example
 * const result = validateFormDefinition(JSON.parse(text));
 * if (!result.ok) for (const i of result.issues) console.log(`${i.pointer}: ${i.message}`);
 */
export function validateFormDefinition(
  def: unknown,
  options: FormRuleOptions = {},
): Validation<FormDefinition> {
  const analysis = analyzeForm(def, options);
  if (!analysis.ok) return { ok: false, issues: analysis.issues };
  return { ok: true, value: analysis.artifacts.definition, warnings: [] };
}

/**
 * Like `validateFormDefinition`, but throws a `DefinitionError` carrying every issue.
 * @example
 * assertFormDefinition(json); // json is a FormDefinition from here on
 */
export function assertFormDefinition(
  def: unknown,
  options: FormRuleOptions = {},
): asserts def is FormDefinition {
  const result = validateFormDefinition(def, options);
  if (!result.ok) throw new DefinitionError(result.issues);
}
