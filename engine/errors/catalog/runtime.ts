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
});
