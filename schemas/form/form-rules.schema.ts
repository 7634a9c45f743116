/**
 * @module schemas/form/form-rules.schema
 * Form rules in JSON Logic: visibility of fields and sections, required-if, computed fields and
 * cross-field validations. Rules are keyed by the field they govern, so a field has at most one
 * rule of each kind and issue pointers name the field (`/rules/computed/grossProfit`), not an
 * index that shifts while the designer edits.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";
import { fieldNameSchema } from "./field-parts.ts";
import { sectionKeySchema } from "./ui-schema.schema.ts";

const rulesByField = (title: string, description: string, ruleDescription: string) =>
  ({
    type: "object",
    title,
    description,
    maxProperties: 200,
    propertyNames: fieldNameSchema,
    additionalProperties: { ...ruleRef, title: "Rule", description: ruleDescription },
  }) as const;

export const crossFieldValidationSchema = {
  type: "object",
  title: "Cross-field validation",
  description:
    "A JSON Logic rule every record must satisfy; when it is falsy the message is shown on " +
    "the named fields.",
  additionalProperties: false,
  required: ["key", "rule", "message", "fields"],
  properties: {
    key: { ...sectionKeySchema, title: "Key", description: "Stable identifier of the check." },
    rule: {
      ...ruleRef,
      title: "Rule",
      description: "Truthy when the record is valid (JSON Logic over the record).",
    },
    message: {
      ...i18nStringRef,
      title: "Message",
      description: "Shown when the rule is falsy, in zh-CN and en.",
    },
    fields: {
      type: "array",
      title: "Fields",
      description:
        "Fields the error points at; the first gets the issue's pointer. The check is skipped " +
        "while any of them is hidden or already invalid.",
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: fieldNameSchema,
    },
  },
} as const;

export const formRulesSchema = {
  type: "object",
  title: "Form rules",
  description:
    "Visibility, required-if, computed fields and cross-field validations, in JSON Logic over " +
    "the record. The server enforces them; the designer previews them.",
  additionalProperties: false,
  properties: {
    hiddenValues: {
      enum: ["drop", "keep"],
      title: "Values of hidden fields",
      description:
        "What a record keeps in a field a visibility rule hides: 'drop' (default) removes it; " +
        "'keep' keeps the previously stored value and ignores input. Hidden fields are never " +
        "required. Computed fields always keep their computed value.",
    },
    visibility: {
      type: "object",
      title: "Visibility",
      description: "Fields and sections shown only while their rule is truthy.",
      additionalProperties: false,
      properties: {
        fields: rulesByField(
          "Field visibility",
          "Rule per field name; the field is visible while the rule is truthy.",
          "Truthy while the field is visible.",
        ),
        sections: {
          type: "object",
          title: "Section visibility",
          description: "Rule per section key; a hidden section hides all of its fields.",
          maxProperties: 50,
          propertyNames: sectionKeySchema,
          additionalProperties: {
            ...ruleRef,
            title: "Rule",
            description: "Truthy while the section is visible.",
          },
        },
      },
    },
    requiredIf: rulesByField(
      "Required if",
      "Rule per field name; the field must have a value while the rule is truthy and it is visible.",
      "Truthy while the field is required.",
    ),
    computed: rulesByField(
      "Computed fields",
      "Rule per field name producing the field's value. Computed values are written by the " +
        "engine; input values for these fields are ignored. A computed field may read other " +
        "computed fields (evaluated in dependency order; cycles are rejected).",
      "Produces the field's value; null or undefined leaves the field empty.",
    ),
    validations: {
      type: "array",
      title: "Cross-field validations",
      description: "Checks that relate several fields, each with its message.",
      maxItems: 200,
      items: crossFieldValidationSchema,
    },
  },
} as const;
