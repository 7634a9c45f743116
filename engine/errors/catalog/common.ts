import { defineCatalog } from "./types.ts";

/** Codes shared by every definition kind. */
export const commonCatalog = defineCatalog({
  DEFINITION_INVALID: {
    en: "The definition is invalid.",
    "zh-CN": "定义无效。",
  },
  SCHEMA_VIOLATION: {
    en: "{detail}",
    "zh-CN": "{detail}",
  },
  DEFINITION_KIND_UNKNOWN: {
    en: 'Cannot tell which kind of definition this is; set "kind" to one of {kinds}.',
    "zh-CN": '无法识别定义类型；请将 "kind" 设为以下之一：{kinds}。',
  },
  REFERENCE_NOT_CHECKED: {
    en: 'The {kind} "{key}" was not given, so the fields it defines were not checked.',
    "zh-CN": "未提供{kind}“{key}”，因此未检查其定义的字段。",
  },
  JSON_PARSE_FAILED: {
    en: "The file is not valid JSON: {detail}",
    "zh-CN": "文件不是有效的 JSON：{detail}",
  },
  FILE_READ_FAILED: {
    en: "Cannot read the file: {detail}",
    "zh-CN": "无法读取文件：{detail}",
  },
});
