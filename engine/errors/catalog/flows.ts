import { defineCatalog } from "./types.ts";

/** Codes of flow definitions and template packs (engine/flows). */
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
});
