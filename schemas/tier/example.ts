/**
 * @module schemas/tier/example
 * Example records a tier model carries with their expected tiers. Validation evaluates them and
 * fails, naming the example, when the model no longer gives the expected result.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { innerKeyPattern, tierKeySchema } from "./common.ts";

export const tierExampleSchema = {
  type: "object",
  title: "Example",
  description: "A record with the tier (and optionally the score) the model must give it.",
  additionalProperties: false,
  required: ["name", "record", "expect"],
  properties: {
    name: {
      type: "string",
      title: "Name",
      description: "Short unique name of the example, shown when it fails.",
      minLength: 1,
      maxLength: 120,
    },
    description: {
      ...i18nStringRef,
      title: "Description",
      description: "What the example demonstrates.",
    },
    record: {
      type: "object",
      title: "Record",
      description: "The record's data, as the form stores it.",
    },
    context: {
      type: "object",
      title: "Context",
      description: "Evaluation context: previous tier, other models' scores, manual entries, time.",
      additionalProperties: false,
      properties: {
        previousTier: {
          ...tierKeySchema,
          title: "Previous tier",
          description: "The account's tier before this evaluation (for hysteresis).",
        },
        scores: {
          type: "object",
          title: "Scores",
          description: "Scores of the models this one uses, by model key.",
          additionalProperties: { type: ["number", "null"] },
        },
        manual: {
          type: "object",
          title: "Manual entries",
          description: "Manually entered measure values by measure key.",
          propertyNames: { pattern: innerKeyPattern },
          additionalProperties: {
            type: "object",
            title: "Manual entry",
            description: "A value entered by a person, and when.",
            additionalProperties: false,
            required: ["value", "enteredAt"],
            properties: {
              value: { title: "Value", description: "The entered raw value." },
              enteredAt: {
                type: "string",
                format: "date-time",
                title: "Entered at",
                description: "When the value was entered (RFC 3339).",
              },
            },
          },
        },
        now: {
          type: "string",
          format: "date-time",
          title: "Now",
          description: "The evaluation time (RFC 3339), for staleness and date rules.",
        },
      },
    },
    expect: {
      type: "object",
      title: "Expected",
      description: "The expected result; `tier: null` expects no tier.",
      additionalProperties: false,
      required: ["tier"],
      properties: {
        tier: {
          type: ["string", "null"],
          title: "Tier",
          description: "Expected tier key, or null when no tier applies.",
        },
        score: {
          type: ["number", "null"],
          title: "Score",
          description: "Expected score after rounding to the model's precision.",
        },
      },
    },
  },
} as const;
