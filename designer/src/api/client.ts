/**
 * @module designer/api/client
 * The designer's only way to the server: a fetch wrapper that sends and reads JSON, adds the
 * session's CSRF token on every request that changes something, asks for messages in the UI's
 * language (Accept-Language) and throws an ApiProblem for any failure. The session cookie is
 * HttpOnly and same-origin, so the browser sends it by itself.
 */
import { ApiProblem, problemFromBody } from "./problem.ts";

/** What a client needs from its surroundings, read on every call (they change at run time). */
export interface ApiClientOptions {
  /** The UI language, sent as Accept-Language. */
  readonly language: () => string;
  /** The CSRF token of the session, if signed in. */
  readonly csrfToken: () => string | undefined;
  /** Called on a 401 (the session ended), before the call throws. */
  readonly onUnauthorized?: () => void;
  /** @default "" (same origin) */
  readonly baseUrl?: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  delete<T>(path: string, headers?: Record<string, string>): Promise<T>;
}

const SAFE = new Set(["GET", "HEAD"]);

/**
 * Creates a client.
 * @example
 * const api = createApiClient({ language: () => "en", csrfToken: () => token });
 * const { items } = await api.get<{ items: Definition[] }>("/api/v1/definitions?kind=flow");
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept: "application/json, application/problem+json",
      "accept-language": options.language(),
      ...extra,
    };
    const csrf = options.csrfToken();
    if (!SAFE.has(method) && csrf) headers["x-csrf-token"] = csrf;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        credentials: "same-origin",
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ApiProblem({ status: 0, code: "NETWORK", title: "Network error" }, { cause });
    }
    const type = res.headers.get("content-type") ?? "";
    const parsed: unknown =
      res.status === 204 ? undefined : type.includes("json") ? await res.json() : await res.text();
    if (!res.ok) {
      if (res.status === 401) options.onUnauthorized?.();
      throw problemFromBody(res.status, parsed, res.statusText);
    }
    return parsed as T;
  }

  return {
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, body ?? {}),
    put: (path, body, headers) => request("PUT", path, body ?? {}, headers),
    patch: (path, body, headers) => request("PATCH", path, body ?? {}, headers),
    delete: (path, headers) => request("DELETE", path, undefined, headers),
  };
}
