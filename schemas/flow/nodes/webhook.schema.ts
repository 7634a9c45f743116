import { ruleRef } from "../../common/json-logic-rule.schema.ts";
import {
  durationSchema,
  HTTP_URL_PATTERN,
  refKey,
  variableNameSchema,
  variableRulesSchema,
} from "../parts.ts";

/** Config of the `webhook` node: calls an external system (ERP, finance) through the outbox. */
export const webhookConfigSchema = {
  type: "object",
  title: "Webhook",
  description:
    "Calls an external system over HTTP(S) through the outbox, retrying with back-off; after the " +
    "last failed try the instance becomes an incident.",
  additionalProperties: false,
  required: ["method", "url"],
  properties: {
    method: {
      type: "string",
      title: "Method",
      description: "HTTP method.",
      enum: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    },
    url: {
      type: "string",
      title: "URL",
      description:
        "http:// or https:// URL; may hold RFC 6570 {name} placeholders in its path and query, " +
        "filled from `urlParams`. The host is fixed here so admins can allow-list it.",
      format: "uri-template",
      maxLength: 2048,
      pattern: HTTP_URL_PATTERN,
    },
    urlParams: {
      type: "object",
      title: "URL parameters",
      description:
        "Values of the URL's placeholders, each computed by a rule (URL-encoded when sent).",
      maxProperties: 20,
      propertyNames: variableNameSchema,
      additionalProperties: { ...ruleRef, title: "Value", description: "Computes the parameter." },
    },
    headers: {
      type: "object",
      title: "Headers",
      description:
        "Request headers: a literal value, or { secret } naming a workspace secret (tokens never " +
        "live in the flow definition).",
      maxProperties: 30,
      propertyNames: { type: "string", pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$" },
      additionalProperties: {
        title: "Header value",
        description: "A literal value or a secret reference.",
        anyOf: [
          { type: "string", title: "Literal", description: "The value.", maxLength: 4096 },
          {
            type: "object",
            title: "Secret",
            description: "The value of a workspace secret.",
            additionalProperties: false,
            required: ["secret"],
            properties: { secret: refKey("Secret", "Key of the workspace secret.") },
          },
        ],
      },
    },
    body: {
      type: "object",
      title: "Body template",
      description:
        "JSON body built from rules: each key is a dotted path in the body ('order.id'), each " +
        "value a rule computing it. No body when absent.",
      maxProperties: 200,
      propertyNames: {
        type: "string",
        pattern: "^[A-Za-z_$][A-Za-z0-9_$-]*(\\.([A-Za-z_$][A-Za-z0-9_$-]*|[0-9]+))*$",
        maxLength: 200,
        not: { type: "string", pattern: "(^|\\.)(__proto__|constructor|prototype)(\\.|$)" },
      },
      additionalProperties: { ...ruleRef, title: "Value", description: "Computes this part." },
    },
    timeout: {
      ...durationSchema,
      title: "Timeout",
      description: "Give up on one try after this long.",
      default: "PT30S",
    },
    retries: {
      type: "object",
      title: "Retries",
      description: "Retry policy on network errors, 5xx and 429: exponential back-off.",
      additionalProperties: false,
      properties: {
        maxAttempts: {
          type: "integer",
          title: "Maximum attempts",
          description: "Tries in total, the first included.",
          minimum: 1,
          maximum: 20,
          default: 5,
        },
        initialDelay: { ...durationSchema, title: "Initial delay", default: "PT10S" },
        multiplier: {
          type: "number",
          title: "Multiplier",
          description: "Each delay is the previous one times this.",
          minimum: 1,
          maximum: 10,
          default: 2,
        },
        maxDelay: { ...durationSchema, title: "Maximum delay", default: "PT1H" },
      },
    },
    idempotencyHeader: {
      type: "string",
      title: "Idempotency header",
      description:
        "Header carrying a key that is the same on every retry of one call, so the receiver can de-duplicate.",
      pattern: "^[A-Za-z0-9-]{1,64}$",
      default: "Idempotency-Key",
    },
    response: {
      type: "object",
      title: "Response mapping",
      description: "How the response is read; rules see { status, headers, body }.",
      additionalProperties: false,
      properties: {
        successWhen: {
          ...ruleRef,
          title: "Success when",
          description: "A response is a success when this rule is true; any 2xx when absent.",
        },
        variables: {
          ...variableRulesSchema,
          description: "Flow variables set from the response.",
        },
      },
    },
  },
} as const;
