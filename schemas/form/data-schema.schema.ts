/**
 * @module schemas/form/data-schema.schema
 * The meta-schema of a form's `dataSchema`: a JSON Schema object whose properties are fields.
 * Fields are discriminated by `x-kam-field`; a sub-table holds columns of every other type, so
 * the structure is at most record → sub-table → row → column deep by construction.
 */

import { columnBranches, fieldNameList } from "./field.schema.ts";
import { fieldAnnotations, fieldNameSchema, itemCountBounds, jsonType } from "./field-parts.ts";

const discriminated = {
  type: "object",
  // Each branch requires the tag itself: Ajv's strictRequired rejects it on the parent.
  discriminator: { propertyName: "x-kam-field" },
} as const;

/** A sub-table column: any field type except sub-table. */
export const columnSchema = {
  ...discriminated,
  title: "Column",
  description: "One column of a sub-table: a field of any type except sub-table.",
  oneOf: columnBranches,
} as const;

export const subTableField = {
  type: "object",
  additionalProperties: false,
  required: ["x-kam-field", "type", "items"],
  title: "Sub-table field",
  description: "A list of rows with their own columns (e.g. the contacts of an account).",
  properties: {
    "x-kam-field": {
      const: "sub-table",
      title: "Field type",
      description: "A list of rows with their own columns.",
    },
    type: jsonType("array"),
    ...fieldAnnotations,
    ...itemCountBounds,
    items: {
      type: "object",
      title: "Row",
      description: "The shape of one row.",
      additionalProperties: false,
      required: ["type", "properties"],
      properties: {
        type: jsonType("object"),
        ...fieldAnnotations,
        properties: {
          type: "object",
          title: "Columns",
          description: "The columns of a row by name (1 to 50).",
          minProperties: 1,
          maxProperties: 50,
          propertyNames: fieldNameSchema,
          additionalProperties: columnSchema,
        },
        required: { ...fieldNameList, description: "Columns every row must fill." },
        additionalProperties: {
          const: false,
          title: "No other columns",
          description: "Rows never carry undeclared columns; added by the engine when omitted.",
        },
      },
    },
  },
} as const;

/** A top-level field: any field type, including sub-table. */
export const fieldSchema = {
  ...discriminated,
  title: "Field",
  description: "One field of the record; its x-kam-field names the field type.",
  oneOf: [...columnBranches, subTableField],
} as const;

export const formDataSchema = {
  type: "object",
  title: "Data schema",
  description:
    "JSON Schema (a safe subset of 2020-12) of the records of this form: an object whose " +
    "properties are the fields. No $ref, $data, patternProperties or unknown keywords.",
  additionalProperties: false,
  required: ["type", "properties"],
  properties: {
    type: jsonType("object"),
    ...fieldAnnotations,
    properties: {
      type: "object",
      title: "Fields",
      description: "The fields of the record by name (1 to 200).",
      minProperties: 1,
      maxProperties: 200,
      propertyNames: fieldNameSchema,
      additionalProperties: fieldSchema,
    },
    required: fieldNameList,
    additionalProperties: {
      const: false,
      title: "No other fields",
      description: "Records never carry undeclared fields; added by the engine when omitted.",
    },
  },
} as const;
