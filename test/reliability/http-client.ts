/**
 * @module test/reliability/http-client
 * One request to a server process's API the way the reliability tests' clients send it: as the
 * token's user, English messages, a JSON body, an optional `Idempotency-Key` (a retry sends the
 * same one) and an optional timeout. Each test wraps it in its own retry policy.
 *
 * @example
 * const res = await send(server.url, token, { method: "POST", path: "/api/v1/instances",
 *   body: { flow: FLOW, input: {} }, key: "r1-start-7", timeoutMs: 15_000 });
 * const reply = toReply(res.status, await res.text());
 */

/** A reply: its status and its JSON body. */
export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: reply bodies are read field by field and asserted
  readonly body: any;
}

export interface ApiRequest {
  readonly method: string;
  /** e.g. "/api/v1/instances". */
  readonly path: string;
  /** Sent as JSON when given. */
  readonly body?: unknown;
  /** The `Idempotency-Key`, when given. */
  readonly key?: string;
  /** Aborts the request (a `TimeoutError`) after this long; none when not given. */
  readonly timeoutMs?: number;
}

/** Sends `request` to the server at `baseUrl` with `Authorization: Bearer <token>`. */
export function send(baseUrl: string, token: string, request: ApiRequest): Promise<Response> {
  const { method, body, key, timeoutMs } = request;
  return fetch(baseUrl + request.path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "accept-language": "en",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(key ? { "idempotency-key": key } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
  });
}

/** A reply from a status and the body's text (null when empty). */
export function toReply(status: number, text: string): Reply {
  return { status, body: text ? JSON.parse(text) : null };
}
