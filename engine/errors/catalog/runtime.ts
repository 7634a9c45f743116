import { defineCatalog } from "./types.ts";

/** Codes of the durable runtime (engine/runtime): commands on instances, tasks and definitions. */
export const runtimeCatalog = defineCatalog({
  RUNTIME_NOT_PUBLISHED: {
    en: 'No published version of {kind} "{key}".',
    "zh-CN": "{kind}“{key}”没有已发布的版本。",
  },
  RUNTIME_TASK_NOT_OPEN: {
    en: "The task is {status} and can no longer be acted on.",
    "zh-CN": "该任务状态为 {status}，已无法处理。",
  },
  RUNTIME_NOT_ASSIGNEE: {
    en: "This task is not assigned to you.",
    "zh-CN": "该任务未分配给您。",
  },
  RUNTIME_NOT_INCIDENT: {
    en: "The instance has no open incident to retry.",
    "zh-CN": "该流程实例没有可重试的异常。",
  },
  RUNTIME_INSTANCE_ENDED: {
    en: "The instance has already ended ({status}).",
    "zh-CN": "该流程实例已结束（{status}）。",
  },
  RUNTIME_TRIGGER_MISMATCH: {
    en: 'Flow "{flow}" is not started by {trigger}.',
    "zh-CN": "流程“{flow}”不由 {trigger} 启动。",
  },
  RUNTIME_SIGNATURE_INVALID: {
    en: 'The webhook signature for flow "{flow}" is missing or wrong.',
    "zh-CN": "流程“{flow}”的 Webhook 签名缺失或不正确。",
  },
  RUNTIME_TRANSFER_TARGET_INVALID: {
    en: "The task cannot be transferred to {user}: not an active user of this workspace, or yourself.",
    "zh-CN": "无法将任务转交给 {user}：该用户不是本工作区的在职用户，或就是您本人。",
  },
  RUNTIME_COMMENT_INVALID: {
    en: "A comment needs text, at most {max} characters.",
    "zh-CN": "评论不能为空，且不超过 {max} 个字符。",
  },
  RUNTIME_NOT_INITIATOR: {
    en: "Only the person who started the request can do this.",
    "zh-CN": "只有发起人可以执行此操作。",
  },
  RUNTIME_SUBFLOW_TOO_DEEP: {
    en: "Subflows started each other more than {limit} levels deep in one step (a flow that calls itself?).",
    "zh-CN": "一步之内子流程嵌套超过 {limit} 层（流程是否调用了自身？）。",
  },
  RUNTIME_SELF_APPROVAL: {
    en: "You cannot approve your own request: this approval step does not allow self-approval.",
    "zh-CN": "不能审批自己发起的申请：该审批节点不允许本人审批。",
  },
  RUNTIME_WITHDRAW_TOO_LATE: {
    en: "The request can no longer be withdrawn: an approver has already acted.",
    "zh-CN": "已有审批人处理，无法撤回该申请。",
  },
  RUNTIME_REMIND_TOO_SOON: {
    en: "A reminder was sent recently; the next one is possible from {nextAt}.",
    "zh-CN": "刚刚已催办过，下次可催办时间为 {nextAt}。",
  },
  RUNTIME_DEFINITION_INVALID: {
    en: 'The {kind} "{key}" cannot be published: it has {count} problem(s).',
    "zh-CN": "{kind}“{key}”无法发布：存在 {count} 个问题。",
  },
  RUNTIME_DELEGATION_INVALID: {
    en: "The delegation is invalid: {reason}.",
    "zh-CN": "委托无效：{reason}。",
  },
  RUNTIME_ACTION_NOT_ALLOWED: {
    en: "This step does not allow {action}.",
    "zh-CN": "该节点不允许{action}。",
  },
  RUNTIME_OUTCOME_INVALID: {
    en: 'A {kind} task cannot be completed with "{outcome}".',
    "zh-CN": "{kind}任务不能以“{outcome}”完成。",
  },
  RUNTIME_RETURN_TARGET_INVALID: {
    en: 'The request cannot be returned to "{target}"; allowed: {targets}.',
    "zh-CN": "不能退回到“{target}”；允许的退回节点：{targets}。",
  },
  RUNTIME_COMMENT_REQUIRED: {
    en: "A comment is required to {decision}.",
    "zh-CN": "{decision}时必须填写意见。",
  },
  RUNTIME_FIELD_NOT_EDITABLE: {
    en: 'The field "{field}" is not editable at this step.',
    "zh-CN": "该节点不允许修改字段“{field}”。",
  },
  RUNTIME_FIELD_REQUIRED: {
    en: 'The field "{field}" must be filled in at this step.',
    "zh-CN": "该节点必须填写字段“{field}”。",
  },
  RUNTIME_SIGNER_INVALID: {
    en: "{user} cannot be added as a signer: {reason}.",
    "zh-CN": "无法加签 {user}：{reason}。",
  },
  RUNTIME_CALENDAR_UNKNOWN: {
    en: 'The workspace has no calendar named "{key}".',
    "zh-CN": "工作区中没有名为“{key}”的日历。",
  },
  RUNTIME_SLA_NOT_PAUSABLE: {
    en: 'This task\'s clock cannot be paused: its step does not allow "waiting for customer".',
    "zh-CN": "该任务的时限不能暂停：此节点未开启“等待客户”。",
  },
  RUNTIME_SLA_PAUSE_STATE: {
    en: "The task's clock is already {state}.",
    "zh-CN": "该任务的时限已处于{state}状态。",
  },
});
