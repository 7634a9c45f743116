/**
 * @module schemas/form-definition.schema
 * A form definition (an object type of kamflow, DESIGN §3.1): the JSON Schema of its records
 * (`dataSchema`, a safe subset whose fields carry `x-kam-field`), its presentation (`uiSchema`)
 * and its rules in JSON Logic (`rules`). Parts live under `form/`.
 */
import { definitionHeaderProperties } from "./common/definition-header.ts";
import { formDataSchema } from "./form/data-schema.schema.ts";
import { formRulesSchema } from "./form/form-rules.schema.ts";
import { formUiSchema } from "./form/ui-schema.schema.ts";

export const formDefinitionSchema = {
  $id: "https://kamflow.dev/schemas/form-definition.json",
  title: "Form definition",
  description:
    "A form (object type) of kamflow: the JSON Schema of its records, how they are presented, " +
    "and JSON Logic rules for visibility, required-if, computed fields and cross-field checks.",
  type: "object",
  additionalProperties: false,
  required: ["kind", "key", "name", "dataSchema"],
  properties: {
    kind: { const: "form", title: "Kind", description: 'Always "form" for a form definition.' },
    ...definitionHeaderProperties,
    dataSchema: formDataSchema,
    uiSchema: formUiSchema,
    rules: formRulesSchema,
  },
} as const;
