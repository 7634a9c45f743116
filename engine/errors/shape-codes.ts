/**
 * @module errors/shape-codes
 * Readable codes for schema errors every definition kind shares: a malformed key, URL, duration,
 * semver or path, a missing locale of an i18n text. Everything else gets the generic code of its
 * Ajv keyword (ajv-issues.ts).
 */
import {
  CRON_PATTERN,
  FIELD_PATH_PATTERN,
  HTTP_URL_PATTERN,
  i18nStringSchema,
  KEY_PATTERN,
  NODE_ID_PATTERN,
  RELATIVE_PATH_PATTERN,
  SEMVER_PATTERN,
  SEMVER_RANGE_PATTERN,
  VARIABLE_NAME_PATTERN,
} from "../../schemas/index.ts";
import type { AjvErrorLike, ClassifiedError } from "./ajv-issues.ts";
import type { ErrorCode } from "./codes.ts";
import { ptrAt } from "./pointer.ts";

/** Patterns whose failure has its own, readable message (instead of showing the regexp). */
const patternCodes = new Map<string, ErrorCode>([
  [HTTP_URL_PATTERN, "SHAPE_URL_INVALID"],
  [KEY_PATTERN, "SHAPE_KEY_INVALID"],
  [NODE_ID_PATTERN, "FLOW_NODE_ID_INVALID"],
  [FIELD_PATH_PATTERN, "FLOW_FIELD_PATH_INVALID"],
  [VARIABLE_NAME_PATTERN, "FLOW_VARIABLE_NAME_INVALID"],
  [CRON_PATTERN, "FLOW_CRON_INVALID"],
  [SEMVER_PATTERN, "PACK_VERSION_INVALID"],
  [SEMVER_RANGE_PATTERN, "PACK_ENGINE_RANGE_INVALID"],
  [RELATIVE_PATH_PATTERN, "PACK_PATH_INVALID"],
]);

const locales: ReadonlySet<unknown> = new Set(i18nStringSchema.required);

/** Codes shared by every definition kind (flows, packs, tier models…). */
export function classifyCommon(e: AjvErrorLike): ClassifiedError | undefined {
  if (e.keyword === "pattern") {
    const code = patternCodes.get(String(e.params.pattern));
    return code ? { code } : undefined;
  }
  if (e.keyword === "format" && e.params.format === "duration") {
    return { code: "SHAPE_DURATION_INVALID" };
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
