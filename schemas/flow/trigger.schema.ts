/**
 * @module schemas/flow/trigger
 * What starts a flow instance. One trigger per flow, selected by `type`.
 */
import { SCHEMA_BASE } from "../common/ids.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";
import { CRON_PATTERN, fieldPathSchema, refKey, variableRulesSchema } from "./parts.ts";

const typeOf = <T extends string>(type: T, description: string) =>
  ({ type: "string", const: type, title: "Type", description }) as const;

const formKey = refKey(
  "Form",
  "Key of the form whose records fire the trigger; defaults to the flow's form.",
);
const condition = {
  ...ruleRef,
  title: "Condition",
  description: "Start only when this rule over the record (and its previous values) is true.",
};
const keyList = (title: string, description: string) =>
  ({
    type: "array",
    title,
    description,
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    items: refKey(title, description),
  }) as const;

/** JSON Schema of a flow trigger (`$ref`'d by the flow definition). */
export const triggerSchema = {
  $id: `${SCHEMA_BASE}trigger.json`,
  title: "Trigger",
  description: "What starts an instance of the flow, selected by `type`.",
  type: "object",
  discriminator: { propertyName: "type" },
  oneOf: [
    {
      type: "object",
      title: "Manual",
      description: "A person starts the flow from the record or the flow list.",
      additionalProperties: false,
      required: ["type"],
      properties: {
        type: typeOf("manual", "Started by a person."),
        roles: keyList("Roles", "Only holders of these roles may start it; anyone when absent."),
      },
    },
    {
      type: "object",
      title: "Record created",
      description: "A record of the form is created.",
      additionalProperties: false,
      required: ["type"],
      properties: {
        type: typeOf("record.created", "On record creation."),
        form: formKey,
        condition,
      },
    },
    {
      type: "object",
      title: "Record updated",
      description: "A record of the form is updated.",
      additionalProperties: false,
      required: ["type"],
      properties: {
        type: typeOf("record.updated", "On record update."),
        form: formKey,
        changedFields: {
          type: "array",
          title: "Changed fields",
          description:
            "Start only when at least one of these fields changed; any change when absent.",
          minItems: 1,
          maxItems: 100,
          uniqueItems: true,
          items: fieldPathSchema,
        },
        condition,
      },
    },
    {
      type: "object",
      title: "Tier changed",
      description: "A tier model assigns a record a different tier.",
      additionalProperties: false,
      required: ["type", "model"],
      properties: {
        type: typeOf("tier.changed", "On a change of tier."),
        model: refKey("Tier model", "Key of the tier model."),
        from: keyList("From tiers", "Start only when the previous tier is one of these."),
        to: keyList("To tiers", "Start only when the new tier is one of these."),
      },
    },
    {
      type: "object",
      title: "Schedule",
      description:
        "On a cron schedule; with `records`, one instance per matching record and period " +
        "(idempotent: a period never starts twice for a record).",
      additionalProperties: false,
      required: ["type", "cron"],
      properties: {
        type: typeOf("schedule", "On a schedule."),
        cron: {
          type: "string",
          title: "Cron",
          description: "Five-field cron expression (minute hour day-of-month month day-of-week).",
          maxLength: 120,
          pattern: CRON_PATTERN,
        },
        timeZone: {
          type: "string",
          title: "Time zone",
          description:
            "IANA time zone the cron expression is read in; the workspace's when absent.",
          maxLength: 64,
          pattern: "^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$",
        },
        records: {
          type: "object",
          title: "Records",
          description: "Start one instance per record of the form matching `where`.",
          additionalProperties: false,
          required: ["form"],
          properties: {
            form: refKey("Form", "Key of the form whose records are queried."),
            where: { ...ruleRef, title: "Where", description: "Rule a record must satisfy." },
          },
        },
      },
    },
    {
      type: "object",
      title: "Inbound webhook",
      description:
        "An external system calls the flow's webhook URL; the request must carry an HMAC " +
        "signature of its body made with the named workspace secret.",
      additionalProperties: false,
      required: ["type", "secret"],
      properties: {
        type: typeOf("webhook", "On an inbound webhook call."),
        secret: refKey("Secret", "Key of the workspace secret the HMAC signature is made with."),
        algorithm: {
          type: "string",
          title: "Algorithm",
          description: "HMAC hash algorithm.",
          enum: ["sha256", "sha512"],
          default: "sha256",
        },
        signatureHeader: {
          type: "string",
          title: "Signature header",
          description: "HTTP header carrying the hex signature.",
          pattern: "^[A-Za-z0-9-]{1,64}$",
          default: "X-Kamflow-Signature",
        },
        variables: {
          ...variableRulesSchema,
          description: "Flow variables set from the request; rules read { body, headers, query }.",
        },
        recordField: {
          ...fieldPathSchema,
          title: "Record lookup",
          description:
            "Field of the body that holds the id of the record the instance runs on; no record when absent.",
        },
      },
    },
    {
      type: "object",
      title: "Flow completed",
      description: "An instance of another flow completed.",
      additionalProperties: false,
      required: ["type", "flow"],
      properties: {
        type: typeOf("flow.completed", "When another flow completes."),
        flow: refKey("Flow", "Key of the flow."),
        outcomes: keyList("Outcomes", "Start only on these outcomes of that flow."),
      },
    },
  ],
} as const;

/** `$ref` to the trigger schema. */
export const triggerRef = { $ref: triggerSchema.$id } as const;
