import { ruleRef } from "../../common/json-logic-rule.schema.ts";
import { calendarSchema, durationOrRuleSchema, durationSchema } from "../parts.ts";

const kindOf = <K extends string>(kind: K, description: string) =>
  ({ type: "string", const: kind, title: "Kind", description }) as const;

/** Config of the `wait` node: a timer, a date, or a record condition. */
export const waitConfigSchema = {
  type: "object",
  title: "Wait",
  description:
    "Pauses the branch: for a duration, until a date, or until the record meets a condition.",
  discriminator: { propertyName: "kind" },
  oneOf: [
    {
      type: "object",
      title: "For a duration",
      description: "Continue after a duration.",
      additionalProperties: false,
      required: ["kind", "duration"],
      properties: {
        kind: kindOf("duration", "Wait for a duration."),
        duration: { ...durationOrRuleSchema, title: "Duration" },
        calendar: { ...calendarSchema, default: "natural" },
      },
    },
    {
      type: "object",
      title: "Until a date",
      description:
        "Continue at the date-time a rule returns, e.g. 3 months before a contract ends.",
      additionalProperties: false,
      required: ["kind", "until"],
      properties: {
        kind: kindOf("until", "Wait until a date."),
        until: {
          ...ruleRef,
          title: "Until",
          description:
            "Rule returning an ISO-8601 date or date-time; a date in the past continues at once.",
        },
      },
    },
    {
      type: "object",
      title: "Until a condition",
      description: "Continue when the record satisfies a condition, re-checked on every update.",
      additionalProperties: false,
      required: ["kind", "condition"],
      properties: {
        kind: kindOf("condition", "Wait until the record meets a condition."),
        condition: { ...ruleRef, title: "Condition", description: "Rule over the record." },
        timeout: {
          ...durationSchema,
          title: "Timeout",
          description: "Give up after this long and leave by the 'timeout' handle.",
        },
      },
    },
  ],
} as const;
