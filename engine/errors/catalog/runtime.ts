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
  RUNTIME_DEFINITION_INVALID: {
    en: 'The {kind} "{key}" cannot be published: it has {count} problem(s).',
    "zh-CN": "{kind}“{key}”无法发布：存在 {count} 个问题。",
  },
  RUNTIME_DELEGATION_INVALID: {
    en: "The delegation is invalid: {reason}.",
    "zh-CN": "委托无效：{reason}。",
  },
});
