import { defineCatalog } from "./types.ts";

/**
 * Codes of schema (shape) errors in any definition document: what `ajvErrorsToIssues`
 * (engine/errors/ajv-issues.ts) maps Ajv keywords to, plus the readable codes of common patterns.
 */
export const shapeCatalog = defineCatalog({
  SHAPE_KEY_INVALID: {
    en: "A key uses lower-case letters, digits, '-' and '_', starts with a letter and has at most 64 characters.",
    "zh-CN": "键只能包含小写字母、数字、“-”和“_”，以字母开头，最多 64 个字符。",
  },
  SHAPE_PROPERTY_MISSING: {
    en: 'The required property "{property}" is missing.',
    "zh-CN": "缺少必填属性“{property}”。",
  },
  SHAPE_PROPERTY_UNKNOWN: {
    en: 'Unknown property "{property}".',
    "zh-CN": "未知的属性“{property}”。",
  },
  SHAPE_PROPERTY_NAME_INVALID: {
    en: 'The name "{property}" is not allowed here.',
    "zh-CN": "此处不允许使用名称“{property}”。",
  },
  SHAPE_TYPE_MISMATCH: {
    en: "Expected a value of type {expected}.",
    "zh-CN": "应为 {expected} 类型的值。",
  },
  SHAPE_VALUE_NOT_ALLOWED: {
    en: "Expected one of {allowed}.",
    "zh-CN": "应为以下值之一：{allowed}。",
  },
  SHAPE_VALUE_FORBIDDEN: {
    en: "This value is not allowed here.",
    "zh-CN": "此处不允许使用该值。",
  },
  SHAPE_VARIANT_UNKNOWN: {
    en: 'Unknown {property} "{value}".',
    "zh-CN": "未知的 {property}“{value}”。",
  },
  SHAPE_NO_MATCHING_ALTERNATIVE: {
    en: "The value matches none of the allowed forms.",
    "zh-CN": "该值不符合任何一种允许的形式。",
  },
  SHAPE_OUT_OF_RANGE: {
    en: "Must be {comparison} {limit}.",
    "zh-CN": "必须 {comparison} {limit}。",
  },
  SHAPE_TOO_SHORT: {
    en: "Must be at least {limit} character(s) long.",
    "zh-CN": "长度不能少于 {limit} 个字符。",
  },
  SHAPE_TOO_LONG: {
    en: "Must be at most {limit} character(s) long.",
    "zh-CN": "长度不能超过 {limit} 个字符。",
  },
  SHAPE_TOO_FEW: {
    en: "Must have at least {limit} item(s).",
    "zh-CN": "至少需要 {limit} 项。",
  },
  SHAPE_TOO_MANY: {
    en: "Must have at most {limit} item(s).",
    "zh-CN": "最多允许 {limit} 项。",
  },
  SHAPE_TOO_DEEP: {
    en: "Nested more than {limit} levels deep.",
    "zh-CN": "嵌套层级超过 {limit} 层。",
  },
  SHAPE_DUPLICATE_ITEMS: {
    en: "Items {j} and {i} are identical.",
    "zh-CN": "第 {j} 项与第 {i} 项重复。",
  },
  SHAPE_PATTERN_MISMATCH: {
    en: "Does not match the required pattern {pattern}.",
    "zh-CN": "不符合要求的格式 {pattern}。",
  },
  SHAPE_FORMAT_INVALID: {
    en: "Expected a valid {format}.",
    "zh-CN": "应为有效的 {format}。",
  },
  SHAPE_DURATION_INVALID: {
    en: "Expected an ISO-8601 duration such as PT15M, PT2H or P3D.",
    "zh-CN": "应为 ISO-8601 时长，例如 PT15M、PT2H 或 P3D。",
  },
  SHAPE_URL_INVALID: {
    en: "Expected an absolute http:// or https:// URL.",
    "zh-CN": "应为以 http:// 或 https:// 开头的绝对 URL。",
  },
  SHAPE_I18N_LOCALE_MISSING: {
    en: "The {locale} text is missing.",
    "zh-CN": "缺少 {locale} 文本。",
  },
  SHAPE_NOT_JSON: {
    en: "The document is not plain JSON data.",
    "zh-CN": "文档不是纯 JSON 数据。",
  },
});
