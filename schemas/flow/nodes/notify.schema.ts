import { i18nStringRef } from "../../common/i18n-string.schema.ts";
import { ruleRef } from "../../common/json-logic-rule.schema.ts";
import { approverListSchema } from "../approver-spec.schema.ts";
import { fieldPathSchema, variableNameSchema } from "../parts.ts";

/** Config of the `notify` node: an in-app notification and/or an e-mail (through the outbox). */
export const notifyConfigSchema = {
  type: "object",
  title: "Notify",
  description:
    "Sends an in-app notification and/or an e-mail (written to the outbox), then continues at once.",
  additionalProperties: false,
  required: ["channels", "to", "body"],
  properties: {
    channels: {
      type: "array",
      title: "Channels",
      description: "How the message is delivered.",
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
      items: {
        type: "string",
        title: "Channel",
        description: "'in-app' notification or 'email'.",
        enum: ["in-app", "email"],
      },
    },
    to: approverListSchema("To", "Recipients among the workspace's users."),
    emailFields: {
      type: "array",
      title: "E-mail fields",
      description:
        "Fields of the record holding external e-mail addresses (e.g. the customer contact).",
      maxItems: 20,
      uniqueItems: true,
      items: fieldPathSchema,
    },
    subject: {
      ...i18nStringRef,
      title: "Subject",
      description: "Subject line (e-mail) or title (in-app); may contain {param} placeholders.",
    },
    body: {
      ...i18nStringRef,
      title: "Body",
      description:
        "Message text in zh-CN and en; each recipient gets their language. {param} placeholders " +
        "are filled from `params`.",
    },
    params: {
      type: "object",
      title: "Parameters",
      description:
        "Values of the placeholders, each computed by a rule over the record and variables.",
      maxProperties: 50,
      propertyNames: variableNameSchema,
      additionalProperties: { ...ruleRef, title: "Value", description: "Computes the parameter." },
    },
    link: {
      type: "string",
      title: "Link",
      description: "What the message links to.",
      enum: ["record", "instance", "none"],
      default: "record",
    },
  },
} as const;
