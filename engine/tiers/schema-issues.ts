/**
 * @module tiers/schema-issues
 * Checks a tier model against its JSON Schema. Ajv's errors become located, coded issues through
 * the shared `ajvErrorsToIssues` (the same `SHAPE_*` codes every definition kind reports), with
 * readable codes for a malformed duration and a missing locale.
 */

import { keySchema } from "../../schemas/common/definition-header.ts";
import { i18nStringSchema, tierModelSchema, validatorFor } from "../../schemas/index.ts";
// TODO(#2): import through engine/errors/index.ts once it exports the helper (as engine/flows does now).
import {
  type AjvErrorLike,
  ajvErrorsToIssues,
  type ClassifiedError,
} from "../errors/ajv-issues.ts";
import { type Issue, ptrAt } from "../errors/index.ts";

/** Enough to fix a document; one mistake rarely needs more. */
const MAX_SCHEMA_ISSUES = 50;

const locales: ReadonlySet<unknown> = new Set(i18nStringSchema.required);

function classify(e: AjvErrorLike): ClassifiedError | undefined {
  if (e.keyword === "format" && e.params.format === "duration") {
    return { code: "SHAPE_DURATION_INVALID" };
  }
  if (e.keyword === "pattern" && e.params.pattern === keySchema.pattern) {
    return { code: "SHAPE_KEY_INVALID" };
  }
  if (
    e.keyword === "required" &&
    e.schemaPath.startsWith(i18nStringSchema.$id) &&
    locales.has(e.params.missingProperty)
  ) {
    const locale = String(e.params.missingProperty);
    return {
      code: "SHAPE_I18N_LOCALE_MISSING",
      params: { locale },
      pointer: ptrAt(e.instancePath, locale),
    };
  }
  return undefined;
}

/** Schema issues of `model` (empty when it conforms). */
export function schemaIssues(model: unknown): Issue[] {
  const validate = validatorFor(tierModelSchema.$id);
  if (validate(model)) return [];
  return ajvErrorsToIssues(validate.errors, { classify, maxIssues: MAX_SCHEMA_ISSUES });
}
