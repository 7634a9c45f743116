/**
 * @module schemas/form/field.schema
 * The safe subset of JSON Schema a form field may use, one branch per field type (DESIGN §3.1),
 * discriminated by the annotation keyword `x-kam-field`. Each branch allows only the keywords
 * that make sense for its type; everything else (`$ref`, `$data`, `patternProperties`, unknown
 * keywords) is rejected. Shape keywords a field type implies (the phone pattern, the date format,
 * the attachment object, rating bounds) are added by the engine when the form compiles, so
 * authors and templates cannot weaken them.
 */
import { keySchema } from "../common/definition-header.ts";
import {
  fieldAnnotations,
  fieldNameSchema,
  fieldTag,
  itemCountBounds,
  jsonType,
  lengthBounds,
  numberBounds,
  optionValuesSchema,
} from "./field-parts.ts";

const branch = {
  type: "object",
  additionalProperties: false,
  required: ["x-kam-field", "type"],
} as const;

const textPattern = {
  type: "string",
  title: "Pattern",
  description:
    "Regular expression the text must match, in RE2 syntax (linear time: no backreferences or " +
    "lookaround).",
  minLength: 1,
  maxLength: 500,
} as const;

export const textField = {
  ...branch,
  title: "Text field",
  description: "A single line of text.",
  properties: {
    "x-kam-field": fieldTag("text", "A single line of text."),
    type: jsonType("string"),
    ...fieldAnnotations,
    ...lengthBounds,
    pattern: textPattern,
  },
} as const;

export const textareaField = {
  ...branch,
  title: "Textarea field",
  description: "Multi-line text.",
  properties: {
    "x-kam-field": fieldTag("textarea", "Multi-line text."),
    type: jsonType("string"),
    ...fieldAnnotations,
    ...lengthBounds,
  },
} as const;

export const numberField = {
  ...branch,
  title: "Number field",
  description: "A number, or an integer when type is 'integer'.",
  properties: {
    "x-kam-field": fieldTag("number", "A plain number."),
    type: {
      enum: ["number", "integer"],
      title: "JSON type",
      description: "'number' for any number, 'integer' for whole numbers.",
    },
    ...fieldAnnotations,
    ...numberBounds,
    multipleOf: {
      type: "number",
      title: "Multiple of",
      description: "The value must be a multiple of this (e.g. 1 for whole numbers).",
      exclusiveMinimum: 0,
    },
  },
} as const;

export const moneyField = {
  ...branch,
  required: ["x-kam-field", "type", "x-kam-currency"],
  title: "Money field",
  description: "An amount of money in one currency, stored as a number (e.g. 1200000.5).",
  properties: {
    "x-kam-field": fieldTag("money", "An amount of money in the field's currency."),
    type: jsonType("number"),
    "x-kam-currency": {
      type: "string",
      title: "Currency",
      description: "ISO 4217 currency code of every amount in this field, e.g. CNY.",
      pattern: "^[A-Z]{3}$",
    },
    ...fieldAnnotations,
    ...numberBounds,
  },
} as const;

export const percentField = {
  ...branch,
  title: "Percent field",
  description: "A percentage stored in percent units: 25.5 means 25.5 %.",
  properties: {
    "x-kam-field": fieldTag("percent", "A percentage in percent units (25.5 means 25.5 %)."),
    type: jsonType("number"),
    ...fieldAnnotations,
    ...numberBounds,
  },
} as const;

const formatOf = <const F extends string>(format: F) =>
  ({
    const: format,
    title: "Format",
    description: `Always "${format}"; added by the engine when omitted.`,
  }) as const;

export const dateField = {
  ...branch,
  title: "Date field",
  description: "A calendar date, 'YYYY-MM-DD' (RFC 3339 full-date).",
  properties: {
    "x-kam-field": fieldTag("date", "A calendar date."),
    type: jsonType("string"),
    format: formatOf("date"),
    ...fieldAnnotations,
  },
} as const;

export const datetimeField = {
  ...branch,
  title: "Date-time field",
  description: "An instant with its offset, RFC 3339 date-time, e.g. 2026-03-01T09:30:00+08:00.",
  properties: {
    "x-kam-field": fieldTag("datetime", "An instant with its UTC offset."),
    type: jsonType("string"),
    format: formatOf("date-time"),
    ...fieldAnnotations,
  },
} as const;

export const selectField = {
  ...branch,
  required: ["x-kam-field", "type", "enum"],
  title: "Select field",
  description: "One value out of a fixed list of options.",
  properties: {
    "x-kam-field": fieldTag("select", "One value out of a fixed list."),
    type: jsonType("string"),
    enum: optionValuesSchema,
    ...fieldAnnotations,
  },
} as const;

