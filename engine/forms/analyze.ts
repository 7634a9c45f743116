/**
 * @module forms/analyze
 * Everything that turns an untrusted form definition into checked, compiled parts, in one pass
 * shared by `validateFormDefinition` (which reports) and `compileForm` (which keeps the parts).
 * Never throws: every failure, including a crash inside Ajv, becomes an issue with a pointer.
 */
import {
  compileUserSchema,
  type FormDefinition,
  formDefinitionSchema,
  type ValidateFunction,
  validatorFor,
} from "../../schemas/index.ts";
import { type Issue, issue } from "../errors/index.ts";
import { ajvIssues } from "./ajv-issues.ts";
import { checkDataSchema } from "./check-data-schema.ts";
import { checkRules, listFormRules } from "./check-rules.ts";
import { checkUiSchema } from "./check-ui-schema.ts";
import { type CompiledFormRule, compileFormRules, type FormRuleOptions } from "./compile-rules.ts";
import { tooDeepAt } from "./depth.ts";
import { expandDataSchema, type JsonSchemaNode } from "./field-types.ts";

/**
 * Deep enough for any real form (record → sub-table → row → column is ~8 levels; a rule at the
 * compiler's depth limit of 32 is ~70), shallow enough that no validator can overflow the stack.
 */
export const MAX_DEFINITION_DEPTH = 160;

/** The checked and compiled parts of a valid form definition. */
export interface FormArtifacts {
  readonly definition: FormDefinition;
  /** The data schema with every implied keyword (what records must satisfy). */
  readonly recordSchema: JsonSchemaNode;
  /**
   * Ajv validator of `recordSchema` without its top-level `required`: which fields are required
   * depends on visibility and required-if rules, so the engine checks that itself.
   */
  readonly validateData: ValidateFunction;
  readonly rules: readonly CompiledFormRule[];
  readonly computedOrder: readonly string[];
}

export type Analysis =
  | { readonly ok: true; readonly artifacts: FormArtifacts }
  | { readonly ok: false; readonly issues: readonly Issue[] };

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function checkShape(def: unknown): Issue[] {
  const deepAt = tooDeepAt(def, MAX_DEFINITION_DEPTH);
  if (deepAt !== undefined)
    return [issue("FORM_TOO_DEEP", deepAt, { limit: MAX_DEFINITION_DEPTH })];
  const validate = validatorFor(formDefinitionSchema.$id);
  try {
    if (validate(def)) return [];
    return ajvIssues(validate.errors ?? [], () => "FORM_DEFINITION_SCHEMA");
  } catch (error) {
    return [issue("FORM_INVALID", "", { detail: detailOf(error) })];
  }
}

/**
 * Compiles the record validator in an Ajv instance of its own. An Ajv instance keeps a value per
 * compiled schema for its whole life (even after `removeSchema`), so a shared one would grow with
 * every form and draft ever compiled; a private one is collected with its form. Skipping Ajv's
 * meta-schema check (the form meta-schema is stricter) makes the instance cost ~1 ms, not ~20.
 * Where code generation is forbidden (the designer) the schema is interpreted instead.
 */
function compileData(
  recordSchema: JsonSchemaNode,
): { validate: ValidateFunction } | { issue: Issue } {
  const { required: _required, ...withoutRequired } = recordSchema;
  try {
    return { validate: compileUserSchema(withoutRequired) };
  } catch (error) {
    return { issue: issue("FORM_DATA_SCHEMA_COMPILE", "/dataSchema", { detail: detailOf(error) }) };
  }
}

/**
 * Checks and compiles a form definition.
 * @example
 * const analysis = analyzeForm(json, {});
 * if (!analysis.ok) console.log(analysis.issues);
 */
export function analyzeForm(def: unknown, options: FormRuleOptions): Analysis {
  const shapeIssues = checkShape(def);
  if (shapeIssues.length > 0) return { ok: false, issues: shapeIssues };
  const definition = def as FormDefinition;
  const issues: Issue[] = [...checkDataSchema(definition.dataSchema)];
  if (definition.uiSchema)
    issues.push(...checkUiSchema(definition.uiSchema, definition.dataSchema));
  const ruleCheck = checkRules(definition);
  issues.push(...ruleCheck.issues);

  const recordSchema = expandDataSchema(definition.dataSchema);
  // An unusable pattern is already reported with its own pointer; compiling would only repeat it.
  const patternBroken = issues.some((i) => i.code === "FORM_PATTERN_INVALID");
  const data = patternBroken ? undefined : compileData(recordSchema);
  if (data && "issue" in data) issues.push(data.issue);

  const rules = compileFormRules(
    listFormRules(definition),
    recordSchema,
    ruleCheck.rejected,
    options,
  );
  issues.push(...rules.issues);

  if (issues.length > 0 || !data || "issue" in data) return { ok: false, issues };
  return {
    ok: true,
    artifacts: {
      definition,
      recordSchema,
      validateData: data.validate,
      rules: rules.compiled,
      computedOrder: ruleCheck.computedOrder,
    },
  };
}
