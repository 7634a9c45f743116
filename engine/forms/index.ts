/**
 * @module forms
 * Form definitions (DESIGN §3.1): validate a definition, compile it to a record validator with
 * rule evaluation (visibility, required-if, computed fields, cross-field validations), and
 * evaluate a record's form state for the designer's live preview.
 */
export type { FormArtifacts } from "./analyze.ts";
export { MAX_DEFINITION_DEPTH } from "./analyze.ts";
export type { FormRuleEntry, FormRuleKind } from "./check-rules.ts";
export type { FormRuleOptions } from "./compile-rules.ts";
export type { CompiledForm, EvaluateStateOptions } from "./compiled-form.ts";
export type { FieldState, FormRecord, FormState } from "./evaluate-state.ts";
export {
  CHINA_MOBILE_PATTERN,
  type ColumnField,
  expandDataSchema,
  type FieldUi,
  type FormDataSchema,
  type FormField,
  type FormFieldType,
  type FormRules,
  type FormUiSchema,
  type FormWidget,
  type JsonSchemaNode,
  widgetsByFieldType,
} from "./field-types.ts";
export {
  compileForm,
  createFormCompiler,
  type FormCompiler,
  type FormCompilerOptions,
} from "./form-compiler.ts";
export { type FormReference, formReferences } from "./references.ts";
export { assertFormDefinition, validateFormDefinition } from "./validate-definition.ts";
export type { ValidateRecordOptions } from "./validate-record.ts";
