/**
 * @module schemas/schema-list
 * Every kamflow schema, registered with Ajv by `$id` and emitted to `schemas/json/`.
 * A new schema module is added here once.
 */
import { i18nStringSchema } from "./common/i18n-string.schema.ts";
import { jsonLogicRuleSchema } from "./common/json-logic-rule.schema.ts";
import { formDefinitionSchema } from "./form-definition.schema.ts";
import { tierModelSchema } from "./tier-model.schema.ts";

export const allSchemas = [
  i18nStringSchema,
  jsonLogicRuleSchema,
  formDefinitionSchema,
  tierModelSchema,
] as const;
