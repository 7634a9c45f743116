/**
 * @module flows/validate-template-pack
 * Validation of a template pack manifest (`pack.json`). The files it lists are validated by
 * their own validators when the pack is loaded; this checks the manifest alone.
 */
import { type TemplatePackManifest, templatePackSchema } from "../../schemas/index.ts";
import { ajvErrorsToIssues } from "../errors/index.ts";
import type { Validation } from "../errors/kam-error.ts";
import { classifyCommon } from "../errors/shape-codes.ts";
import { flowValidator, prepareDocument } from "./flow-ajv.ts";

/**
 * Validates a template pack manifest. Never throws for bad input.
 * @returns On success, a copy of the manifest with schema defaults applied.
 * @example
 * const result = validateTemplatePackManifest(JSON.parse(packJson));
 * if (!result.ok) console.log(result.issues.map((i) => `${i.pointer}: ${i.message}`));
 */
export function validateTemplatePackManifest(manifest: unknown): Validation<TemplatePackManifest> {
  const prepared = prepareDocument(manifest);
  if (!prepared.ok) return prepared;
  const document = prepared.value;
  const validate = flowValidator(templatePackSchema.$id);
  if (validate(document))
    return { ok: true, value: document as TemplatePackManifest, warnings: [] };
  return { ok: false, issues: ajvErrorsToIssues(validate.errors, { classify: classifyCommon }) };
}
