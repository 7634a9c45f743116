/**
 * @module forms/ajv-issues
 * Turns Ajv errors into kamflow issues: a catalog code, an RFC 6901 pointer into the document
 * (Ajv's instancePath, extended to the missing or extra property it is about), and Ajv's sentence
 * in en and zh-CN through ajv-i18n, carried in params so `localizeIssue` can render either.
 */
import localizeEn from "ajv-i18n/localize/en/index.js";
import localizeZh from "ajv-i18n/localize/zh/index.js";
import type { ErrorObject } from "../../schemas/index.ts";
import { type ErrorCode, type Issue, issue, ptrAt } from "../errors/index.ts";

/** More errors than this are noise for a person and work for an attacker (Ajv's allErrors). */
export const MAX_AJV_ISSUES = 50;

/** Chooses the code of one error (records map `required` to a field-required code, etc.). */
export type CodeFor = (error: ErrorObject) => ErrorCode;

function pointerOf(error: ErrorObject, base: string): string {
  const at = base + error.instancePath;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return ptrAt(at, params.missingProperty);
  }
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return ptrAt(at, params.additionalProperty);
  }
  if (error.keyword === "discriminator" && typeof params.tag === "string") {
    return ptrAt(at, params.tag);
  }
  if (typeof error.propertyName === "string") return ptrAt(at, error.propertyName);
  return at;
}

/**
 * Drops errors that only restate others: the `propertyNames` wrapper (its inner error says
 * why), and the branch errors under an `anyOf` (the `anyOf` error itself says "matches none").
 */
function withoutNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = errors
    .filter((e) => e.keyword === "anyOf")
    .map((e) => `${e.instancePath}|${e.schemaPath}/`);
  return errors.filter((e) => {
    if (e.keyword === "propertyNames") return false;
    if (e.keyword === "anyOf") return true;
    return !anyOfPaths.some((prefix) => {
      const [path, schemaPath] = prefix.split("|") as [string, string];
      return e.instancePath.startsWith(path) && e.schemaPath.startsWith(schemaPath);
    });
  });
}

function localized(errors: readonly ErrorObject[], localize: typeof localizeEn): string[] {
  const copies = errors.map((e) => ({ ...e }));
  localize(copies);
  return copies.map((e) => e.message ?? e.keyword);
}

/**
 * Converts Ajv errors to issues below `base`, at most `MAX_AJV_ISSUES`.
 * @example
 * ajvIssues(validate.errors ?? [], () => "FORM_VALUE_INVALID", "")
 * // → [{ code: "FORM_VALUE_INVALID", pointer: "/contacts/2/phone", params: { keyword: "pattern", … } }]
 */
export function ajvIssues(errors: readonly ErrorObject[], codeFor: CodeFor, base = ""): Issue[] {
  const kept = withoutNoise(errors).slice(0, MAX_AJV_ISSUES);
  const en = localized(kept, localizeEn);
  const zh = localized(kept, localizeZh);
  return kept.map((error, i) => {
    const pointer = pointerOf(error, base);
    const field = pointer.split("/").pop() ?? "";
    return issue(codeFor(error), pointer, {
      keyword: error.keyword,
      field,
      detail: { en: en[i] ?? error.keyword, "zh-CN": zh[i] ?? error.keyword },
    });
  });
}
