/**
 * @module designer/api/problem
 * The typed error of every failed API call: the server's RFC 9457 problem+json (status, code,
 * title, detail and the `issues` that point at a field or node), or a stand-in for a network
 * failure or a non-problem answer, so screens handle one shape.
 */

/** One problem in a request, located by a JSON pointer. */
export interface ProblemIssue {
  readonly code: string;
  readonly pointer: string;
  readonly message: string;
}

/** A failed API call. `status` 0 means the server was not reached. */
export class ApiProblem extends Error {
  override readonly name = "ApiProblem";
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly issues: readonly ProblemIssue[];

  constructor(
    init: {
      status: number;
      code: string;
      title: string;
      detail?: string;
      issues?: readonly ProblemIssue[];
    },
    options?: { cause?: unknown },
  ) {
    super(init.detail || init.title, options);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? "";
    this.issues = init.issues ?? [];
  }
}

/** Narrows a caught value. */
export const isApiProblem = (error: unknown): error is ApiProblem => error instanceof ApiProblem;

const text = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);

/** The ApiProblem of a problem+json body (or of anything else a failed call answered). */
export function problemFromBody(status: number, body: unknown, statusText = ""): ApiProblem {
  const doc = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const issues = Array.isArray(doc.issues)
    ? doc.issues.map((raw) => {
        const issue = (raw ?? {}) as Record<string, unknown>;
        return {
          code: text(issue.code),
          pointer: text(issue.pointer),
          message: text(issue.message),
        };
      })
    : [];
  return new ApiProblem({
    status,
    code: text(doc.code, `HTTP_${status}`),
    title: text(doc.title, statusText || `HTTP ${status}`),
    detail: text(doc.detail),
    issues,
  });
}

/**
 * Any failure as an ApiProblem: the API's own as it is, anything else (a bug, a network
 * failure before the client could wrap it) as a `CLIENT` problem that keeps the cause.
 */
export function toProblem(error: unknown): ApiProblem {
  return isApiProblem(error)
    ? error
    : new ApiProblem({ status: 0, code: "CLIENT", title: String(error) }, { cause: error });
}
