/**
 * @module forms/check-ui-schema
 * The UI schema may name only fields, columns and option values the data schema declares, place
 * a field in one section at most, and pick widgets that can show the field's type.
 */
import { type Issue, issue, ptrAt } from "../errors/index.ts";
import {
  type ColumnField,
  type FieldUi,
  type FormDataSchema,
  type FormField,
  type FormUiSchema,
  optionValues,
  widgetsByFieldType,
} from "./field-types.ts";

type ColumnUi = NonNullable<FieldUi["columns"]>[string];

function checkNames(
  names: readonly string[] | undefined,
  known: Readonly<Record<string, unknown>>,
  pointer: string,
  out: Issue[],
): void {
  names?.forEach((field, i) => {
    if (!Object.hasOwn(known, field)) {
      out.push(issue("FORM_UNKNOWN_FIELD", ptrAt(pointer, i), { field }));
    }
  });
}

function checkPresentation(
  ui: ColumnUi,
  field: FormField | ColumnField,
  pointer: string,
  out: Issue[],
): void {
  const fieldType = field["x-kam-field"];
  const allowed = widgetsByFieldType[fieldType];
  if (ui.widget !== undefined && !allowed.includes(ui.widget)) {
    out.push(
      issue("FORM_UI_WIDGET_MISMATCH", ptrAt(pointer, "widget"), {
        widget: ui.widget,
        fieldType,
        allowed,
      }),
    );
  }
  if (ui.options === undefined) return;
  const values = optionValues(field);
  if (values === undefined) {
    out.push(
      issue("FORM_UI_NOT_APPLICABLE", ptrAt(pointer, "options"), {
        property: "options",
        fieldTypes: ["select", "multi-select"],
        fieldType,
      }),
    );
    return;
  }
  for (const option of Object.keys(ui.options)) {
    if (!values.includes(option)) {
      out.push(issue("FORM_UI_UNKNOWN_OPTION", ptrAt(pointer, "options", option), { option }));
    }
  }
}

function checkFieldUi(ui: FieldUi, field: FormField, pointer: string, out: Issue[]): void {
  checkPresentation(ui, field, pointer, out);
  if (ui.columns === undefined && ui.columnOrder === undefined) return;
  if (field["x-kam-field"] !== "sub-table") {
    const property = ui.columns === undefined ? "columnOrder" : "columns";
    out.push(
      issue("FORM_UI_NOT_APPLICABLE", ptrAt(pointer, property), {
        property,
        fieldTypes: ["sub-table"],
        fieldType: field["x-kam-field"],
      }),
    );
    return;
  }
  const columns = field.items.properties;
  checkNames(ui.columnOrder, columns, ptrAt(pointer, "columnOrder"), out);
  for (const [name, columnUi] of Object.entries(ui.columns ?? {})) {
    const column = columns[name];
    const at = ptrAt(pointer, "columns", name);
    if (column === undefined) out.push(issue("FORM_UNKNOWN_FIELD", at, { field: name }));
    else checkPresentation(columnUi, column, at, out);
  }
}

/**
 * Issues of a schema-valid UI schema against its data schema, with pointers below `/uiSchema`.
 * @example
 * checkUiSchema({ order: ["nmae"] }, def.dataSchema) // → [{ code: "FORM_UNKNOWN_FIELD", pointer: "/uiSchema/order/0", … }]
 */
export function checkUiSchema(ui: FormUiSchema, dataSchema: FormDataSchema): Issue[] {
  const out: Issue[] = [];
  const base = "/uiSchema";
  const fields = dataSchema.properties;
  checkNames(ui.order, fields, ptrAt(base, "order"), out);
  const sectionOf = new Map<string, string>();
  const sectionKeys = new Set<string>();
  ui.sections?.forEach((section, i) => {
    const at = ptrAt(base, "sections", i);
    if (sectionKeys.has(section.key)) {
      out.push(issue("FORM_DUPLICATE_KEY", ptrAt(at, "key"), { key: section.key }));
    }
    sectionKeys.add(section.key);
    checkNames(section.fields, fields, ptrAt(at, "fields"), out);
    section.fields.forEach((field, j) => {
      if (sectionOf.has(field)) {
        out.push(issue("FORM_UI_DUPLICATE_FIELD", ptrAt(at, "fields", j), { field }));
      }
      sectionOf.set(field, section.key);
    });
  });
  for (const [name, fieldUi] of Object.entries(ui.fields ?? {})) {
    const field = fields[name];
    const at = ptrAt(base, "fields", name);
    if (field === undefined) out.push(issue("FORM_UNKNOWN_FIELD", at, { field: name }));
    else checkFieldUi(fieldUi, field, at, out);
  }
  return out;
}
