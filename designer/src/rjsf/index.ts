/**
 * @module designer/rjsf
 * JSON-Schema forms for the designer's editors under the strict CSP: rjsf with the antd theme
 * and a validator that needs no code generation, schema bundling for `$ref`s between kamflow's
 * schemas, and engine issues as rjsf `extraErrors`.
 */
export { bundleSchema, defName } from "./bundle-schema.ts";
export { flattenErrors, type PointedIssue, pointerBelow, toExtraErrors } from "./error-schema.ts";
export { SchemaForm, type SchemaFormProps, useRjsfTranslator } from "./SchemaForm.tsx";
export { evaluateSchema, isValidAgainst, type SchemaError } from "./schema-eval.ts";
export { createCspSafeValidator, cspSafeValidator } from "./validator.ts";
