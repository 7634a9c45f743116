/**
 * @module schemas/tier/matrix
 * Body of a `matrix` tier model: two axes, each split at a threshold, give four quadrant tiers
 * (e.g. current value × future potential).
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { operandChoice, operandProperties, tierKeySchema } from "./common.ts";

export const matrixAxisSchema = {
  type: "object",
  title: "Axis",
  description: "One axis: a rule over the record or another model's score, split at `threshold`.",
  additionalProperties: false,
  required: ["label", "threshold"],
  oneOf: operandChoice,
  properties: {
    label: { ...i18nStringRef, title: "Label", description: "Axis title, e.g. current value." },
    ...operandProperties,
    threshold: {
      type: "number",
      title: "Threshold",
      description: "Values above it are high, below it low; rounded to `precision` first.",
    },
    includes: {
      type: "string",
      enum: ["high", "low"],
      title: "Threshold side",
      description: "Which side a value equal to the threshold falls on. Default 'high'.",
    },
  },
} as const;

const quadrant = (description: string) =>
  ({ ...tierKeySchema, title: "Quadrant tier", description }) as const;

/** Properties specific to `modelKind: "matrix"`. */
export const matrixProperties = {
  modelKind: {
    const: "matrix",
    title: "Model kind",
    description: "A 2×2 matrix of two axes.",
  },
  x: { ...matrixAxisSchema, title: "X axis", description: "Horizontal axis (e.g. value)." },
  y: { ...matrixAxisSchema, title: "Y axis", description: "Vertical axis (e.g. potential)." },
  quadrants: {
    type: "object",
    title: "Quadrants",
    description: "Tier of each quadrant; the first word names the x side, the second the y side.",
    additionalProperties: false,
    required: ["highHigh", "highLow", "lowHigh", "lowLow"],
    properties: {
      highHigh: quadrant("x high, y high (e.g. 战略核心 strategic core)."),
      highLow: quadrant("x high, y low (e.g. 稳定贡献 stable contributor)."),
      lowHigh: quadrant("x low, y high (e.g. 高潜力增长 high potential)."),
      lowLow: quadrant("x low, y low (e.g. 常规维持 routine)."),
    },
  },
} as const;

export const matrixRequired = ["x", "y", "quadrants"] as const;