export const multiSelectField = {
  ...branch,
  required: ["x-kam-field", "type", "items"],
  title: "Multi-select field",
  description: "Any number of distinct values out of a fixed list of options.",
  properties: {
    "x-kam-field": fieldTag("multi-select", "Several distinct values out of a fixed list."),
    type: jsonType("array"),
    items: {
      type: "object",
      title: "Option list",
      description: "The options each selected value must be one of.",
      additionalProperties: false,
      required: ["type", "enum"],
      properties: { type: jsonType("string"), enum: optionValuesSchema },
    },
    ...fieldAnnotations,
    ...itemCountBounds,
  },
} as const;

export const booleanField = {
  ...branch,
  title: "Boolean field",
  description: "Yes or no.",
  properties: {
    "x-kam-field": fieldTag("boolean", "Yes or no."),
    type: jsonType("boolean"),
    ...fieldAnnotations,
  },
} as const;

export const userField = {
  ...branch,
  title: "User field",
  description: "The id of a user of the workspace (e.g. an account owner).",
  properties: {
    "x-kam-field": fieldTag("user", "A user id."),
    type: jsonType("string"),
    ...fieldAnnotations,
  },
} as const;

export const teamField = {
  ...branch,
  title: "Team field",
  description: "The id of a team of the workspace (e.g. a key-account team).",
  properties: {
    "x-kam-field": fieldTag("team", "A team id."),
    type: jsonType("string"),
    ...fieldAnnotations,
  },
} as const;

export const referenceField = {
  ...branch,
  required: ["x-kam-field", "type", "x-kam-form"],
  title: "Reference field",
  description: "The id of a record of another form (e.g. the account a visit log belongs to).",
  properties: {
    "x-kam-field": fieldTag("reference", "The id of a record of the form named by x-kam-form."),
    type: jsonType("string"),
    "x-kam-form": {
      ...keySchema,
      title: "Referenced form",
      description: "Key of the form whose records this field points at.",
    },
    ...fieldAnnotations,
  },
} as const;

const scoreBound = (title: string, description: string) =>
  ({ type: "integer", title, description, minimum: 0, maximum: 10 }) as const;

export const ratingField = {
  ...branch,
  title: "Rating field",
  description: "A whole-number rating between 0 and 10; minimum and maximum may narrow it.",
  properties: {
    "x-kam-field": fieldTag("rating", "A whole-number rating, 0 to 10 at most."),
    type: jsonType("integer"),
    ...fieldAnnotations,
    minimum: scoreBound("Lowest rating", "Lowest allowed rating (default 0)."),
    maximum: scoreBound("Highest rating", "Highest allowed rating (default 10; 5 for stars)."),
  },
} as const;

export const npsField = {
  ...branch,
  title: "NPS field",
  description: "A Net Promoter Score answer: a whole number from 0 to 10.",
  properties: {
    "x-kam-field": fieldTag("nps", "A Net Promoter Score answer, 0 to 10."),
    type: jsonType("integer"),
    ...fieldAnnotations,
  },
} as const;

export const emailField = {
  ...branch,
  title: "E-mail field",
  description: "An e-mail address (at most 254 characters).",
  properties: {
    "x-kam-field": fieldTag("email", "An e-mail address."),
    type: jsonType("string"),
    format: formatOf("email"),
    ...fieldAnnotations,
  },
} as const;

export const phoneField = {
  ...branch,
  title: "Phone field",
  description: "A mainland China mobile number: 11 digits starting with 13–19 (^1[3-9]\\d{9}$).",
  properties: {
    "x-kam-field": fieldTag("phone", "A mainland China mobile number."),
    type: jsonType("string"),
    ...fieldAnnotations,
  },
} as const;

export const attachmentField = {
  ...branch,
  title: "Attachment field",
  description:
    "Metadata of one uploaded file: {name, size, mimeType, url}; url must be http or https. " +
    "The object shape is added by the engine.",
  properties: {
    "x-kam-field": fieldTag("attachment", "Metadata of one uploaded file."),
    type: jsonType("object"),
    ...fieldAnnotations,
  },
} as const;

/** Field types a sub-table column may have: every type except sub-table (one level of nesting). */
export const columnBranches = [
  textField,
  textareaField,
  numberField,
  moneyField,
  percentField,
  dateField,
  datetimeField,
  selectField,
  multiSelectField,
  booleanField,
  userField,
  teamField,
  referenceField,
  ratingField,
  npsField,
  emailField,
  phoneField,
  attachmentField,
] as const;

export const fieldNameList = {
  type: "array",
  title: "Required fields",
  description: "Names of fields that must have a value (unless hidden by a visibility rule).",
  maxItems: 200,
  uniqueItems: true,
  items: fieldNameSchema,
} as const;
