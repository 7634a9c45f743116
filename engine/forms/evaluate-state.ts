/**
 * @module forms/evaluate-state
 * Evaluates a form's rules on a record: computed values, visibility of fields and sections, and
 * which fields are required. The designer's live preview and the server share it.
 *
 * Semantics, in order:
 * 1. Input values of computed fields are discarded (never trusted) and `null` means "no value".
 * 2. Computed fields are evaluated in dependency order and written into the record; a result of
 *    null or undefined leaves the field empty.
 * 3. Visibility rules run on that record; a field is hidden when its rule is falsy or its section
 *    is hidden. Values of hidden input fields are dropped (policy "drop", the default) or replaced
 *    by the previously stored value (policy "keep"); computed fields keep their value either way.
 * 4. Because dropping a value can change other rules, steps 2–3 repeat from the input until the
 *    set of hidden fields is stable (at most one pass per visibility rule, plus one).
 * 5. A field is required when it is visible, not computed, and listed in `required` or its
 *    required-if rule is truthy.
 * A rule that fails to evaluate is reported as an issue pointing at the field it governs; a
 * failing visibility rule leaves the field visible, so nothing is silently dropped.
 */
import { type Issue, issue, KamError, ptr } from "../errors/index.ts";
import { truthy } from "../rules/index.ts";
import type { CompiledFormRule } from "./compile-rules.ts";
import type { FormModel } from "./form-model.ts";

/** A record of a form: field name → value. */
export type FormRecord = Record<string, unknown>;

/** The evaluated state of one field. */
export interface FieldState {
  readonly visible: boolean;
  readonly required: boolean;
  readonly computed: boolean;
}

/** What the form's rules say about one record. */
export interface FormState {
  /** The record after rules: computed values written, hidden values handled per policy. */
  readonly record: FormRecord;
  readonly fields: Readonly<Record<string, FieldState>>;
  readonly sections: Readonly<Record<string, { readonly visible: boolean }>>;
  /** The computed values (also written into `record`). */
  readonly computed: Readonly<Record<string, unknown>>;
  /** Rules that failed to evaluate, pointing into the record. */
  readonly issues: readonly Issue[];
}

function failure(error: unknown, rule: CompiledFormRule, pointer: string): Issue {
  if (error instanceof KamError) {
    return issue(error.code, pointer, {
      ...error.params,
      rulePointer: error.pointer || rule.pointer,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return issue("FORM_RULE_FAILED", pointer, {
    rulePointer: rule.pointer,
    detail,
  });
}

/** Own fields of the input, minus computed fields and nulls (a prototype key is never copied). */
export function baseRecord(model: FormModel, input: Readonly<Record<string, unknown>>): FormRecord {
  const out: FormRecord = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (key === "__proto__" || value === null || value === undefined) continue;
    if (model.computedFields.has(key)) continue;
    out[key] = value;
  }
  return out;
}

interface Pass {
  record: FormRecord;
  computed: Record<string, unknown>;
  hidden: Set<string>;
  hiddenSections: Set<string>;
  issues: Issue[];
}

function runPass(
  model: FormModel,
  base: FormRecord,
  hidden: ReadonlySet<string>,
  previous: Readonly<Record<string, unknown>> | undefined,
): Pass {
  const record: FormRecord = { ...base };
  const issues: Issue[] = [];
  for (const field of hidden) {
    if (model.computedFields.has(field)) continue;
    delete record[field];
    if (model.hiddenValues === "keep" && previous && Object.hasOwn(previous, field)) {
      const kept = previous[field];
      if (kept !== null && kept !== undefined) record[field] = kept;
    }
  }
  const computed: Record<string, unknown> = {};
  for (const rule of model.computed) {
    let value: unknown;
    try {
      value = rule.evaluate(record);
    } catch (error) {
      issues.push(failure(error, rule, ptr(rule.target)));
    }
    // NaN and ±Infinity (arithmetic on an empty field) are no value: JSON cannot hold them, and
    // a stored NaN would fail the field's type check on a field the user cannot edit.
    if (typeof value === "number" && !Number.isFinite(value)) value = undefined;
    if (value === null || value === undefined) delete record[rule.target];
    else record[rule.target] = value;
    computed[rule.target] = value ?? null;
  }
  const isTrue = (rule: CompiledFormRule | undefined, pointer: string): boolean => {
    if (!rule) return true;
    try {
      return truthy(rule.evaluate(record));
    } catch (error) {
      issues.push(failure(error, rule, pointer));
      return true;
    }
  };
  const hiddenSections = new Set<string>();
  for (const key of model.sectionKeys) {
    if (!isTrue(model.sectionVisibility.get(key), "")) hiddenSections.add(key);
  }
  const nowHidden = new Set<string>();
  for (const field of model.fieldNames) {
    const section = model.sectionOf.get(field);
    const sectionHidden = section !== undefined && hiddenSections.has(section);
    if (sectionHidden || !isTrue(model.fieldVisibility.get(field), ptr(field)))
      nowHidden.add(field);
  }
  return { record, computed, hidden: nowHidden, hiddenSections, issues };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * Evaluates the rules of a compiled form on a record (see the module header for the semantics).
 * @example
 * const state = evaluateWithModel(model, { margin: 8 });
 * state.fields.lowMarginReason?.required // true when the required-if rule says so
 */
export function evaluateWithModel(
  model: FormModel,
  input: Readonly<Record<string, unknown>>,
  previous?: Readonly<Record<string, unknown>>,
): FormState {
  const base = baseRecord(model, input);
  let hidden: ReadonlySet<string> = new Set();
  let pass = runPass(model, base, hidden, previous);
  const maxPasses = model.fieldVisibility.size + model.sectionVisibility.size + 1;
  for (let i = 0; i < maxPasses && !sameSet(pass.hidden, hidden); i++) {
    hidden = pass.hidden;
    pass = runPass(model, base, hidden, previous);
  }
  // The record reflects `hidden` (the set applied); report that set so state and record agree.
  const fields: Record<string, FieldState> = {};
  for (const field of model.fieldNames) {
    const visible = !hidden.has(field);
    const isComputed = model.computedFields.has(field);
    let required = false;
    if (visible && !isComputed) {
      const rule = model.requiredIf.get(field);
      required = model.staticRequired.has(field);
      if (!required && rule) {
        try {
          required = truthy(rule.evaluate(pass.record));
        } catch (error) {
          pass.issues.push(failure(error, rule, ptr(field)));
        }
      }
    }
    fields[field] = { visible, required, computed: isComputed };
  }
  const sections: Record<string, { visible: boolean }> = {};
  for (const key of model.sectionKeys) sections[key] = { visible: !pass.hiddenSections.has(key) };
  return { record: pass.record, fields, sections, computed: pass.computed, issues: pass.issues };
}
