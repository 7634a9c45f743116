/**
 * @module schemas/tier/decision-table
 * Body of a `decision-table` tier model (DMN-style): inputs, rows of unary tests per input,
 * outputs (tier, optional score and priority) and the full DMN hit-policy set.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import {
  hysteresisSchema,
  includesSchema,
  innerKeyPattern,
  operandChoice,
  operandProperties,
  tierBandsSchema,
  tierKeySchema,
} from "./common.ts";

const scalarSchema = {
  type: ["string", "number", "boolean", "null"],
  title: "Value",
  description: "A literal compared with strict equality.",
} as const;

const opTitle = { title: "Operator", description: "The kind of unary test." } as const;

/** A DMN unary test on one input value. */
export const conditionSchema = {
  type: "object",
  title: "Condition",
  description:
    "Unary test on the input's value: 'any' (DMN '-'), a comparison, a range with declared " +
    "edges, or a set. A null input only matches 'any', '== null', '!=' and 'not-in'.",
  required: ["op"],
  properties: {
    op: {
      type: "string",
      title: "Operator",
      description: "any, <, <=, >, >=, ==, !=, range, in or not-in.",
    },
  },
  discriminator: { propertyName: "op" },
  oneOf: [
    {
      type: "object",
      title: "Any",
      description: "Matches every value.",
      additionalProperties: false,
      required: ["op"],
      properties: { op: { const: "any", ...opTitle } },
    },
    {
      type: "object",
      title: "Comparison",
      description: "Compares a numeric input with a number.",
      additionalProperties: false,
      required: ["op", "value"],
      properties: {
        op: { enum: ["<", "<=", ">", ">="], ...opTitle },
        value: { type: "number", title: "Value", description: "The number compared with." },
      },
    },
    {
      type: "object",
      title: "Equality",
      description: "Strict equality or inequality with a literal.",
      additionalProperties: false,
      required: ["op", "value"],
      properties: { op: { enum: ["==", "!="], ...opTitle }, value: scalarSchema },
    },
    {
      type: "object",
      title: "Range",
      description: "A numeric interval; `includes` says which edges belong to it.",
      additionalProperties: false,
      required: ["op"],
      anyOf: [
        { required: ["min"], properties: { min: true } },
        { required: ["max"], properties: { max: true } },
      ],
      properties: {
        op: { const: "range", ...opTitle },
        min: { type: "number", title: "Lower edge", description: "Lower edge; absent: none." },
        max: { type: "number", title: "Upper edge", description: "Upper edge; absent: none." },
        includes: includesSchema,
      },
    },
    {
      type: "object",
      title: "Set",
      description: "Membership ('in') or non-membership ('not-in') in a list of literals.",
      additionalProperties: false,
      required: ["op", "values"],
      properties: {
        op: { enum: ["in", "not-in"], ...opTitle },
        values: {
          type: "array",
          title: "Values",
          description: "The literals, compared with strict equality.",
          maxItems: 500,
          items: scalarSchema,
        },
      },
    },
  ],
} as const;

export const tableInputSchema = {
  type: "object",
  title: "Input",
  description: "An input column: a rule over the record or another model's score.",
  additionalProperties: false,
  required: ["key", "label"],
  oneOf: operandChoice,
  properties: {
    key: {
      type: "string",
      title: "Key",
      description: "Stable key of the input; rows name their conditions by it.",
      pattern: innerKeyPattern,
    },
    label: { ...i18nStringRef, title: "Label", description: "Column header." },
    ...operandProperties,
    domain: {
      type: "object",
      title: "Domain",
      description:
        "Values the input can take, for the overlap and gap analysis only: a numeric interval " +
        "(both edges included) or a list of values.",
      additionalProperties: false,
      properties: {
        min: { type: "number", title: "Minimum", description: "Smallest possible value." },
        max: { type: "number", title: "Maximum", description: "Largest possible value." },
        values: {
          type: "array",
          title: "Values",
          description: "Every possible value (e.g. a select field's options).",
          minItems: 1,
          maxItems: 500,
          items: scalarSchema,
        },
      },
    },
  },
} as const;

const rowScoreSchema = {
  type: "number",
  title: "Score",
  description: "Score output of the row; aggregated by collect with sum, min or max.",
} as const;

export const tableRowSchema = {
  type: "object",
  title: "Row",
  description: "A rule of the table: when every condition holds, it outputs its tier and score.",
  additionalProperties: false,
  required: ["when"],
  properties: {
    id: {
      type: "string",
      title: "Id",
      description: "Optional stable id of the row, shown in breakdowns and warnings.",
      maxLength: 64,
    },
    when: {
      type: "object",
      title: "Conditions",
      description: "Condition per input key; an input without a condition matches anything.",
      propertyNames: { pattern: innerKeyPattern },
      additionalProperties: conditionSchema,
    },
    tier: tierKeySchema,
    score: rowScoreSchema,
    priority: {
      type: "number",
      title: "Priority",
      description:
        "Rank for the priority and output-order hit policies: higher first; ties are broken by " +
        "the tier's position in `tiers`, then by row order. Default 0.",
    },
    annotation: {
      ...i18nStringRef,
      title: "Annotation",
      description: "Why the row exists (DMN annotation column).",
    },
  },
} as const;

/** Properties specific to `modelKind: "decision-table"`. */
export const decisionTableProperties = {
  modelKind: {
    const: "decision-table",
    title: "Model kind",
    description: "A DMN-style decision table.",
  },
  inputs: {
    type: "array",
    title: "Inputs",
    description: "Input columns.",
    minItems: 1,
    maxItems: 20,
    items: tableInputSchema,
  },
  rows: {
    type: "array",
    title: "Rows",
    description: "The rules, in order.",
    minItems: 1,
    maxItems: 500,
    items: tableRowSchema,
  },
  hitPolicy: {
    type: "string",
    enum: ["unique", "any", "first", "priority", "rule-order", "output-order", "collect"],
    title: "Hit policy",
    description:
      "DMN hit policy. unique: at most one row may match; any: matching rows must agree; " +
      "first: the first match in row order; priority: the highest-ranked match; rule-order / " +
      "output-order: every match, in row / rank order (the first gives the tier); collect: " +
      "every match, with an optional aggregation of the scores.",
  },
  aggregation: {
    type: "string",
    enum: ["sum", "min", "max", "count"],
    title: "Aggregation",
    description:
      "With hit policy collect: combine the matching rows' scores (count: the number of " +
      "matches) into the model's score, which `bands` turn into a tier.",
  },
  otherwise: {
    type: "object",
    title: "Default output",
    description: "Output when no row matches (DMN default output value).",
    additionalProperties: false,
    required: ["tier"],
    properties: { tier: tierKeySchema, score: rowScoreSchema },
  },
  bands: {
    ...tierBandsSchema,
    description: "Score bands turning an aggregated score (collect with aggregation) into a tier.",
  },
  hysteresis: hysteresisSchema,
} as const;

export const decisionTableRequired = ["inputs", "rows", "hitPolicy"] as const;
