/**
 * @module schemas/tier-model
 * A tier model: how records of one form are scored and tiered. Three kinds share a header and
 * differ in their body, selected by `modelKind` (an Ajv discriminator, so errors point into the
 * chosen kind only): `scorecard`, `decision-table` and `matrix`. The parts live in `tier/`.
 */
import { definitionHeaderProperties, keySchema } from "./common/definition-header.ts";
import { ruleRef } from "./common/json-logic-rule.schema.ts";
import { modelKeySchema, tierDeclarationSchema } from "./tier/common.ts";
import { decisionTableProperties, decisionTableRequired } from "./tier/decision-table.ts";
import { tierExampleSchema } from "./tier/example.ts";
import { matrixProperties, matrixRequired } from "./tier/matrix.ts";
import { scorecardProperties, scorecardRequired } from "./tier/scorecard.ts";

/** Properties every tier-model kind has. */
const sharedProperties = {
  kind: {
    const: "tier-model",
    title: "Definition kind",
    description: "Marks the document as a tier model.",
  },
  ...definitionHeaderProperties,
  form: {
    ...keySchema,
    title: "Form",
    description: "Key of the form whose records this model scores and tiers.",
  },
  precision: {
    type: "integer",
    title: "Precision",
    description:
      "Decimals scores are rounded to (decimal-correct, half away from zero) before banding, " +
      "so a score that is exactly 60 in decimal is never 59.999… in floating point. Default 2.",
    minimum: 0,
    maximum: 6,
  },
  tiers: {
    type: "array",
    title: "Tiers",
    description:
      "The tiers the model assigns, best first. The order ranks tiers for priority hit " +
      "policies and orders distributions and transition matrices.",
    minItems: 1,
    maxItems: 50,
    items: tierDeclarationSchema,
  },
  appliesWhen: {
    ...ruleRef,
    title: "Applies when",
    description:
      "JSON Logic criteria over the record choosing this model among several alternatives " +
      "(e.g. by segment or lifecycle stage); the first model whose criteria hold applies.",
  },
  isDefault: {
    type: "boolean",
    title: "Default",
    description: "This model applies when no alternative's `appliesWhen` holds.",
  },
  uses: {
    type: "array",
    title: "Uses",
    description: "Keys of other tier models whose scores this model reads.",
    uniqueItems: true,
    maxItems: 20,
    items: modelKeySchema,
  },
  examples: {
    type: "array",
    title: "Examples",
    description: "Example records with the tiers the model must give them.",
    maxItems: 200,
    items: tierExampleSchema,
  },
} as const;

const sharedRequired = ["kind", "key", "name", "form", "modelKind", "tiers"] as const;

/** A scorecard model on its own (also a valid `tierModelSchema` instance). */
export const scorecardModelSchema = {
  type: "object",
  title: "Scorecard tier model",
  description: "Weighted measures normalised by scales, summed into a score, banded into tiers.",
  additionalProperties: false,
  required: [...sharedRequired, ...scorecardRequired],
  properties: { ...sharedProperties, ...scorecardProperties },
} as const;

/** A decision-table model on its own. */
export const decisionTableModelSchema = {
  type: "object",
  title: "Decision-table tier model",
  description: "DMN-style rows of conditions on inputs, with a hit policy, giving a tier.",
  additionalProperties: false,
  required: [...sharedRequired, ...decisionTableRequired],
  properties: { ...sharedProperties, ...decisionTableProperties },
} as const;

/** A matrix model on its own. */
export const matrixModelSchema = {
  type: "object",
  title: "Matrix tier model",
  description: "Two axes split at thresholds giving four quadrant tiers.",
  additionalProperties: false,
  required: [...sharedRequired, ...matrixRequired],
  properties: { ...sharedProperties, ...matrixProperties },
} as const;

export const tierModelSchema = {
  $id: "https://kamflow.dev/schemas/tier-model.json",
  title: "Tier model",
  description:
    "How records of one form are scored and tiered: a weighted scorecard, a DMN decision " +
    "table or a 2×2 matrix, chosen by `modelKind`.",
  type: "object",
  required: ["modelKind"],
  properties: {
    // A plain string here: the discriminator reports an unknown kind once (an enum would repeat it).
    modelKind: {
      type: "string",
      title: "Model kind",
      description: "Selects the body: scorecard, decision-table or matrix.",
    },
  },
  discriminator: { propertyName: "modelKind" },
  oneOf: [scorecardModelSchema, decisionTableModelSchema, matrixModelSchema],
} as const;
