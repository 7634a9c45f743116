/**
 * @module forms/references
 * The forms a form points at through reference fields. A form definition alone cannot know
 * whether those forms exist; the code that holds every definition (a workspace, a template pack)
 * checks them with this list.
 */
import type { FormDefinition } from "../../schemas/index.ts";
import { ptrAt } from "../errors/index.ts";
import type { ColumnField, FormField } from "./field-types.ts";

/** A reference field and the key of the form whose records it points at. */
export interface FormReference {
  /** Pointer of the field's `x-kam-form` in the definition. */
  readonly pointer: string;
  readonly formKey: string;
}

function collect(
  fields: Readonly<Record<string, FormField | ColumnField>>,
  base: string,
  out: FormReference[],
): void {
  for (const [name, field] of Object.entries(fields)) {
    const at = ptrAt(base, name);
    if (field["x-kam-field"] === "reference") {
      out.push({ pointer: ptrAt(at, "x-kam-form"), formKey: field["x-kam-form"] });
    } else if (field["x-kam-field"] === "sub-table") {
      collect(field.items.properties, ptrAt(at, "items", "properties"), out);
    }
  }
}

/**
 * Every reference field of a valid form definition, including sub-table columns.
 * @example
 * for (const ref of formReferences(visitLog)) if (!keys.has(ref.formKey)) report(ref.pointer);
 */
export function formReferences(def: FormDefinition): FormReference[] {
  const out: FormReference[] = [];
  collect(def.dataSchema.properties, "/dataSchema/properties", out);
  return out;
}
