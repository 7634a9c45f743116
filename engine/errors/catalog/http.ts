import { defineCatalog } from "./types.ts";

/** Codes of the HTTP API (server/): authentication, permissions and request handling. */
export const httpCatalog = defineCatalog({
  AUTH_REQUIRED: {
    en: "Sign in first: this request needs a session or an API token.",
    "zh-CN": "请先登录：此请求需要会话或 API 令牌。",
  },
  AUTH_CREDENTIALS_INVALID: {
    en: "The e-mail or password is wrong.",
    "zh-CN": "邮箱或密码错误。",
  },
  AUTH_WORKSPACE_REQUIRED: {
    en: "This e-mail belongs to several workspaces: say which one.",
    "zh-CN": "该邮箱属于多个工作区，请指定工作区。",
  },
  AUTH_FORBIDDEN: {
    en: "Your role ({role}) does not allow {action}.",
    "zh-CN": "您的角色（{role}）不允许执行 {action}。",
  },
  AUTH_CSRF_INVALID: {
    en: "The request lacks a valid CSRF token (header X-CSRF-Token).",
    "zh-CN": "请求缺少有效的 CSRF 令牌（请求头 X-CSRF-Token）。",
  },
  AUTH_RATE_LIMITED: {
    en: "Too many failed sign-ins; try again in {seconds} seconds.",
    "zh-CN": "登录失败次数过多，请在 {seconds} 秒后重试。",
  },
  HTTP_NOT_FOUND: {
    en: "No route for {method} {path}.",
    "zh-CN": "没有 {method} {path} 的接口。",
  },
  HTTP_BODY_INVALID: {
    en: "The request body is not valid JSON.",
    "zh-CN": "请求体不是有效的 JSON。",
  },
  HTTP_BODY_TOO_LARGE: {
    en: "The request body is larger than {limit} bytes.",
    "zh-CN": "请求体超过 {limit} 字节。",
  },
  HTTP_PRECONDITION_FAILED: {
    en: "The resource changed since you read it (version {current}); reload and try again.",
    "zh-CN": "资源在您读取后已被修改（当前版本 {current}），请刷新后重试。",
  },
  HTTP_NOT_READY_DATABASE: {
    en: "The server is not ready: the database does not answer.",
    "zh-CN": "服务尚未就绪：数据库无响应。",
  },
  HTTP_NOT_READY_MIGRATIONS: {
    en: "The server is not ready: database migrations are pending ({pending}); run kamflow migrate.",
    "zh-CN": "服务尚未就绪：数据库迁移未完成（{pending}），请运行 kamflow migrate。",
  },
  HTTP_DATABASE_UNAVAILABLE: {
    en: "The database cannot be reached right now; try again in a few seconds. A retry with the same Idempotency-Key is never applied twice.",
    "zh-CN": "暂时无法连接数据库，请几秒后重试。使用相同 Idempotency-Key 重试不会重复执行。",
  },
  HTTP_INTERNAL: {
    en: "An unexpected error occurred; it was logged with request id {requestId}.",
    "zh-CN": "发生意外错误，已记录（请求编号 {requestId}）。",
  },
});
