/**
 * @module designer/rjsf/validator
 * An rjsf `ValidatorType` on the evaluator of `schema-eval.ts` instead of Ajv: rjsf's
 * `@rjsf/validator-ajv8` compiles every schema with `new Function`, which the designer's CSP
 * (no `unsafe-eval`) blocks and `forbidRuntimeCompilation()` forbids. It answers `isValid`
 * (rjsf picks `oneOf`/`anyOf` branches with it) and `validateFormData` like the Ajv validator,
 * with Ajv-shaped errors, so `transformErrors`, `customValidate` and `extraErrors` work as usual.
 *
 * @example
 * import { cspSafeValidator } from "../rjsf/index.ts";
 * <Form schema={schema} validator={cspSafeValidator} />
 */
import {
  type CustomValidator,
  createErrorHandler,
  type ErrorTransformer,
  type FormContextType,
  getDefaultFormState,
  type RJSFSchema,
  type RJSFValidationError,
  type StrictRJSFSchema,
  toErrorSchema,
  type UiSchema,
  unwrapErrorHandler,
  type ValidationData,
  type ValidatorType,
  validationDataMerge,
} from "@rjsf/utils";
import { evaluateSchema, type SchemaError } from "./schema-eval.ts";

/** Ajv's error turned into rjsf's (dotted property; a missing property names the property). */
export function toRjsfError(error: SchemaError): RJSFValidationError {
  const missing = error.params.missingProperty;
  let property = error.instancePath.replace(/\//g, ".");
  if (typeof missing === "string") property = property ? `${property}.${missing}` : `.${missing}`;
  return {
    name: error.keyword,
    property,
    message: error.message,
    params: error.params,
    stack: `${property} ${error.message}`.trim(),
    schemaPath: error.schemaPath,
  };
}

/** Keeps one error per message under each `anyOf`/`oneOf` (the branches repeat each other). */
function withoutDuplicates(errors: RJSFValidationError[]): RJSFValidationError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.property}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

class CspSafeValidator<
  T = unknown,
  S extends StrictRJSFSchema = RJSFSchema,
  // biome-ignore lint/suspicious/noExplicitAny: rjsf's default form context is `any`
  F extends FormContextType = any,
> implements ValidatorType<T, S, F>
{
  validateFormData(
    formData: T | undefined,
    schema: S,
    customValidate?: CustomValidator<T, S, F>,
    transformErrors?: ErrorTransformer<T, S, F>,
    uiSchema?: UiSchema<T, S, F>,
  ): ValidationData<T> {
    const raw = this.rawValidation<SchemaError>(schema, formData);
    let errors = withoutDuplicates(
      (raw.errors ?? []).filter((e) => !["anyOf", "oneOf"].includes(e.keyword)).map(toRjsfError),
    );
    if (raw.validationError) errors.push({ stack: raw.validationError.message });
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<T>(errors);
    if (!customValidate) return { errors, errorSchema };
    const full = getDefaultFormState<T, S, F>(this, schema, formData, schema, true) as T;
    const handler = customValidate(full, createErrorHandler<T>(full), uiSchema, errorSchema);
    return validationDataMerge<T>({ errors, errorSchema }, unwrapErrorHandler<T>(handler));
  }

  isValid(schema: S, formData: T | undefined, rootSchema: S): boolean {
    try {
      return evaluateSchema(schema, formData, rootSchema).length === 0;
    } catch {
      return false;
    }
  }

  rawValidation<Result = SchemaError>(
    schema: S,
    formData?: T,
  ): { errors?: Result[]; validationError?: Error } {
    try {
      const errors = evaluateSchema(schema, formData);
      return errors.length ? { errors: errors as Result[] } : {};
    } catch (error) {
      return { validationError: error as Error };
    }
  }
}

/** Creates a validator; it keeps no state, so one can serve every form. */
export function createCspSafeValidator<
  T = unknown,
  S extends StrictRJSFSchema = RJSFSchema,
  // biome-ignore lint/suspicious/noExplicitAny: rjsf's default form context is `any`
  F extends FormContextType = any,
>(): ValidatorType<T, S, F> {
  return new CspSafeValidator<T, S, F>();
}

/** The shared instance. */
// biome-ignore lint/suspicious/noExplicitAny: rjsf's own default for form data is `any`.
export const cspSafeValidator: ValidatorType<any, RJSFSchema, any> = createCspSafeValidator();
