import { describe, expect, it } from "vitest";
import { createApiClient } from "./client.ts";
import { ApiProblem } from "./problem.ts";

/** A fetch that records its calls and answers `reply`. */
function fakeFetch(reply: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

describe("createApiClient", () => {
  it("sends Accept-Language, and the CSRF token only on writes", async () => {
    const { fn, calls } = fakeFetch(() => json(200, { ok: true }));
    const api = createApiClient({ language: () => "en", csrfToken: () => "t0k", fetch: fn });
    expect(await api.get("/api/v1/x")).toEqual({ ok: true });
    await api.post("/api/v1/x", { a: 1 });
    const [get, post] = calls.map((c) => c.init.headers as Record<string, string>);
    expect(get?.["accept-language"]).toBe("en");
    expect(get?.["x-csrf-token"]).toBeUndefined();
    expect(post?.["x-csrf-token"]).toBe("t0k");
    expect(calls[1]?.init.body).toBe('{"a":1}');
  });

  it("throws an ApiProblem with the problem's code and issues", async () => {
    const problem = {
      type: "urn:kam:error:SHAPE_REQUIRED",
      title: "Bad Request",
      status: 400,
      detail: "email is required",
      code: "SHAPE_REQUIRED",
      issues: [{ code: "SHAPE_REQUIRED", pointer: "/email", message: "required" }],
    };
    const { fn } = fakeFetch(() => json(400, problem, "application/problem+json"));
    const api = createApiClient({ language: () => "en", csrfToken: () => undefined, fetch: fn });
    const error = await api.post("/api/v1/auth/login", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 400, code: "SHAPE_REQUIRED" });
    expect((error as ApiProblem).issues).toEqual(problem.issues);
  });

  it("reports a 401 and a network failure", async () => {
    let unauthorized = 0;
    const { fn } = fakeFetch(() => json(401, { code: "AUTH_REQUIRED", title: "Unauthorized" }));
    const api = createApiClient({
      language: () => "zh-CN",
      csrfToken: () => undefined,
      fetch: fn,
      onUnauthorized: () => unauthorized++,
    });
    await expect(api.get("/api/v1/auth/me")).rejects.toMatchObject({ code: "AUTH_REQUIRED" });
    expect(unauthorized).toBe(1);
    const offline = createApiClient({
      language: () => "en",
      csrfToken: () => undefined,
      fetch: (() => Promise.reject(new TypeError("failed"))) as unknown as typeof fetch,
    });
    await expect(offline.get("/x")).rejects.toMatchObject({ status: 0, code: "NETWORK" });
  });
});
