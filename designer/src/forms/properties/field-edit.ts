/**
 * @module designer/forms/properties/field-edit
 * How a field's panels change the form document: one edit, recorded as an undo step under a tag
 * (edits with the same tag merge into one step, so typing in an input is undone at once).
 */
import type { FormDoc } from "../form-doc.ts";

/** Applies `fn` to the form document as one undo step tagged `tag`. */
export type FieldEdit = (fn: (d: FormDoc) => FormDoc, tag: string) => void;
