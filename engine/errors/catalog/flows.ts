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
  FLOW_NODE_ID_DUPLICATE: {
    en: 'The node id "{id}" is used by another node; node ids must be unique.',
    "zh-CN": "节点 ID“{id}”已被其他节点使用；节点 ID 必须唯一。",
  },
  FLOW_EDGE_ID_DUPLICATE: {
    en: 'The edge id "{id}" is used by another edge; edge ids must be unique.',
    "zh-CN": "连线 ID“{id}”已被其他连线使用；连线 ID 必须唯一。",
  },
  FLOW_START_MISSING: {
    en: "The flow has no start node; add exactly one.",
    "zh-CN": "流程没有开始节点；请添加且仅添加一个。",
  },
  FLOW_START_MULTIPLE: {
    en: 'The flow already starts at "{first}"; a flow has exactly one start node.',
    "zh-CN": "流程已从“{first}”开始；一个流程只能有一个开始节点。",
  },
  FLOW_EDGE_SOURCE_UNKNOWN: {
    en: 'The edge leaves node "{node}", which does not exist.',
    "zh-CN": "连线的起点节点“{node}”不存在。",
  },
  FLOW_EDGE_TARGET_UNKNOWN: {
    en: 'The edge enters node "{node}", which does not exist.',
    "zh-CN": "连线的终点节点“{node}”不存在。",
  },
  FLOW_EDGE_HANDLE_INVALID: {
    en: 'The node has no output "{handle}"; expected one of {expected}.',
    "zh-CN": "该节点没有输出“{handle}”；应为以下之一：{expected}。",
  },
  FLOW_EDGE_FROM_NO_OUTPUT: {
    en: 'Node "{node}" has no outputs, so no edge can leave it.',
    "zh-CN": "节点“{node}”没有输出，不能从它引出连线。",
  },
  FLOW_EDGE_TO_NO_INPUT: {
    en: 'Node "{node}" has no inputs, so no edge can enter it.',
    "zh-CN": "节点“{node}”没有输入，不能连入连线。",
  },
  FLOW_PORT_UNCONNECTED: {
    en: 'The output "{port}" of this node has no edge.',
    "zh-CN": "该节点的输出“{port}”没有连线。",
  },
  FLOW_PORT_EDGES_MULTIPLE: {
    en: 'The output "{port}" already has an edge; use a parallel node to run branches at once.',
    "zh-CN": "输出“{port}”已有连线；如需同时执行多个分支，请使用并行节点。",
  },
  FLOW_NODE_UNREACHABLE: {
    en: "No path leads from the start node to this node.",
    "zh-CN": "从开始节点无法到达该节点。",
  },
  FLOW_END_UNREACHABLE: {
    en: "No path leads from this node to an end node.",
    "zh-CN": "从该节点无法到达任何结束节点。",
  },
  FLOW_EDGE_CONDITION_MISPLACED: {
    en: "Only edges leaving a condition node carry a condition or the default flag.",
    "zh-CN": "只有从条件节点引出的连线才能设置条件或默认标记。",
  },
  FLOW_CONDITION_MISSING: {
    en: "An edge leaving a condition node needs a condition, unless it is the default edge.",
    "zh-CN": "从条件节点引出的连线必须设置条件（默认连线除外）。",
  },
  FLOW_DEFAULT_EDGE_MISSING: {
    en: "A condition node needs exactly one default edge, taken when no condition holds.",
    "zh-CN": "条件节点必须有且仅有一条默认连线，在所有条件都不满足时使用。",
  },
  FLOW_DEFAULT_EDGE_MULTIPLE: {
    en: 'The condition node already has the default edge "{first}".',
    "zh-CN": "该条件节点已有默认连线“{first}”。",
  },
  FLOW_DEFAULT_EDGE_HAS_CONDITION: {
    en: "The default edge is taken when no condition holds, so it carries no condition.",
    "zh-CN": "默认连线在所有条件都不满足时使用，不能设置条件。",
  },
  FLOW_CONDITION_ORDER_UNKNOWN_EDGE: {
    en: 'The evaluation order names "{edge}", which is not an edge leaving this node.',
    "zh-CN": "判断顺序中的“{edge}”不是从该节点引出的连线。",
  },
  FLOW_FORK_UNMATCHED: {
    en: "The branches of this parallel node meet at different joins ({joins}); they must meet at one.",
    "zh-CN": "该并行节点的分支汇合到不同的汇合节点（{joins}）；它们必须汇合到同一个节点。",
  },
  FLOW_JOIN_UNMATCHED: {
    en: "This join closes no parallel node; connect it to the branches of one parallel node.",
    "zh-CN": "该汇合节点没有对应的并行节点；请将它连接到同一个并行节点的各分支。",
  },
  FLOW_JOIN_SHARED: {
    en: "This join closes several parallel nodes ({forks}); each join closes exactly one.",
    "zh-CN": "该汇合节点对应多个并行节点（{forks}）；每个汇合节点只能对应一个并行节点。",
  },
  FLOW_JOIN_INPUT_OUTSIDE_FORK: {
    en: 'This edge enters the join from outside the branches of parallel node "{fork}".',
    "zh-CN": "该连线从并行节点“{fork}”的分支之外连入汇合节点。",
  },
  FLOW_BRANCH_ENTERED_FROM_OUTSIDE: {
    en: 'This edge enters a branch of parallel node "{fork}" from outside it.',
    "zh-CN": "该连线从并行节点“{fork}”的分支之外连入分支内部。",
  },
  FLOW_BRANCH_ESCAPES_JOIN: {
    en: 'A branch of parallel node "{fork}" leaves here without reaching join "{join}", which would wait for it forever.',
    "zh-CN": "并行节点“{fork}”的一个分支在此离开而未到达汇合节点“{join}”，汇合节点将永远等待。",
  },
  FLOW_JOIN_COUNT_TOO_HIGH: {
    en: "The join waits for {count} branches, but its parallel node starts only {width}.",
    "zh-CN": "汇合节点等待 {count} 个分支，但其并行节点只启动 {width} 个分支。",
  },
  FLOW_CYCLE_WITHOUT_WAIT: {
    en: "The loop {nodes} has no task, approval, wait, webhook or subflow on it, so it would run forever.",
    "zh-CN": "循环 {nodes} 中没有任务、审批、等待、Webhook 或子流程节点，会无限运行。",
  },
  FLOW_RETURN_TARGET_UNKNOWN: {
    en: 'The return target "{target}" is not a node of this flow.',
    "zh-CN": "退回目标“{target}”不是本流程的节点。",
  },
  FLOW_RETURN_TARGET_NOT_EARLIER: {
    en: 'The return target "{target}" does not come before this node.',
    "zh-CN": "退回目标“{target}”不在该节点之前。",
  },
  FLOW_RETURN_TARGET_OTHER_BRANCH: {
    en: 'The return target "{target}" is on another parallel branch or outside the fork of this node.',
    "zh-CN": "退回目标“{target}”位于其他并行分支或该节点所在并行区域之外。",
  },
  FLOW_SLA_ACTION_UNSUPPORTED: {
    en: 'The SLA action "{action}" only applies to approval nodes.',
    "zh-CN": "时限动作“{action}”仅适用于审批节点。",
  },
  FLOW_FIELD_UNKNOWN: {
    en: 'The record has no field "{path}".',
    "zh-CN": "记录中没有字段“{path}”。",
  },
  FLOW_FORM_UNKNOWN: {
    en: 'There is no form "{form}".',
    "zh-CN": "不存在表单“{form}”。",
  },
  FLOW_SUBFLOW_UNKNOWN: {
    en: 'There is no flow "{flow}".',
    "zh-CN": "不存在流程“{flow}”。",
  },
  FLOW_SUBFLOW_OUTCOME_UNKNOWN: {
    en: 'The subflow never ends with the outcome "{outcome}"; its outcomes are {outcomes}.',
    "zh-CN": "子流程不会以结果“{outcome}”结束；其结果为：{outcomes}。",
  },
  FLOW_STEP_LIMIT_EXCEEDED: {
    en: "The instance passed {limit} nodes in one step without waiting; it was stopped as a runaway loop.",
    "zh-CN": "实例在一步内经过 {limit} 个节点而未等待，已作为失控循环停止。",
  },
  FLOW_NO_ASSIGNEES: {
    en: "Nobody was found to do this task.",
    "zh-CN": "找不到处理该任务的人员。",
  },
  FLOW_NO_APPROVERS: {
    en: "No approver was found for this approval.",
    "zh-CN": "找不到该审批的审批人。",
  },
  FLOW_NO_BRANCH_TAKEN: {
    en: "No condition held and the condition node has no default edge.",
    "zh-CN": "没有条件满足，且条件节点没有默认连线。",
  },
  FLOW_WEBHOOK_FAILED: {
    en: "The call failed after its last try: {detail}",
    "zh-CN": "调用在最后一次尝试后仍失败：{detail}",
  },
  FLOW_WAIT_DATE_INVALID: {
    en: 'The wait date rule returned "{value}", which is not a date.',
    "zh-CN": "等待日期规则返回了“{value}”，不是日期。",
  },
  FLOW_DURATION_INVALID: {
    en: 'Expected an ISO-8601 duration such as PT15M, got "{value}".',
    "zh-CN": "应为 ISO-8601 时长（例如 PT15M），实际为“{value}”。",
  },
  FLOW_NO_RECORD: {
    en: "This node works on the record, but the instance runs without one.",
    "zh-CN": "该节点需要操作记录，但实例没有关联记录。",
  },
  FLOW_JOIN_WITHOUT_FORK: {
    en: "A path reached this join without coming from a parallel node.",
    "zh-CN": "有路径未经过并行节点就到达了该汇合节点。",
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
