/**
 * @module forms/compiled-form
 * A compiled form: the record validator and rule evaluator of one form definition version.
 */
import type { FormDefinition } from "../../schemas/index.ts";
import type { Validation } from "../errors/index.ts";
import type { FormArtifacts } from "./analyze.ts";
import { evaluateWithModel, type FormRecord, type FormState } from "./evaluate-state.ts";
import type { JsonSchemaNode } from "./field-types.ts";
import { buildFormModel } from "./form-model.ts";
import { type ValidateRecordOptions, validateWithModel } from "./validate-record.ts";

/** Options of `evaluateFormState`. */
export interface EvaluateStateOptions {
  /** The stored record being edited; hidden fields keep its values under the "keep" policy. */
  readonly previous?: Readonly<Record<string, unknown>>;
}

/** The validator and rule evaluator of one form definition version. */
export interface CompiledForm {
  readonly key: string;
  /** Undefined for a draft. */
  readonly version: number | undefined;
  /** The definition it was compiled from (a private frozen copy). */
  readonly definition: FormDefinition;
  /** The data schema with every keyword its field types imply. */
  readonly recordSchema: JsonSchemaNode;
  /**
   * Applies the form's rules to `input` (computed values written, hidden values dropped or kept,
   * required-if), validates the result with Ajv and runs the cross-field validations. Never
   * throws. On success `value` is the record to store.
   */
  validateRecord(input: unknown, options?: ValidateRecordOptions): Validation<FormRecord>;
  /** Which fields and sections are visible and required, and the computed values. */
  evaluateFormState(record: unknown, options?: EvaluateStateOptions): FormState;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Builds the compiled form of valid artifacts. */
export function createCompiledForm(artifacts: FormArtifacts): CompiledForm {
  const model = buildFormModel(artifacts);
  const definition = deepFreeze(artifacts.definition);
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  return Object.freeze({
    key: definition.key,
    version: definition.version,
    definition,
    recordSchema: deepFreeze(artifacts.recordSchema),
    validateRecord: (input: unknown, options?: ValidateRecordOptions) =>
      validateWithModel(model, artifacts.validateData, input, options),
    evaluateFormState: (record: unknown, options: EvaluateStateOptions = {}) =>
      evaluateWithModel(model, isRecord(record) ? record : {}, options.previous),
  });
}
