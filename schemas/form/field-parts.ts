/**
 * @module schemas/form/field-parts
 * Property schemas that several form field types share (annotations, lengths, bounds, option
 * lists). Kept apart so each field branch in `field.schema.ts` stays a few readable lines.
 */

/** A field or column name: an identifier rules can read with `var` without any escaping. */
export const fieldNameSchema = {
  type: "string",
  title: "Field name",
  description:
    "Identifier of a field: a letter, then letters, digits or '_' (at most 64). JSON Logic rules " +
    "read it with {\"var\": \"<name>\"}. 'constructor' and 'prototype' are reserved.",
  pattern: "^[A-Za-z][A-Za-z0-9_]{0,63}$",
  not: { enum: ["constructor", "prototype"] },
} as const;

/** Developer-facing annotations every field may carry; user-facing labels live in uiSchema. */
export const fieldAnnotations = {
  title: {
    type: "string",
    title: "Title",
    description: "Developer-facing name of the field; labels shown to users are in uiSchema.",
    maxLength: 200,
  },
  description: {
    type: "string",
    title: "Description",
    description: "Developer-facing note on the field; help text shown to users is in uiSchema.",
    maxLength: 2000,
  },
} as const;

export const lengthBounds = {
  minLength: {
    type: "integer",
    title: "Minimum length",
    description: "Fewest characters the text may have.",
    minimum: 0,
    maximum: 100000,
  },
  maxLength: {
    type: "integer",
    title: "Maximum length",
    description:
      "Most characters the text may have. Defaults to 500 for text and 10,000 for textarea.",
    minimum: 1,
    maximum: 100000,
  },
} as const;

export const numberBounds = {
  minimum: { type: "number", title: "Minimum", description: "Smallest allowed value (inclusive)." },
  maximum: { type: "number", title: "Maximum", description: "Largest allowed value (inclusive)." },
  exclusiveMinimum: {
    type: "number",
    title: "Exclusive minimum",
    description: "The value must be greater than this.",
  },
  exclusiveMaximum: {
    type: "number",
    title: "Exclusive maximum",
    description: "The value must be less than this.",
  },
} as const;

/** The allowed values of a select; bounded so a hostile definition cannot ship a 50k-entry enum. */
export const optionValuesSchema = {
  type: "array",
  title: "Options",
  description:
    "The values the field may take (1 to 500 distinct strings). Their labels are in " +
    "uiSchema.fields.<name>.options.",
  minItems: 1,
  maxItems: 500,
  uniqueItems: true,
  items: {
    type: "string",
    title: "Option value",
    description: "A stored option value (a stable code, not a label).",
    minLength: 1,
    maxLength: 200,
  },
} as const;

export const itemCountBounds = {
  minItems: {
    type: "integer",
    title: "Minimum items",
    description: "Fewest entries the list may have.",
    minimum: 0,
    maximum: 1000,
  },
  maxItems: {
    type: "integer",
    title: "Maximum items",
    description: "Most entries the list may have (at most 1,000).",
    minimum: 1,
    maximum: 1000,
  },
} as const;

/** `type` of a field whose JSON type is fixed by its field type. */
export const jsonType = <const T extends string>(type: T) =>
  ({
    const: type,
    title: "JSON type",
    description: `JSON Schema type; always "${type}" for this field type.`,
  }) as const;

/** `x-kam-field` of one field type: the discriminator the designer and engine switch on. */
export const fieldTag = <const T extends string>(tag: T, description: string) =>
  ({ const: tag, title: "Field type", description }) as const;
