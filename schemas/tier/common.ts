/**
 * @module schemas/tier/common
 * Schema parts every tier-model kind shares: keys, intervals with declared edges, tier
 * declarations, operands (a rule or another model's score) and hysteresis. Parts only, no `$id`:
 * they are spread into `tier-model.schema.ts`, which is the registered schema.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";

/** Pattern of the keys inside a model (tiers, measures, groups, inputs): camelCase or kebab-case. */
export const innerKeyPattern = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";

/** Key of a tier declared in the model's `tiers`. */
export const tierKeySchema = {
  type: "string",
  title: "Tier",
  description: "Key of a tier declared in the model's `tiers` list.",
  pattern: innerKeyPattern,
} as const;

/** Key of another tier model, as listed in `uses`. */
export const modelKeySchema = {
  type: "string",
  title: "Model",
  description: "Key of another tier model (it must be listed in `uses`).",
  pattern: "^[a-z][a-z0-9_-]{0,63}$",
} as const;

/** Which edge(s) of an interval belong to it. */
export const includesSchema = {
  type: "string",
  enum: ["min", "max", "both", "neither"],
  title: "Included edges",
  description:
    "Which edge belongs to the interval: 'min' gives [min, max), 'max' (min, max], 'both' " +
    "[min, max], 'neither' (min, max). An absent edge is unbounded. Default 'min', so '≥80' is " +
    "{min: 80} and '60–80' with 80 in the upper band is {min: 60, max: 80}.",
} as const;

/** `min`, `max` and `includes`: an interval on the real line; either edge may be absent. */
export const intervalProperties = {
  min: {
    type: "number",
    title: "Lower edge",
    description: "Lower edge of the interval; absent means unbounded below.",
  },
  max: {
    type: "number",
    title: "Upper edge",
    description: "Upper edge of the interval; absent means unbounded above.",
  },
  includes: includesSchema,
} as const;

/** One tier the model can assign. The list order is the tier order, best first. */
export const tierDeclarationSchema = {
  type: "object",
  title: "Tier",
  description: "A tier the model can assign, with its display label.",
  additionalProperties: false,
  required: ["key", "label"],
  properties: {
    key: {
      type: "string",
      title: "Key",
      description: "Stable key of the tier, stored in assignments and `tier.changed` events.",
      pattern: innerKeyPattern,
    },
    label: { ...i18nStringRef, title: "Label", description: "Display name of the tier." },
    description: {
      ...i18nStringRef,
      title: "Description",
      description: "What the tier means and what the team does for accounts in it.",
    },
    color: {
      type: "string",
      title: "Colour",
      description: "Display colour as #rrggbb, for charts and badges.",
      pattern: "^#[0-9a-fA-F]{6}$",
    },
  },
} as const;

/** A score band: an interval of (rounded) scores that maps to a tier. */
export const tierBandSchema = {
  type: "object",
  title: "Tier band",
  description:
    "Scores in this interval get `tier`. Bands must not overlap and, between the lowest and the " +
    "highest edge, must leave no gap; each band declares which of its edges it includes.",
  additionalProperties: false,
  required: ["tier"],
  properties: {
    tier: tierKeySchema,
    ...intervalProperties,
  },
} as const;

export const tierBandsSchema = {
  type: "array",
  title: "Tier bands",
  description:
    "Score intervals mapped to tiers, in any order. The score is rounded to `precision` first.",
  minItems: 1,
  maxItems: 50,
  items: tierBandSchema,
} as const;

export const hysteresisSchema = {
  type: "object",
  title: "Hysteresis",
  description:
    "Keeps an account in its previous tier until its score is at least `margin` beyond that " +
    "tier's band, so a score wobbling around a threshold does not flap between tiers.",
  additionalProperties: false,
  required: ["margin"],
  properties: {
    margin: {
      type: "number",
      title: "Margin",
      description: "Distance (in score points) the score must pass a band edge by to leave.",
      minimum: 0,
    },
  },
} as const;

/** Where a value comes from: a rule over the record, or another model's score. */
export const operandProperties = {
  rule: {
    ...ruleRef,
    title: "Rule",
    description: "JSON Logic rule evaluated against the record's data.",
  },
  model: modelKeySchema,
} as const;

/** Exactly one of `rule` and `model` (with both present, both branches match and `oneOf` fails). */
export const operandChoice = [
  // `properties` repeats the key so Ajv's strictRequired sees it defined at this level.
  { required: ["rule"], properties: { rule: true } },
  { required: ["model"], properties: { model: true } },
] as const;
