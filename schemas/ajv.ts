/**
 * @module schemas/ajv
 * Where kamflow code gets the validators of its own schemas. Every one is made with the options
 * of `createAjv()` (schemas/ajv-factory.ts), which this module re-exports.
 *
 * `validatorFor` and `defaultingValidatorFor` hand out the validators generated ahead of time
 * into `schemas/compiled/` (same options, proven equal by `test/schemas/compiled-validators.test.ts`)
 * and compile at runtime only the schemas that are not there (the HTTP API's, on the server).
 * Hosts without `eval` (the designer, under its CSP) call `forbidRuntimeCompilation()`, so a
 * missing validator fails with a clear error instead of a CSP violation.
 *
 * User-written schemas (a form's data schema) cannot be compiled ahead of time:
 * `compileUserSchema` compiles them with Ajv where code generation is allowed, and interprets
 * them (`schemas/ajv-interpreter.ts`, same answers, proven by its differential test) where it
 * is forbidden.
 */
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "./ajv-factory.ts";
import { interpretSchema } from "./ajv-interpreter.ts";
import { validators as precompiled } from "./compiled/validators.js";
import { validators as precompiledWithDefaults } from "./compiled/validators-with-defaults.js";

export type { Ajv, ErrorObject, ValidateFunction } from "./ajv-factory.ts";
export { annotationKeywords, createAjv } from "./ajv-factory.ts";

let shared: Ajv2020 | undefined;
let sharedWithDefaults: Ajv2020 | undefined;
let runtimeCompilation = true;

/**
 * Makes `validatorFor`/`defaultingValidatorFor` throw rather than compile a schema that has no
 * precompiled validator: for hosts whose Content Security Policy forbids `unsafe-eval`.
 * @example
 * forbidRuntimeCompilation(); // designer entry, before any validation
 */
export function forbidRuntimeCompilation(): void {
  runtimeCompilation = false;
}

function compiledAtRuntime(ajv: () => Ajv2020, id: string): ValidateFunction {
  if (!runtimeCompilation) {
    throw new Error(
      `No precompiled validator for ${id} and runtime compilation is forbidden here ` +
        "(add the schema to schemas/ajv-standalone.ts and run `npm run schemas:compile`)",
    );
  }
  const validate = ajv().getSchema(id);
  if (!validate) throw new Error(`No schema is registered with $id ${id}`);
  return validate;
}

/** A process-wide Ajv for kamflow's own (static) schemas; compiled validators are cached by `$id`. */
export function sharedAjv(): Ajv2020 {
  shared ??= createAjv();
  return shared;
}

/**
 * The validator of a registered kamflow schema: the precompiled one when there is one, else
 * compiled once by `sharedAjv()`.
 * @example
 * const validate = validatorFor(tierModelSchema.$id);
 * if (!validate(doc)) console.log(validate.errors);
 */
export function validatorFor(id: string): ValidateFunction {
  return precompiled[id] ?? compiledAtRuntime(sharedAjv, id);
}

/**
 * Like `validatorFor`, but the validator applies schema `default`s to the data it validates
 * (Ajv `useDefaults`): for flows and pack manifests, whose derived types promise the defaults.
 * @example
 * const doc = structuredClone(input);
 * if (defaultingValidatorFor(flowDefinitionSchema.$id)(doc)) use(doc); // defaults filled in
 */
export function defaultingValidatorFor(id: string): ValidateFunction {
  return (
    precompiledWithDefaults[id] ??
    compiledAtRuntime(() => {
      sharedWithDefaults ??= createAjv({ useDefaults: true });
      return sharedWithDefaults;
    }, id)
  );
}

/**
 * A validator of a user-written schema (a form's record schema, already checked against its
 * meta-schema): compiled by its own Ajv instance (collected with it, and ~1 ms since the
 * meta-schema check is skipped), or interpreted when runtime compilation is forbidden.
 * Throws when the schema cannot be compiled (an RE2-invalid pattern, an unknown keyword).
 * @example
 * const validate = compileUserSchema(expandDataSchema(form.dataSchema));
 */
export function compileUserSchema(schema: Readonly<Record<string, unknown>>): ValidateFunction {
  if (!runtimeCompilation) return interpretSchema(schema);
  return createAjv({ validateSchema: false }).compile(schema);
}
