/**
 * @module schemas/form/ui-schema.schema
 * The presentation of a form: sections, grid columns, field order, widgets, and the i18n
 * labels, help texts and option labels the designer and the record pages show.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { fieldNameSchema } from "./field-parts.ts";

/** Widget ids the designer knows; the engine checks each against the field type it shows. */
export const formWidgets = [
  "input",
  "textarea",
  "number",
  "money",
  "percent",
  "slider",
  "date",
  "datetime",
  "select",
  "radio",
  "checkbox-group",
  "switch",
  "checkbox",
  "user-picker",
  "team-picker",
  "record-picker",
  "table",
  "rate",
  "nps",
  "email",
  "phone",
  "upload",
] as const;

export const sectionKeySchema = {
  type: "string",
  title: "Section key",
  description: "Stable identifier of a section: lower-case letters, digits, '-' and '_'.",
  pattern: "^[a-z][a-z0-9_-]{0,63}$",
} as const;

const gridColumns = {
  type: "integer",
  title: "Columns",
  description: "Number of grid columns fields are laid out in (1 to 4).",
  minimum: 1,
  maximum: 4,
} as const;

const label = (title: string, description: string) =>
  ({ ...i18nStringRef, title, description }) as const;

const columnUiProperties = {
  label: label("Label", "The field's label in zh-CN and en."),
  help: label("Help text", "Help shown under the field, in zh-CN and en."),
  placeholder: label("Placeholder", "Hint shown in an empty input, in zh-CN and en."),
  widget: {
    enum: formWidgets,
    title: "Widget",
    description: "How the designer draws the field; must suit the field type.",
  },
  span: {
    type: "integer",
    title: "Span",
    description: "Grid columns the field occupies (1 to 4).",
    minimum: 1,
    maximum: 4,
  },
  options: {
    type: "object",
    title: "Option labels",
    description: "Label of each option value of a select or multi-select, in zh-CN and en.",
    maxProperties: 500,
    propertyNames: { maxLength: 200 },
    additionalProperties: label("Option label", "The option's label in zh-CN and en."),
  },
} as const;

export const columnUiSchema = {
  type: "object",
  title: "Column presentation",
  description: "Label, help text and widget of one sub-table column.",
  additionalProperties: false,
  properties: columnUiProperties,
} as const;

export const fieldUiSchema = {
  type: "object",
  title: "Field presentation",
  description: "Label, help text, widget and layout of one field.",
  additionalProperties: false,
  properties: {
    ...columnUiProperties,
    columns: {
      type: "object",
      title: "Sub-table columns",
      description: "Presentation of each column of a sub-table field, by column name.",
      maxProperties: 50,
      propertyNames: fieldNameSchema,
      additionalProperties: columnUiSchema,
    },
    columnOrder: {
      type: "array",
      title: "Column order",
      description: "Order of a sub-table's columns; unlisted columns follow in schema order.",
      maxItems: 50,
      uniqueItems: true,
      items: fieldNameSchema,
    },
  },
} as const;

export const sectionSchema = {
  type: "object",
  title: "Section",
  description: "A titled group of fields; a visibility rule may hide the whole section.",
  additionalProperties: false,
  required: ["key", "title", "fields"],
  properties: {
    key: sectionKeySchema,
    title: label("Title", "The section's title in zh-CN and en."),
    description: label("Description", "Text under the section title, in zh-CN and en."),
    columns: gridColumns,
    collapsed: {
      type: "boolean",
      title: "Collapsed",
      description: "Whether the section starts collapsed.",
    },
    fields: {
      type: "array",
      title: "Fields",
      description: "The section's fields in display order; a field belongs to at most one section.",
      minItems: 1,
      maxItems: 200,
      uniqueItems: true,
      items: fieldNameSchema,
    },
  },
} as const;

export const formUiSchema = {
  type: "object",
  title: "UI schema",
  description: "How the form is presented: sections, columns, order, widgets and i18n texts.",
  additionalProperties: false,
  properties: {
    columns: gridColumns,
    order: {
      type: "array",
      title: "Field order",
      description:
        "Display order of fields outside sections; unlisted fields follow in schema order.",
      maxItems: 200,
      uniqueItems: true,
      items: fieldNameSchema,
    },
    sections: {
      type: "array",
      title: "Sections",
      description: "Titled groups of fields, in display order.",
      maxItems: 50,
      items: sectionSchema,
    },
    fields: {
      type: "object",
      title: "Field presentation",
      description: "Label, help text and widget of each field, by field name.",
      maxProperties: 200,
      propertyNames: fieldNameSchema,
      additionalProperties: fieldUiSchema,
    },
  },
} as const;
