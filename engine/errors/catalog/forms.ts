import { defineCatalog } from "./types.ts";

/**
 * Codes of form definitions and record validation (engine/forms). Codes whose sentence comes
 * from elsewhere (Ajv through ajv-i18n, a validation's own message, a field's uiSchema label)
 * take it as a parameter given in both locales (`{ "zh-CN": …, en: … }`).
 */
export const formsCatalog = defineCatalog({
  FORM_INVALID: {
    en: "The form definition is invalid: {detail}",
    "zh-CN": "表单定义无效：{detail}",
  },
  // ── definitions ──
  FORM_DEFINITION_SCHEMA: {
    en: "{detail}",
    "zh-CN": "{detail}",
  },
  FORM_TOO_DEEP: {
    en: "The form definition is nested deeper than {limit} levels.",
    "zh-CN": "表单定义的嵌套超过 {limit} 层。",
  },
  FORM_UNKNOWN_FIELD: {
    en: 'The field "{field}" does not exist in the data schema.',
    "zh-CN": "数据结构中不存在字段“{field}”。",
  },
  FORM_UNKNOWN_SECTION: {
    en: 'The section "{section}" does not exist in the UI schema.',
    "zh-CN": "界面配置中不存在分组“{section}”。",
  },
  FORM_DUPLICATE_KEY: {
    en: 'The key "{key}" is used more than once.',
    "zh-CN": "标识“{key}”重复使用。",
  },
  FORM_UI_DUPLICATE_FIELD: {
    en: 'The field "{field}" is placed in more than one section.',
    "zh-CN": "字段“{field}”被放入了多个分组。",
  },
  FORM_UI_WIDGET_MISMATCH: {
    en: 'The widget "{widget}" cannot show a {fieldType} field; use one of {allowed}.',
    "zh-CN": "控件“{widget}”不能用于{fieldType}类型的字段；可选：{allowed}。",
  },
  FORM_UI_NOT_APPLICABLE: {
    en: '"{property}" applies only to {fieldTypes} fields, not to a {fieldType} field.',
    "zh-CN": "“{property}”仅适用于 {fieldTypes} 类型的字段，不适用于{fieldType}类型。",
  },
  FORM_UI_UNKNOWN_OPTION: {
    en: 'The option "{option}" is not one of the field\'s values.',
    "zh-CN": "选项“{option}”不是该字段的可选值。",
  },
  FORM_RANGE_EMPTY: {
    en: "{lower} ({min}) is greater than {upper} ({max}); no value can satisfy both.",
    "zh-CN": "{lower}（{min}）大于 {upper}（{max}），没有值能同时满足。",
  },
  FORM_PATTERN_INVALID: {
    en: "The pattern cannot be used: {detail}. Patterns run on a linear-time engine (RE2) without backreferences or lookaround.",
    "zh-CN":
      "该正则表达式无法使用：{detail}。正则由线性时间引擎（RE2）执行，不支持反向引用和环视。",
  },
  FORM_DATA_SCHEMA_COMPILE: {
    en: "The data schema cannot be compiled: {detail}",
    "zh-CN": "数据结构无法编译：{detail}",
  },
  FORM_COMPUTED_REQUIRED: {
    en: 'The computed field "{field}" cannot be required: its value is written by the engine.',
    "zh-CN": "计算字段“{field}”不能设为必填：它的值由引擎写入。",
  },
  FORM_COMPUTED_CYCLE: {
    en: "Computed fields depend on each other in a cycle: {fields}.",
    "zh-CN": "计算字段之间存在循环依赖：{fields}。",
  },
  // ── records ──
  FORM_RECORD_NOT_OBJECT: {
    en: "A record must be a JSON object.",
    "zh-CN": "记录必须是 JSON 对象。",
  },
  FORM_FIELD_REQUIRED: {
    en: '"{label}" is required.',
    "zh-CN": "“{label}”为必填项。",
  },
  FORM_FIELD_UNKNOWN: {
    en: 'The form has no field "{field}".',
    "zh-CN": "表单中没有字段“{field}”。",
  },
  FORM_VALUE_INVALID: {
    en: "{label}: {detail}",
    "zh-CN": "{label}：{detail}",
  },
  FORM_VALIDATION_FAILED: {
    en: "{message}",
    "zh-CN": "{message}",
  },
  FORM_RULE_FAILED: {
    en: "The form rule at {rulePointer} failed to evaluate: {detail}",
    "zh-CN": "位于 {rulePointer} 的表单规则求值失败：{detail}",
  },
});
