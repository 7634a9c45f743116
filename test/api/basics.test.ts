/**
 * The HTTP basics against a real server, on SQLite and PostgreSQL: health, problem+json errors in
 * the caller's language, secure headers and CSP, the body limit (chunked bodies included), sign
 * in/out with a session cookie and CSRF, API tokens, and login rate limiting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, BODY_LIMIT, PASSWORD, startApi, tokenClient } from "./harness.ts";

for (const database of testDatabases()) {
  describe(`HTTP basics on ${database.name}`, () => {
    let world: ApiWorld;
    beforeAll(async () => {
      world = await startApi(database);
    });
    afterAll(() => world.close());

    it("answers /healthz without authentication, with secure headers and a strict CSP", async () => {
      const res = await world.anonymous().get("/healthz");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok", version: "test" });
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("x-request-id")).toBeTruthy();
    });

    it("answers unknown routes and missing credentials with problem+json, never a stack", async () => {
      const missing = await world.anonymous().get("/api/v1/nothing-here");
      expect(missing.status).toBe(401);
      // Outside /api an unknown path is a page of the designer (server/http/designer.ts).
      const unknown = await world.anonymous().get("/api/nope");
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("content-type")).toContain("application/problem+json");
      expect(unknown.body).toMatchObject({
        status: 404,
        code: "HTTP_NOT_FOUND",
        title: "Not Found",
      });
      const noAuth = await world.anonymous().get("/api/v1/tasks");
      expect(noAuth.status).toBe(401);
      expect(noAuth.body).toMatchObject({
        type: "urn:kamflow:error:AUTH_REQUIRED",
        code: "AUTH_REQUIRED",
        issues: [expect.objectContaining({ code: "AUTH_REQUIRED", pointer: "" })],
      });
      expect(JSON.stringify(noAuth.body)).not.toMatch(/\bat \S+:\d+/);
    });

    it("speaks the caller's language", async () => {
      const zh = await world
        .anonymous()
        .get("/api/v1/tasks", { "accept-language": "zh-CN,zh;q=0.9" });
      expect(zh.body.detail).toBe("请先登录：此请求需要会话或 API 令牌。");
      const en = await world.anonymous().get("/api/v1/tasks", { "accept-language": "en-US" });
      expect(en.body.detail).toBe("Sign in first: this request needs a session or an API token.");
    });

    it("signs in with a session cookie, requires the CSRF token on writes, and signs out", async () => {
      const anon = world.anonymous();
      const bad = await anon.post("/api/v1/auth/login", {
        email: world.people.kam!.email,
        password: "x",
      });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe("AUTH_CREDENTIALS_INVALID");
      const shape = await anon.post("/api/v1/auth/login", { email: "a@b.c" });
      expect(shape.status).toBe(400);
      expect(shape.body.issues).toEqual([
        expect.objectContaining({ code: "SHAPE_PROPERTY_MISSING", pointer: "/password" }),
      ]);
      const res = await fetch(`${world.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: world.people.kam!.email, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/kam_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const login = (await res.json()) as { csrfToken: string; role: string };
      expect(login.role).toBe("member");
      const cookie = setCookie.split(";")[0] ?? "";
      const me = await fetch(`${world.url}/api/v1/auth/me`, { headers: { cookie } });
      // A reloaded designer page gets the session's CSRF token and its workspace back from /me.
      expect(await me.json()).toMatchObject({
        role: "member",
        via: "session",
        csrfToken: login.csrfToken,
        workspace: { id: world.ws },
        workspaces: [{ id: world.ws }],
      });
      // A write without the CSRF token is refused even with the cookie.
      const forged = await fetch(`${world.url}/api/v1/auth/tokens`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ name: "x" }),
      });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { code: string }).code).toBe("AUTH_CSRF_INVALID");
      const out = await fetch(`${world.url}/api/v1/auth/logout`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": login.csrfToken },
      });
      expect(out.status).toBe(204);
      const after = await fetch(`${world.url}/api/v1/auth/me`, { headers: { cookie } });
      expect(after.status).toBe(401);
    });

    it("issues API tokens shown once, usable as bearer tokens until revoked", async () => {
      const kam = await world.client("kam");
      const made = await kam.post("/api/v1/auth/tokens", { name: "ERP 集成" });
      expect(made.status).toBe(201);
      expect(made.body.token).toMatch(/^kam_/);
      const erp = tokenClient(world.url, made.body.token);
      expect((await erp.get("/api/v1/auth/me")).body).toMatchObject({
        via: "token",
        role: "member",
      });
      const listed = await kam.get("/api/v1/auth/tokens");
      expect(listed.body.items).toEqual([expect.objectContaining({ name: "ERP 集成" })]);
      expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
      expect((await kam.delete(`/api/v1/auth/tokens/${made.body.id}`)).status).toBe(204);
      expect((await erp.get("/api/v1/auth/me")).status).toBe(401);
      expect((await tokenClient(world.url, "kam_forged").get("/api/v1/tasks")).status).toBe(401);
    });

    it("limits failed sign-ins per address and e-mail", async () => {
      const anon = world.anonymous();
      const email = world.people.viewer!.email;
      for (let i = 0; i < 5; i++)
        expect(
          (await anon.post("/api/v1/auth/login", { email, password: `wrong${i}` })).status,
        ).toBe(401);
      const limited = await anon.post("/api/v1/auth/login", { email, password: PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe("AUTH_RATE_LIMITED");
    });

    it("rejects bodies over the limit, chunked ones included, and malformed JSON", async () => {
      const kam = await world.client("kam");
      const big = await kam.post("/api/v1/auth/tokens", { name: "x".repeat(BODY_LIMIT + 1) });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe("HTTP_BODY_TOO_LARGE");
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 8; i++)
            controller.enqueue(new TextEncoder().encode("x".repeat(BODY_LIMIT / 4)));
          controller.close();
        },
      });
      const { status } = await fetch(`${world.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: chunks,
        duplex: "half",
      } as RequestInit);
      expect(status).toBe(413);
      const malformed = await kam.post("/api/v1/auth/tokens", "{not json");
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe("HTTP_BODY_INVALID");
    });
  });
}
