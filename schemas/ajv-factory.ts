/**
 * @module schemas/ajv-factory
 * The one Ajv factory: JSON Schema 2020-12, strict mode, all errors (capped by callers), formats,
 * the linear-time regexp engine, no `$data` and no remote `$ref` loading, and every kamflow
 * schema registered by `$id`. Shared by the runtime (`schemas/ajv.ts`) and the ahead-of-time
 * compiler (`schemas/ajv-standalone.ts`), which must not depend on the generated validators.
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { re2RegExp } from "./regexp.ts";
import { allSchemas } from "./schema-list.ts";

export type { ErrorObject, ValidateFunction };
export type Ajv = Ajv2020;

/** Non-validating annotation keywords kamflow schemas may carry (designer hints, field kinds). */
export const annotationKeywords = [
  "x-kam-field",
  "x-kam-widget",
  "x-kam-order",
  "x-kam-currency",
  "x-kam-form",
] as const;

/**
 * Creates a configured Ajv instance with every kamflow schema registered.
 * @example
 * const ajv = createAjv();
 * const validate = ajv.getSchema("https://kamflow.dev/schemas/i18n-string.json");
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    $data: false,
    discriminator: true,
    allowUnionTypes: true,
    code: { regExp: re2RegExp },
    ...options,
  });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  for (const keyword of annotationKeywords)
    ajv.addKeyword({ keyword, schemaType: ["string", "object", "number", "boolean", "array"] });
  for (const schema of allSchemas) ajv.addSchema(schema as object);
  return ajv;
}
