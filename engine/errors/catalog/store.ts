import { defineCatalog } from "./types.ts";

/**
 * Codes of the storage layer (engine/store). `{entity}` is a localized noun
 * (`{ en: "record", "zh-CN": "记录" }`), so one sentence serves every table.
 */
export const storeCatalog = defineCatalog({
  STORE_CONFLICT: {
    en: 'The {entity} "{id}" was changed by someone else since version {expected}; reload it and try again.',
    "zh-CN": "{entity}“{id}”在版本 {expected} 之后已被他人修改；请重新加载后再试。",
  },
  STORE_NOT_FOUND: {
    en: 'No {entity} "{id}" exists in this workspace.',
    "zh-CN": "此工作区中不存在{entity}“{id}”。",
  },
  STORE_STATE_INVALID: {
    en: 'The {entity} "{id}" is {status}; this needs it to be {expected}.',
    "zh-CN": "{entity}“{id}”当前为 {status}；此操作要求其为 {expected}。",
  },
  STORE_IDEMPOTENCY_MISMATCH: {
    en: 'The idempotency key "{key}" was already used for a different request ({command}); use a new key.',
    "zh-CN": "幂等键“{key}”已用于另一个不同的请求（{command}）；请使用新的键。",
  },
  STORE_AUDIT_CONTENDED: {
    en: "Another change was written to the audit log of this workspace at the same time; try again.",
    "zh-CN": "此工作区的审计日志同时写入了另一项变更；请重试。",
  },
  STORE_URL_UNSUPPORTED: {
    en: 'Unsupported database URL scheme "{scheme}"; use file:<path> or postgres://….',
    "zh-CN": "不支持的数据库 URL 协议“{scheme}”；请使用 file:<路径> 或 postgres://…。",
  },
  STORE_MIGRATION_FAILED: {
    en: 'The database migration "{migration}" failed: {detail}',
    "zh-CN": "数据库迁移“{migration}”失败：{detail}",
  },
  STORE_IDENTIFIER_INVALID: {
    en: '"{name}" cannot be used as a {what}: use letters, digits and underscores, starting with a letter (at most {max} characters).',
    "zh-CN":
      "“{name}”不能用作{what}：只能包含字母、数字和下划线，以字母开头（最多 {max} 个字符）。",
  },
});
