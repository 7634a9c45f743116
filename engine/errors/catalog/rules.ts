import { defineCatalog } from "./types.ts";

/** Codes of the JSON Logic compiler (engine/rules). */
export const rulesCatalog = defineCatalog({
  RULE_INVALID: {
    en: "The rule is not valid JSON Logic: {detail}",
    "zh-CN": "规则不是有效的 JSON Logic：{detail}",
  },
  RULE_UNKNOWN_OPERATOR: {
    en: 'Unknown operator "{operator}".',
    "zh-CN": "未知的运算符“{operator}”。",
  },
  RULE_ARITY: {
    en: 'Operator "{operator}" takes {expected} argument(s), got {actual}.',
    "zh-CN": "运算符“{operator}”需要 {expected} 个参数，实际为 {actual} 个。",
  },
  RULE_TOO_DEEP: {
    en: "The rule is nested deeper than {limit} levels.",
    "zh-CN": "规则嵌套超过 {limit} 层。",
  },
  RULE_TOO_MANY_NODES: {
    en: "The rule has more than {limit} nodes.",
    "zh-CN": "规则节点数超过 {limit} 个。",
  },
  RULE_TOO_LARGE: {
    en: "The rule is larger than {limit} characters.",
    "zh-CN": "规则大小超过 {limit} 个字符。",
  },
  RULE_FORBIDDEN_PATH: {
    en: 'The variable path "{path}" names a forbidden member "{member}".',
    "zh-CN": "变量路径“{path}”包含禁止访问的成员“{member}”。",
  },
  RULE_UNKNOWN_FIELD: {
    en: 'The variable path "{path}" is not defined by the data schema.',
    "zh-CN": "数据结构中未定义变量路径“{path}”。",
  },
  RULE_FIELD_TYPE: {
    en: 'The variable path "{path}" is of type {actual}, but "{operator}" expects {expected}.',
    "zh-CN": "变量路径“{path}”的类型为 {actual}，但“{operator}”需要 {expected}。",
  },
  RULE_BUDGET_EXCEEDED: {
    en: "The rule exceeded its evaluation budget ({what} over {limit}).",
    "zh-CN": "规则超出求值预算（{what} 超过 {limit}）。",
  },
  RULE_EVAL_FAILED: {
    en: "The rule failed to evaluate: {detail}",
    "zh-CN": "规则求值失败：{detail}",
  },
});
