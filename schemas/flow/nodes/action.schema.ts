import { ruleRef } from "../../common/json-logic-rule.schema.ts";
import {
  fieldPathSchema,
  fieldRulesSchema,
  refKey,
  variableNameSchema,
  variableRulesSchema,
} from "../parts.ts";

const kindOf = <K extends string>(kind: K, description: string) =>
  ({ type: "string", const: kind, title: "Kind", description }) as const;

/** Config of the `action` node: automatic operations on the record and the flow's variables. */
export const actionConfigSchema = {
  type: "object",
  title: "Action",
  description: "Runs operations in order, with no person involved, then continues.",
  additionalProperties: false,
  required: ["operations"],
  properties: {
    operations: {
      type: "array",
      title: "Operations",
      description: "Applied in order; later operations see the effect of earlier ones.",
      minItems: 1,
      maxItems: 50,
      items: {
        type: "object",
        title: "Operation",
        description: "One operation, selected by `kind`.",
        discriminator: { propertyName: "kind" },
        oneOf: [
          {
            type: "object",
            title: "Set fields",
            description: "Set fields of the record to values computed by rules.",
            additionalProperties: false,
            required: ["kind", "fields"],
            properties: {
              kind: kindOf("set-fields", "Set record fields."),
              fields: fieldRulesSchema,
            },
          },
          {
            type: "object",
            title: "Set variables",
            description: "Set flow variables to values computed by rules.",
            additionalProperties: false,
            required: ["kind", "variables"],
            properties: {
              kind: kindOf("set-variables", "Set flow variables."),
              variables: variableRulesSchema,
            },
          },
          {
            type: "object",
            title: "Create record",
            description: "Create a record of a form, e.g. a visit or a value-add offer.",
            additionalProperties: false,
            required: ["kind", "form", "fields"],
            properties: {
              kind: kindOf("create-record", "Create a record."),
              form: refKey("Form", "Key of the form of the new record."),
              fields: fieldRulesSchema,
              link: {
                ...fieldPathSchema,
                title: "Link field",
                description: "Reference field of the new record set to the current record.",
              },
              saveIdAs: {
                ...variableNameSchema,
                title: "Save id as",
                description: "Flow variable that receives the new record's id.",
              },
            },
          },
          {
            type: "object",
            title: "Recompute tier",
            description: "Re-evaluate a tier model for the record now and store any change.",
            additionalProperties: false,
            required: ["kind", "model"],
            properties: {
              kind: kindOf("recompute-tier", "Recompute a tier."),
              model: refKey("Tier model", "Key of the tier model."),
              when: {
                ...ruleRef,
                title: "When",
                description: "Only when this rule is true; always when absent.",
              },
            },
          },
        ],
      },
    },
  },
} as const;
