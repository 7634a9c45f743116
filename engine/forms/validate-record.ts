/**
 * @module forms/validate-record
 * Validates one record against a compiled form: rules first (computed values, visibility,
 * required-if), then Ajv on the resulting record, then the cross-field validations. Never throws;
 * every issue carries a catalog code, a pointer into the record (`/contacts/2/phone`) and a
 * message in the requested locale (the other locale is one `localizeIssue` away).
 */
import type { ErrorObject, ValidateFunction } from "../../schemas/index.ts";
import {
  type ErrorCode,
  type Issue,
  issue,
  type Locale,
  localizeIssue,
  parsePointer,
  ptr,
  type Validation,
} from "../errors/index.ts";
import { truthy } from "../rules/index.ts";
import { ajvIssues } from "./ajv-issues.ts";
import { evaluateWithModel, type FormRecord, type FormState } from "./evaluate-state.ts";
import { type FormModel, labelAt } from "./form-model.ts";

/** Options of `validateRecord`. */
export interface ValidateRecordOptions {
  /**
   * Locale of each issue's `message`.
   * @default "en"
   */
  readonly locale?: Locale;
  /** The stored record being updated; hidden fields keep its values under the "keep" policy. */
  readonly previous?: Readonly<Record<string, unknown>>;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  return Array.isArray(value) && value.length === 0;
}

function recordCode(error: ErrorObject): ErrorCode {
  if (error.keyword === "required") return "FORM_FIELD_REQUIRED";
  if (error.keyword === "additionalProperties") return "FORM_FIELD_UNKNOWN";
  return "FORM_VALUE_INVALID";
}

function requiredIssues(model: FormModel, state: FormState): Issue[] {
  const out: Issue[] = [];
  for (const [field, flags] of Object.entries(state.fields)) {
    if (flags.required && isEmpty(state.record[field])) {
      out.push(issue("FORM_FIELD_REQUIRED", ptr(field), { field, ...labelAt(model, [field]) }));
    }
  }
  return out;
}

function dataIssues(
  model: FormModel,
  validate: ValidateFunction,
  record: FormRecord,
  skip: ReadonlySet<string>,
): Issue[] {
  if (validate(record)) return [];
  return ajvIssues(validate.errors ?? [], recordCode)
    .filter((i) => !skip.has(i.pointer))
    .map((i) => {
      const labels = labelAt(model, parsePointer(i.pointer));
      return issue(i.code, i.pointer, { ...i.params, ...labels });
    });
}

function crossFieldIssues(model: FormModel, state: FormState, flagged: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  const touched = (field: string) =>
    flagged.some((i) => i.pointer === ptr(field) || i.pointer.startsWith(`${ptr(field)}/`));
  for (const v of model.validations) {
    // A check on a field the user cannot see or has not yet filled validly would only confuse.
    if (v.fields.some((f) => !state.fields[f]?.visible || touched(f))) continue;
    const target = ptr(v.fields[0] ?? "");
    let passed: boolean;
    try {
      passed = truthy(v.compiled.evaluate(state.record));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      out.push(
        issue("FORM_RULE_FAILED", target, {
          rulePointer: v.compiled.pointer,
          detail,
        }),
      );
      continue;
    }
    if (!passed) {
      out.push(
        issue("FORM_VALIDATION_FAILED", target, {
          validation: v.key,
          fields: v.fields,
          message: { en: v.message.en, "zh-CN": v.message["zh-CN"] },
        }),
      );
    }
  }
  return out;
}

/**
 * Validates `input` against a form's model and compiled data validator.
 * @example
 * const result = validateWithModel(model, validate, { name: "华东重工" }, { locale: "zh-CN" });
 * if (!result.ok) result.issues.map((i) => `${i.pointer}: ${i.message}`);
 */
export function validateWithModel(
  model: FormModel,
  validateData: ValidateFunction,
  input: unknown,
  options: ValidateRecordOptions = {},
): Validation<FormRecord> {
  const locale = options.locale ?? "en";
  const fail = (issues: readonly Issue[]): Validation<FormRecord> => ({
    ok: false,
    issues: issues.map((i) => (locale === "en" ? i : localizeIssue(i, locale))),
  });
  if (!isRecord(input)) return fail([issue("FORM_RECORD_NOT_OBJECT", "")]);
  const state = evaluateWithModel(model, input, options.previous);
  const issues: Issue[] = [...state.issues];
  if (Object.hasOwn(input, "__proto__")) {
    issues.push(issue("FORM_FIELD_UNKNOWN", ptr("__proto__"), { field: "__proto__" }));
  }
  const required = requiredIssues(model, state);
  issues.push(...required);
  const skip = new Set(required.map((i) => i.pointer));
  issues.push(...dataIssues(model, validateData, state.record, skip));
  issues.push(...crossFieldIssues(model, state, issues));
  if (issues.length > 0) return fail(issues);
  return { ok: true, value: state.record, warnings: [] };
}
