/**
 * @module schemas/tier/scorecard
 * Body of a `scorecard` tier model: weighted measures (optionally in weighted groups), each
 * normalised by a scale, a missing-value policy, score bands and hysteresis.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";
import {
  hysteresisSchema,
  innerKeyPattern,
  intervalProperties,
  tierBandsSchema,
} from "./common.ts";

const scoreSchema = {
  type: "number",
  title: "Score",
  description: "Normalised score this entry gives the measure (0–100 by convention).",
} as const;

export const linearScaleSchema = {
  type: "object",
  title: "Linear scale",
  description:
    "Maps `min` → 0 and `max` → 100 linearly, clamped outside; `reversed` maps `min` → 100 " +
    "(e.g. fewer open issues is healthier).",
  additionalProperties: false,
  required: ["kind", "min", "max"],
  properties: {
    kind: { const: "linear", title: "Kind", description: "Linear scale." },
    min: { type: "number", title: "Minimum", description: "Raw value that scores 0 (or 100)." },
    max: { type: "number", title: "Maximum", description: "Raw value that scores 100 (or 0)." },
    reversed: {
      type: "boolean",
      title: "Reversed",
      description: "When true, `min` scores 100 and `max` scores 0. Default false.",
    },
  },
} as const;

export const bandsScaleSchema = {
  type: "object",
  title: "Bands scale",
  description: "Raw-value intervals, each giving a fixed score; a value in no band is missing.",
  additionalProperties: false,
  required: ["kind", "bands"],
  properties: {
    kind: { const: "bands", title: "Kind", description: "Bands scale." },
    bands: {
      type: "array",
      title: "Bands",
      description: "Non-overlapping raw-value intervals with their scores.",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        title: "Band",
        description: "Raw values in this interval score `score`.",
        additionalProperties: false,
        required: ["score"],
        properties: { ...intervalProperties, score: scoreSchema },
      },
    },
  },
} as const;

export const lookupScaleSchema = {
  type: "object",
  title: "Lookup scale",
  description: "Exact raw values (e.g. a select field's options) mapped to scores.",
  additionalProperties: false,
  required: ["kind", "entries"],
  properties: {
    kind: { const: "lookup", title: "Kind", description: "Lookup scale." },
    entries: {
      type: "array",
      title: "Entries",
      description: "Raw value → score pairs; values are compared with strict equality.",
      minItems: 1,
      maxItems: 500,
      items: {
        type: "object",
        title: "Entry",
        description: "One raw value and its score.",
        additionalProperties: false,
        required: ["value", "score"],
        properties: {
          value: {
            type: ["string", "number", "boolean"],
            title: "Value",
            description: "The raw value, compared with strict equality.",
          },
          score: scoreSchema,
        },
      },
    },
    otherwise: {
      type: "number",
      title: "Otherwise",
      description: "Score of a present value not in `entries`; absent means it is missing.",
    },
  },
} as const;

export const scaleSchema = {
  type: "object",
  title: "Scale",
  description: "How a measure's raw value becomes a normalised score.",
  required: ["kind"],
  properties: {
    kind: { type: "string", title: "Kind", description: "linear, bands or lookup." },
  },
  discriminator: { propertyName: "kind" },
  oneOf: [linearScaleSchema, bandsScaleSchema, lookupScaleSchema],
} as const;

const missingPolicySchema = {
  type: "string",
  enum: ["renormalise", "zero"],
  title: "Missing-value policy",
  description:
    "'renormalise': a missing measure is left out and the other weights are rescaled; " +
    "'zero': it scores 0 and keeps its weight.",
} as const;

export const measureSchema = {
  type: "object",
  title: "Measure",
  description: "One weighted input of the scorecard.",
  additionalProperties: false,
  required: ["key", "label", "weight", "value", "scale"],
  properties: {
    key: {
      type: "string",
      title: "Key",
      description: "Stable key of the measure, unique in the model; manual entries use it.",
      pattern: innerKeyPattern,
    },
    label: { ...i18nStringRef, title: "Label", description: "Display name of the measure." },
    description: {
      ...i18nStringRef,
      title: "Description",
      description: "How the measure is obtained, for the designer's help text.",
    },
    weight: {
      type: "number",
      title: "Weight",
      description: "Relative weight (> 0); scores are Σ(weight × score) / Σweight.",
      exclusiveMinimum: 0,
    },
    group: {
      type: "string",
      title: "Group",
      description: "Key of the group this measure belongs to (required when groups exist).",
      pattern: innerKeyPattern,
    },
    value: {
      ...ruleRef,
      title: "Value",
      description:
        "JSON Logic rule giving the raw value from the record. null, undefined or (for linear " +
        "and bands scales) a non-number means the value is missing.",
    },
    scale: scaleSchema,
    missing: {
      ...missingPolicySchema,
      description: "Overrides the model's missing-value policy for this measure.",
    },
    manual: {
      type: "object",
      title: "Manual entry",
      description:
        "The value is entered by a person (e.g. an advisor's relationship rating) and passed in " +
        "the evaluation context with its entry time; after `validFor` it is stale.",
      additionalProperties: false,
      required: ["validFor"],
      properties: {
        validFor: {
          type: "string",
          format: "duration",
          title: "Valid for",
          description: "ISO-8601 duration an entry stays fresh, e.g. P90D.",
        },
        whenStale: {
          type: "string",
          enum: ["use", "missing"],
          title: "When stale",
          description:
            "'use' keeps scoring a stale entry (it shows as stale); 'missing' treats it as " +
            "missing. Default 'use'.",
        },
      },
    },
  },
} as const;

export const measureGroupSchema = {
  type: "object",
  title: "Measure group",
  description: "A weighted group of measures; its score is the weighted mean of its measures.",
  additionalProperties: false,
  required: ["key", "label", "weight"],
  properties: {
    key: {
      type: "string",
      title: "Key",
      description: "Stable key of the group, unique in the model.",
      pattern: innerKeyPattern,
    },
    label: { ...i18nStringRef, title: "Label", description: "Display name of the group." },
    weight: {
      type: "number",
      title: "Weight",
      description: "Relative weight (> 0) of the group in the total score.",
      exclusiveMinimum: 0,
    },
  },
} as const;

/** Properties specific to `modelKind: "scorecard"`. */
export const scorecardProperties = {
  modelKind: {
    const: "scorecard",
    title: "Model kind",
    description: "A weighted scorecard of measures.",
  },
  measures: {
    type: "array",
    title: "Measures",
    description: "The weighted measures.",
    minItems: 1,
    maxItems: 200,
    items: measureSchema,
  },
  groups: {
    type: "array",
    title: "Groups",
    description:
      "Optional weighted groups; when present every measure names one and the total is " +
      "Σ(group weight × group score) / Σ group weight.",
    maxItems: 50,
    items: measureGroupSchema,
  },
  missing: {
    ...missingPolicySchema,
    description: `${missingPolicySchema.description} Default 'renormalise'.`,
  },
  bands: tierBandsSchema,
  hysteresis: hysteresisSchema,
} as const;

export const scorecardRequired = ["measures", "bands"] as const;
