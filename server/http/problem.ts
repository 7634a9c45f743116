/**
 * @module server/http/problem
 * Every error leaves the server as RFC 9457 `application/problem+json` — `{ type, title, status,
 * detail, code, issues: [{ code, pointer, message }] }` — in the caller's locale, with the status
 * its code means, and never a stack trace. Unexpected errors are logged with the request id and
 * answered with a generic 500.
 */
import {
  DefinitionError,
  type ErrorCode,
  KamError,
  type Locale,
  renderMessage,
} from "../../engine/errors/index.ts";

/** One problem in a request, located by a JSON pointer. */
export interface ProblemIssue {
  readonly code: string;
  readonly pointer: string;
  readonly message: string;
}

/** An RFC 9457 problem document. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly issues: readonly ProblemIssue[];
}

/** Statuses of codes that are not a plain 422 (a request understood but refused). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  AUTH_REQUIRED: 401,
  AUTH_CREDENTIALS_INVALID: 401,
  AUTH_WORKSPACE_REQUIRED: 400,
  AUTH_FORBIDDEN: 403,
  AUTH_CSRF_INVALID: 403,
  AUTH_RATE_LIMITED: 429,
  HTTP_NOT_FOUND: 404,
  HTTP_BODY_INVALID: 400,
  HTTP_BODY_TOO_LARGE: 413,
  HTTP_PRECONDITION_FAILED: 409,
  HTTP_INTERNAL: 500,
  HTTP_NOT_READY_DATABASE: 503,
  HTTP_DATABASE_UNAVAILABLE: 503,
  HTTP_NOT_READY_MIGRATIONS: 503,
  STORE_NOT_FOUND: 404,
  STORE_CONFLICT: 409,
  STORE_IDEMPOTENCY_MISMATCH: 409,
  RUNTIME_NOT_PUBLISHED: 404,
  RUNTIME_NOT_ASSIGNEE: 403,
  RUNTIME_NOT_INITIATOR: 403,
  RUNTIME_SELF_APPROVAL: 403,
  RUNTIME_TASK_NOT_OPEN: 409,
  RUNTIME_INSTANCE_ENDED: 409,
  RUNTIME_WITHDRAW_TOO_LATE: 409,
  RUNTIME_REMIND_TOO_SOON: 429,
  RUNTIME_SLA_PAUSE_STATE: 409,
  PACK_NOT_FOUND: 404,
  PACK_CONFLICT: 409,
  PACK_DOWNGRADE: 409,
  PACK_TOO_LARGE: 413,
};

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The HTTP status of an error code: shape errors are 400, refusals 422 unless listed. */
export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? (code.startsWith("SHAPE_") ? 400 : 422);
}

/** The problem document of a KamError, in `locale`. */
export function problemOf(error: KamError, locale: Locale): Problem {
  const status = statusOf(error.code);
  const issues =
    error instanceof DefinitionError
      ? error.issues.map((i) => ({
          code: i.code,
          pointer: i.pointer,
          message: renderMessage(i.code, locale, i.params ?? {}),
        }))
      : [
          {
            code: error.code,
            pointer: error.pointer,
            message: renderMessage(error.code, locale, error.params),
          },
        ];
  return {
    type: `urn:kamflow:error:${error.code}`,
    title: TITLES[status] ?? "Error",
    status,
    detail: renderMessage(error.code, locale, error.params),
    code: error.code,
    issues,
  };
}

/** A problem for `code` with `params`, as a KamError the error handler renders. */
export function fail(code: ErrorCode, pointer = "", params: Record<string, unknown> = {}): never {
  throw new KamError(code, pointer, params);
}

/** Whether `error` is ours to explain (anything else is an unexpected 500). */
export function isKamError(error: unknown): error is KamError {
  return error instanceof KamError;
}
