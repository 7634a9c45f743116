import { defineCatalog } from "./types.ts";

/** Codes of tier models (engine/tiers). Owned by the tiers module. */
export const tiersCatalog = defineCatalog({
  TIER_MODEL_INVALID: {
    en: "The tier model is invalid: {detail}",
    "zh-CN": "分级模型无效：{detail}",
  },
  TIER_DUPLICATE_KEY: {
    en: 'The key "{key}" is used more than once.',
    "zh-CN": "键“{key}”重复使用。",
  },
  TIER_UNKNOWN: {
    en: 'Tier "{tier}" is not declared in the model\'s tiers.',
    "zh-CN": "分级“{tier}”未在模型的分级列表中声明。",
  },
  TIER_NEVER_ASSIGNED: {
    en: 'Tier "{tier}" is declared but no band, row or quadrant assigns it.',
    "zh-CN": "分级“{tier}”已声明，但没有任何区间、规则行或象限会分配它。",
  },
  TIER_BAND_EMPTY: {
    en: "The band from {min} to {max} contains no value.",
    "zh-CN": "从 {min} 到 {max} 的区间不包含任何值。",
  },
  TIER_BANDS_OVERLAP: {
    en: "This band overlaps band {other}.",
    "zh-CN": "该区间与第 {other} 个区间重叠。",
  },
  TIER_BANDS_GAP: {
    en: "No band covers the values between {from} and {to}.",
    "zh-CN": "{from} 与 {to} 之间的值没有任何区间覆盖。",
  },
  TIER_SCALE_RANGE: {
    en: "The scale's minimum {min} must be less than its maximum {max}.",
    "zh-CN": "量表的最小值 {min} 必须小于最大值 {max}。",
  },
  TIER_GROUP_UNKNOWN: {
    en: 'Group "{group}" is not declared in the model\'s groups.',
    "zh-CN": "分组“{group}”未在模型的分组中声明。",
  },
  TIER_GROUP_REQUIRED: {
    en: 'Measure "{measure}" must name a group, because the model has groups.',
    "zh-CN": "模型定义了分组，指标“{measure}”必须指定所属分组。",
  },
  TIER_GROUP_EMPTY: {
    en: 'Group "{group}" has no measures.',
    "zh-CN": "分组“{group}”没有任何指标。",
  },
  TIER_DURATION_INVALID: {
    en: '"{value}" is not a supported ISO-8601 duration (e.g. P90D, PT12H).',
    "zh-CN": "“{value}”不是受支持的 ISO-8601 时长（例如 P90D、PT12H）。",
  },
  TIER_USES_UNDECLARED: {
    en: 'Model "{model}" is read here but not listed in "uses".',
    "zh-CN": "此处读取了模型“{model}”，但它未列在“uses”中。",
  },
  TIER_USES_UNKNOWN: {
    en: 'No tier model with key "{model}" exists.',
    "zh-CN": "不存在键为“{model}”的分级模型。",
  },
  TIER_USES_CYCLE: {
    en: "Models read each other's scores in a cycle: {cycle}.",
    "zh-CN": "模型之间循环读取分数：{cycle}。",
  },
  TIER_USES_INVALID: {
    en: 'The used model "{model}" is invalid: {detail}',
    "zh-CN": "所引用的模型“{model}”无效：{detail}",
  },
  TIER_INPUT_UNKNOWN: {
    en: 'Input "{input}" is not declared in the table\'s inputs.',
    "zh-CN": "输入“{input}”未在决策表的输入列中声明。",
  },
  TIER_ROW_TIER_REQUIRED: {
    en: "The row must output a tier under hit policy {hitPolicy}.",
    "zh-CN": "在命中策略 {hitPolicy} 下，该规则行必须输出分级。",
  },
  TIER_ROW_SCORE_REQUIRED: {
    en: "The row must output a score, because the table aggregates scores with {aggregation}.",
    "zh-CN": "决策表以 {aggregation} 汇总分数，该规则行必须输出分数。",
  },
  TIER_AGGREGATION_WITHOUT_COLLECT: {
    en: "An aggregation only applies to hit policy collect, not {hitPolicy}.",
    "zh-CN": "汇总方式只适用于 collect 命中策略，不适用于 {hitPolicy}。",
  },
  TIER_BANDS_REQUIRED: {
    en: "Score bands are required to turn the aggregated score into a tier.",
    "zh-CN": "需要分数区间才能把汇总分数转换为分级。",
  },
  TIER_BANDS_UNUSED: {
    en: "The bands are unused: only collect with an aggregation produces a score to band.",
    "zh-CN": "分数区间未被使用：只有带汇总方式的 collect 策略才会产生需要分段的分数。",
  },
  TIER_TABLE_OVERLAP: {
    en: "Row {row} overlaps row {other}: some inputs match both ({policy} hit policy).",
    "zh-CN": "第 {row} 行与第 {other} 行重叠：部分输入会同时命中两行（{policy} 命中策略）。",
  },
  TIER_TABLE_ROW_SHADOWED: {
    en: "Row {row} can never be selected: rows {by} cover every input it matches.",
    "zh-CN": "第 {row} 行永远不会被选中：它能命中的输入都已被第 {by} 行覆盖。",
  },
  TIER_TABLE_ROW_UNREACHABLE: {
    en: "Row {row} matches no input: its condition on {input} can never hold.",
    "zh-CN": "第 {row} 行不会命中任何输入：其对“{input}”的条件永远不成立。",
  },
  TIER_TABLE_GAP: {
    en: "No row matches some inputs, e.g. {gaps}.",
    "zh-CN": "部分输入没有任何规则行命中，例如 {gaps}。",
  },
  TIER_TABLE_ANALYSIS_SKIPPED: {
    en: "The table was not checked for overlaps and gaps: {reason}",
    "zh-CN": "未检查决策表的重叠与遗漏：{reason}",
  },
  TIER_EXAMPLE_FAILED: {
    en: 'Example "{example}" expects {field} {expected}, but the model gives {actual}.',
    "zh-CN": "示例“{example}”期望{field}为 {expected}，但模型给出 {actual}。",
  },
  TIER_EXAMPLE_ERROR: {
    en: 'Example "{example}" could not be evaluated: {detail}',
    "zh-CN": "示例“{example}”无法计算：{detail}",
  },
  TIER_EVAL_FAILED: {
    en: 'Evaluating tier model "{model}" failed: {detail}',
    "zh-CN": "计算分级模型“{model}”失败：{detail}",
  },
  TIER_HIT_UNIQUE_VIOLATED: {
    en: "Hit policy unique: rows {rows} all match, so the table gives no result.",
    "zh-CN": "命中策略 unique：第 {rows} 行同时命中，因此决策表不给出结果。",
  },
  TIER_HIT_ANY_VIOLATED: {
    en: "Hit policy any: rows {rows} match with different outputs, so the table gives no result.",
    "zh-CN": "命中策略 any：第 {rows} 行同时命中且输出不同，因此决策表不给出结果。",
  },
  TIER_SELECTION_NO_DEFAULT: {
    en: "None of the alternative models is marked as the default.",
    "zh-CN": "候选模型中没有任何一个被标记为默认模型。",
  },
  TIER_SELECTION_MANY_DEFAULTS: {
    en: 'Model "{model}" is a second default; only one alternative may be the default.',
    "zh-CN": "模型“{model}”是第二个默认模型；候选模型中只能有一个默认模型。",
  },
  TIER_SELECTION_FORM_MISMATCH: {
    en: 'Model "{model}" tiers form "{form}", but the other alternatives tier "{expected}".',
    "zh-CN": "模型“{model}”针对表单“{form}”，而其他候选模型针对“{expected}”。",
  },
});
