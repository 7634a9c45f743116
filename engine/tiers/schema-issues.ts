/**
 * @module tiers/schema-issues
 * Checks a tier model against its JSON Schema and turns Ajv's errors into located issues.
 */

import type { ErrorObject } from "../../schemas/index.ts";
import { tierModelSchema, validatorFor } from "../../schemas/index.ts";
import { type Issue, issue, ptrAt } from "../errors/index.ts";

/** Enough to fix a document; Ajv with allErrors can report hundreds for one mistake. */
const MAX_SCHEMA_ISSUES = 50;

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return ptrAt(error.instancePath, params.missingProperty);
  }
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return ptrAt(error.instancePath, params.additionalProperty);
  }
  if (error.keyword === "discriminator" && typeof params.tag === "string") {
    return ptrAt(error.instancePath, params.tag);
  }
  return error.instancePath;
}

/** Schema issues of `model` (empty when it conforms). */
export function schemaIssues(model: unknown): Issue[] {
  const validate = validatorFor(tierModelSchema.$id);
  if (validate(model)) return [];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of validate.errors ?? []) {
    const pointer = pointerOf(error);
    // One issue per location: a bad discriminator value also fails its enum, say it once.
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const detail = `${pointer || "/"}: ${error.message ?? error.keyword}`;
    issues.push(issue("SCHEMA_VIOLATION", pointer, { detail, keyword: error.keyword }));
    if (issues.length >= MAX_SCHEMA_ISSUES) break;
  }
  return issues;
}
