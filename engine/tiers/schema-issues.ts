/**
 * @module tiers/schema-issues
 * Checks a tier model against its JSON Schema. Ajv's errors become located, coded issues through
 * the shared `ajvErrorsToIssues` and `classifyCommon` (the same `SHAPE_*` codes every definition
 * kind reports).
 */

import { tierModelSchema, validatorFor } from "../../schemas/index.ts";
import { ajvErrorsToIssues, classifyCommon, type Issue } from "../errors/index.ts";

/** Enough to fix a document; one mistake rarely needs more. */
const MAX_SCHEMA_ISSUES = 50;

/** Schema issues of `model` (empty when it conforms). */
export function schemaIssues(model: unknown): Issue[] {
  const validate = validatorFor(tierModelSchema.$id);
  if (validate(model)) return [];
  return ajvErrorsToIssues(validate.errors, {
    classify: classifyCommon,
    maxIssues: MAX_SCHEMA_ISSUES,
  });
}
