/**
 * @module designer/forms/runtime/form-runtime
 * What a runtime form shows for one record, computed by the engine's own compiled form (the same
 * code the server validates records with): which fields and sections are visible and required,
 * the computed values, and the validation issues in the UI's language — with a flow node's field
 * permissions (hidden, read-only, editable, required) applied on top. Pure; `FormView` draws it.
 */
import type { Issue, Locale } from "../../../../engine/errors/index.ts";
import { issue, localizeIssue } from "../../../../engine/errors/index.ts";
import type { CompiledForm, FormState } from "../../../../engine/forms/index.ts";

/** Access of a person working on a flow node to one field (schemas/flow/parts.ts). */
export type FieldPermission = "hidden" | "read-only" | "editable" | "required";
export const FIELD_PERMISSIONS: readonly FieldPermission[] = [
  "hidden",
  "read-only",
  "editable",
  "required",
];

/** Per field: the access a node grants; unlisted fields are read-only (the schema's rule). */
export type FieldPermissions = Readonly<Record<string, FieldPermission>>;

export interface RuntimeOptions {
  readonly locale: Locale;
  /** A node's field permissions; when absent every field is editable. */
  readonly permissions?: FieldPermissions | undefined;
  /** The stored record being edited (hidden fields keep its values under the "keep" policy). */
  readonly previous?: Readonly<Record<string, unknown>> | undefined;
}

export interface RuntimeField {
  readonly visible: boolean;
  readonly required: boolean;
  readonly computed: boolean;
  readonly editable: boolean;
}

export interface RuntimeView {
  readonly state: FormState;
  readonly fields: Readonly<Record<string, RuntimeField>>;
  /** Every issue (engine validation, rule failures, permission-required), in `locale`. */
  readonly issues: readonly Issue[];
  /** True when the record can be submitted (no issue on a field the user can see). */
  readonly ok: boolean;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  return Array.isArray(value) && value.length === 0;
}

/** The first token of a pointer into the record: the field it is about. */
export function fieldOfPointer(pointer: string): string {
  const token = pointer.split("/")[1] ?? "";
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * Evaluates a record for display.
 * @example
 * const view = evaluateView(compiled, { margin: 8 }, { locale: "zh-CN" });
 * view.fields.reason?.required; // true when the required-if rule says so
 */
export function evaluateView(
  form: CompiledForm,
  value: Readonly<Record<string, unknown>>,
  options: RuntimeOptions,
): RuntimeView {
  const { locale, permissions, previous } = options;
  const stateOptions = previous ? { previous } : {};
  const state = form.evaluateFormState(value, stateOptions);
  const fields: Record<string, RuntimeField> = {};
  const extra: Issue[] = [];
  for (const [name, flags] of Object.entries(state.fields)) {
    const access: FieldPermission = permissions ? (permissions[name] ?? "read-only") : "editable";
    const visible = flags.visible && access !== "hidden";
    const editable = visible && !flags.computed && (access === "editable" || access === "required");
    const required = visible && !flags.computed && (flags.required || access === "required");
    if (required && !flags.required && isEmpty(state.record[name])) {
      const label = form.definition.uiSchema?.fields?.[name]?.label;
      extra.push(
        issue("FORM_FIELD_REQUIRED", `/${name}`, {
          field: name,
          label: { en: label?.en ?? name, "zh-CN": label?.["zh-CN"] ?? name },
        }),
      );
    }
    fields[name] = { visible, required, computed: flags.computed, editable };
  }
  const result = form.validateRecord(value, { locale, ...stateOptions });
  const engineIssues = result.ok ? [] : result.issues;
  const issues = [...engineIssues, ...extra.map((i) => localizeIssue(i, locale))];
  const ok = issues.every((i) => {
    const field = fields[fieldOfPointer(i.pointer)];
    return field !== undefined && !field.visible;
  });
  return { state, fields, issues, ok };
}
