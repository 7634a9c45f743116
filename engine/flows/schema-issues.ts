/**
 * @module flows/schema-issues
 * The flow- and pack-specific codes of schema errors: an unknown node type, a missing locale of
 * an i18n text, a malformed duration, a non-http(s) URL, a bad semver or path. Everything else
 * gets the generic code of its Ajv keyword (engine/errors/ajv-issues.ts).
 */
import {
  CRON_PATTERN,
  FIELD_PATH_PATTERN,
  HTTP_URL_PATTERN,
  i18nStringSchema,
  KEY_PATTERN,
  NODE_ID_PATTERN,
  nodeTypes,
  RELATIVE_PATH_PATTERN,
  SEMVER_PATTERN,
  SEMVER_RANGE_PATTERN,
  VARIABLE_NAME_PATTERN,
} from "../../schemas/index.ts";
import type { AjvErrorLike, ClassifiedError } from "../errors/ajv-issues.ts";
import type { ErrorCode } from "../errors/codes.ts";
import { ptrAt } from "../errors/pointer.ts";

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

/** Codes shared by flows and pack manifests. */
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

const NODE_POINTER = /^\/nodes\/\d+$/;

/** Codes of flow definitions (plus the shared ones). */
export function classifyFlowError(e: AjvErrorLike): ClassifiedError | undefined {
  if (
    e.keyword === "discriminator" &&
    e.params.error === "mapping" &&
    NODE_POINTER.test(e.instancePath)
  ) {
    return {
      code: "FLOW_NODE_TYPE_UNKNOWN",
      params: { type: e.params.tagValue, expected: nodeTypes },
      pointer: ptrAt(e.instancePath, "type"),
    };
  }
  return classifyCommon(e);
}
