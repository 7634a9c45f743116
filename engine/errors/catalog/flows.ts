import { defineCatalog } from "./types.ts";

/**
 * Codes of flow definitions and template packs (engine/flows). Owned by the flows module.
 *
 * The `SHAPE_*` codes are not flow-specific: they are what `ajvErrorsToIssues`
 * (engine/errors/ajv-issues.ts) maps Ajv keywords to, for any document. They live here until
 * the common catalog adopts them; their names do not change when they move.
 */
export const flowsCatalog = defineCatalog({
  FLOW_INVALID: {
    en: "The flow definition is invalid: {detail}",
    "zh-CN": "流程定义无效：{detail}",
  },
  FLOW_NODE_TYPE_UNKNOWN: {
    en: 'Unknown node type "{type}"; expected one of {expected}.',
    "zh-CN": "未知的节点类型“{type}”；应为以下之一：{expected}。",
  },
  FLOW_NODE_ID_INVALID: {
    en: "A node id uses letters, digits, '-' and '_', starts with a letter and has at most 64 characters.",
    "zh-CN": "节点 ID 只能包含字母、数字、“-”和“_”，以字母开头，最多 64 个字符。",
  },
  FLOW_FIELD_PATH_INVALID: {
    en: "A field path is dotted names of letters, digits and '_', e.g. contact.email.",
    "zh-CN": "字段路径应为以点分隔的名称（字母、数字和“_”），例如 contact.email。",
  },
  FLOW_VARIABLE_NAME_INVALID: {
    en: "A variable name uses letters, digits and '_', does not start with a digit and has at most 64 characters.",
    "zh-CN": "变量名只能包含字母、数字和“_”，不能以数字开头，最多 64 个字符。",
  },
  FLOW_CRON_INVALID: {
    en: "Expected a five-field cron expression such as 0 9 * * 1-5.",
    "zh-CN": "应为五段式 cron 表达式，例如 0 9 * * 1-5。",
  },
  PACK_VERSION_INVALID: {
    en: "The pack version must be a semantic version such as 1.2.0.",
    "zh-CN": "模板包版本必须是语义化版本号，例如 1.2.0。",
  },
  PACK_ENGINE_RANGE_INVALID: {
    en: "The engine compatibility must be a semver range such as >=0.1.0 <1.0.0.",
    "zh-CN": "引擎兼容范围必须是 semver 版本范围，例如 >=0.1.0 <1.0.0。",
  },
  PACK_PATH_INVALID: {
    en: "The path must be relative to the pack folder, '/'-separated, without '..'.",
    "zh-CN": "路径必须是相对于模板包目录、以“/”分隔且不含“..”的相对路径。",
  },
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
