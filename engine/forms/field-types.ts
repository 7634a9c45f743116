/**
 * @module forms/field-types
 * What each field type (`x-kam-field`) means in JSON Schema. The stored data schema carries the
 * author's keywords; `expandDataSchema` adds the keywords a field type implies (the phone pattern,
 * date formats, attachment shape, bounds) so they hold for every form and cannot be weakened by a
 * template. The expanded schema is what Ajv compiles and what rules are type-checked against.
 */
import type { FormDefinition } from "../../schemas/index.ts";

export type FormDataSchema = FormDefinition["dataSchema"];
export type FormField = FormDataSchema["properties"][string];
export type FormFieldType = FormField["x-kam-field"];
export type SubTableField = Extract<FormField, { "x-kam-field": "sub-table" }>;
export type ColumnField = SubTableField["items"]["properties"][string];
export type FormUiSchema = NonNullable<FormDefinition["uiSchema"]>;
export type FieldUi = NonNullable<FormUiSchema["fields"]>[string];
export type FormWidget = NonNullable<FieldUi["widget"]>;
export type FormRules = NonNullable<FormDefinition["rules"]>;

/** A plain JSON Schema node, as Ajv and the rule compiler read it. */
export type JsonSchemaNode = Readonly<Record<string, unknown>>;

/** Mainland China mobile numbers: 11 digits, second digit 3–9. */
export const CHINA_MOBILE_PATTERN = "^1[3-9]\\d{9}$";

/** Implied default caps keep a record's strings bounded even when the author sets none. */
const DEFAULT_TEXT_MAX = 500;
const DEFAULT_TEXTAREA_MAX = 10_000;
const ID_BOUNDS = { minLength: 1, maxLength: 128 } as const;

/** Metadata of one uploaded file; only http(s) URLs, so no `javascript:` or `data:` link. */
const attachmentShape = {
  additionalProperties: false,
  required: ["name", "size", "mimeType", "url"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 255 },
    size: { type: "integer", minimum: 0 },
    mimeType: {
      type: "string",
      maxLength: 255,
      pattern: "^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$",
    },
    url: { type: "string", maxLength: 2048, format: "uri", pattern: "^[Hh][Tt][Tt][Pp][Ss]?://" },
  },
} as const;

/** The full JSON Schema of one field or column, with every keyword its type implies. */
export function expandField(field: FormField | ColumnField): JsonSchemaNode {
  switch (field["x-kam-field"]) {
    case "text":
      return { maxLength: DEFAULT_TEXT_MAX, ...field };
    case "textarea":
      return { maxLength: DEFAULT_TEXTAREA_MAX, ...field };
    case "date":
      return { ...field, format: "date" };
    case "datetime":
      return { ...field, format: "date-time" };
    case "email":
      return { ...field, format: "email", maxLength: 254 };
    case "phone":
      return { ...field, pattern: CHINA_MOBILE_PATTERN };
    case "user":
    case "team":
    case "reference":
      return { ...field, ...ID_BOUNDS };
    case "rating":
      return { minimum: 0, maximum: 10, ...field };
    case "nps":
      return { ...field, minimum: 0, maximum: 10 };
    case "multi-select":
      return { ...field, uniqueItems: true };
    case "attachment":
      return { ...field, ...attachmentShape };
    case "sub-table":
      return { ...field, items: expandObject(field.items) };
    default:
      return field;
  }
}

function expandObject(schema: {
  readonly properties: Readonly<Record<string, FormField | ColumnField>>;
}): JsonSchemaNode {
  const properties: Record<string, JsonSchemaNode> = {};
  for (const [name, field] of Object.entries(schema.properties)) {
    properties[name] = expandField(field);
  }
  return { ...schema, properties, additionalProperties: false };
}

/**
 * The data schema with every implied keyword added: the schema records are validated against
 * and rules are type-checked against.
 * @example
 * expandDataSchema({ type: "object", properties: { mobile: { "x-kam-field": "phone", type: "string" } } })
 * // → { …, properties: { mobile: { …, pattern: "^1[3-9]\\d{9}$" } }, additionalProperties: false }
 */
export function expandDataSchema(dataSchema: FormDataSchema): JsonSchemaNode {
  return expandObject(dataSchema);
}

/** Widgets that can show each field type; the first is the designer's default. */
export const widgetsByFieldType: Readonly<Record<FormFieldType, readonly FormWidget[]>> = {
  text: ["input", "textarea"],
  textarea: ["textarea", "input"],
  number: ["number", "slider"],
  money: ["money", "number"],
  percent: ["percent", "number", "slider"],
  date: ["date"],
  datetime: ["datetime"],
  select: ["select", "radio"],
  "multi-select": ["select", "checkbox-group"],
  boolean: ["switch", "checkbox", "radio"],
  user: ["user-picker"],
  team: ["team-picker"],
  reference: ["record-picker"],
  "sub-table": ["table"],
  rating: ["rate", "slider", "number"],
  nps: ["nps", "slider", "number"],
  email: ["email", "input"],
  phone: ["phone", "input"],
  attachment: ["upload"],
};

/** The option values of a select or multi-select field, or undefined for other types. */
export function optionValues(field: FormField | ColumnField): readonly string[] | undefined {
  if (field["x-kam-field"] === "select") return field.enum;
  if (field["x-kam-field"] === "multi-select") return field.items.enum;
  return undefined;
}
