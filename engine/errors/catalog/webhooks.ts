import { defineCatalog } from "./types.ts";

/** Codes of webhook subscriptions (engine/runtime/webhooks). Owned by the webhooks module. */
export const webhooksCatalog = defineCatalog({
  WEBHOOK_TARGET_INVALID: {
    en: 'The webhook URL "{url}" must be an absolute http:// or https:// URL without a user name or password.',
    "zh-CN": "Webhook 地址“{url}”必须是不含用户名和密码的绝对 http:// 或 https:// 地址。",
  },
  WEBHOOK_TARGET_FORBIDDEN: {
    en: 'The webhook URL "{url}" is not allowed: {reason}.',
    "zh-CN": "不允许使用 Webhook 地址“{url}”：{reason}。",
  },
});
