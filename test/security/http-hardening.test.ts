/**
 * S7 of the reliability plan (§5.2): HTTP hardening regressions modelled on the Hono advisories,
 * against a real server (SQLite: nothing here depends on the database). It extends
 * test/api/basics.test.ts, which proves a JSON write without the CSRF token is 403, the body
 * limit (chunked too), secure headers on /healthz and the per-address login limit:
 * - CSRF: cross-origin form posts with the session cookie — urlencoded, multipart, text/plain and
 *   no Content-Type — and a missing, wrong or other session's token: 403 in 100 %;
 * - login brute force: limited per account too, so a new X-Forwarded-For per guess gets 429
 *   after the documented 5 failures;
 * - path variants (`//api/v1/…`, `/api/v1//…`, `%2F`, an encoded prefix, case, trailing slash)
 *   never get a more permissive answer than the canonical path;
 * - forged or ill-schemed credentials (`Basic <token>`, `Token <token>`, a JWT with alg none, a
 *   token with a byte changed): 401 in 100 %;
 * - CORS: a foreign Origin, preflight or not, gets no Access-Control-Allow-Origin, and never
 *   credentials with `*`;
 * - every HTML response (API docs, designer pages) carries a CSP without unsafe-inline/eval.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, PASSWORD, startApi } from "../api/harness.ts";
import { recordFigure } from "../reliability/figures.ts";

const sqlite = [...testDatabases()].filter((d) => d.name === "sqlite");

for (const database of sqlite) {
  describe(`S7 HTTP hardening on ${database.name}`, () => {
    let world: ApiWorld;
    let cookie: string;
    let csrf: string;
    const tally = { csrf: 0, csrf403: 0, forged: 0, forged401: 0, variants: 0, sameOrStricter: 0 };

    /** A fresh session of `email`: its cookie and CSRF token. */
    async function session(email: string) {
      const res = await fetch(`${world.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "", csrfToken };
    }

    beforeAll(async () => {
      world = await startApi(database);
      ({ cookie, csrfToken: csrf } = await session(world.people.admin!.email));
    });
    afterAll(async () => {
      recordFigure({
        id: "S7",
        test: "CSRF, forged credentials, path variants",
        backend: database.name,
        size: `${tally.csrf + tally.forged + tally.variants} requests`,
        figures: {
          "CSRF tries": tally.csrf,
          "CSRF 403": tally.csrf403,
          "forged credentials": tally.forged,
          "forged 401": tally.forged401,
          "path variants": tally.variants,
          "same or stricter": tally.sameOrStricter,
        },
      });
      await world.close();
    });

    it("refuses cross-origin form posts and wrong CSRF tokens on cookie sessions", async () => {
      const other = await session(world.people.kam!.email);
      const bodies: Array<[string | undefined, string]> = [
        ["application/x-www-form-urlencoded", "name=csrf"],
        [
          "multipart/form-data; boundary=x",
          '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\ncsrf\r\n--x--\r\n',
        ],
        ["text/plain", '{"name":"csrf"}'],
        [undefined, '{"name":"csrf"}'],
        ["application/json", '{"name":"csrf"}'],
      ];
      const tokens: Array<string | undefined> = [
        undefined,
        "",
        "wrong",
        other.csrfToken,
        `${csrf}x`,
      ];
      for (const [type, body] of bodies)
        for (const token of tokens) {
          const headers: Record<string, string> = { cookie, origin: "https://evil.example" };
          if (type) headers["content-type"] = type;
          if (token !== undefined) headers["x-csrf-token"] = token;
          for (const [method, path] of [
            ["POST", "/api/v1/auth/tokens"],
            ["DELETE", "/api/v1/auth/tokens/anything"],
            ["POST", "/api/v1/auth/logout"],
          ] as const) {
            const res = await fetch(`${world.url}${path}`, {
              method,
              headers,
              ...(method === "POST" ? { body } : {}),
            });
            tally.csrf++;
            if (res.status === 403) tally.csrf403++;
            expect(res.status, `${method} ${path} ${type} token=${token}`).toBe(403);
          }
        }
      // The session still works with its own token (nothing above signed it out).
      const ok = await fetch(`${world.url}/api/v1/auth/tokens`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
        body: JSON.stringify({ name: "real" }),
      });
      expect(ok.status).toBe(201);
    });

    it("limits guesses per account even when each comes from a new forwarded address", async () => {
      const email = world.people.viewer!.email;
      const tries: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${world.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}` },
          body: JSON.stringify({ email, password: `guess ${i}` }),
        });
        tries.push(res.status);
      }
      // The documented count: 5 failures in 15 minutes, then 429.
      expect(tries).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const right = await fetch(`${world.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(right.status).toBe(429);
      // Another account is not affected.
      expect((await session(world.people.designer!.email)).csrfToken).toBeTruthy();
    });

    it("answers forged and ill-schemed credentials with 401", async () => {
      const kam = await world.client("kam");
      const { token } = (await kam.post("/api/v1/auth/tokens", { name: "s7" })).body as {
        token: string;
      };
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: world.people.admin!.id })}.`;
      const flipped = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
      const headers = [
        `Basic ${token}`,
        `Basic ${Buffer.from(`kam:${token}`).toString("base64")}`,
        `Token ${token}`,
        `${token}`,
        `Bearer ${none}`,
        `Bearer ${flipped}`,
        `Bearer ${token}\u0000`,
        "Bearer ",
        `Bearer kam_${"A".repeat(43)}`,
      ];
      for (const authorization of headers) {
        let status: number;
        try {
          status = (await fetch(`${world.url}/api/v1/auth/me`, { headers: { authorization } }))
            .status;
        } catch {
          status = 401; // a header fetch itself refuses to send (a NUL) never reaches the server
        }
        tally.forged++;
        if (status === 401) tally.forged401++;
        expect(status, authorization.slice(0, 20)).toBe(401);
      }
      const real = await fetch(`${world.url}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(real.status).toBe(200);
    });

    it("gives path variants the same or a stricter answer than the canonical path", async () => {
      const viewer = await session(world.people.director!.email); // a manager: no audit, no webhooks
      const callers: Array<[string, Record<string, string>]> = [
        ["anonymous", {}],
        ["manager", { cookie: viewer.cookie }],
      ];
      // Canonical paths: the audit (admins only) and the inbox (anyone signed in).
      for (const canonical of ["/api/v1/audit", "/api/v1/tasks", "/api/v1/webhooks"]) {
        const rest = canonical.slice("/api/v1/".length);
        const variants = [
          `/${canonical}`,
          `/api/v1//${rest}`,
          `/api//v1/${rest}`,
          `/api/v1/${rest}/`,
          `/api/v1%2F${rest}`,
          `/api%2Fv1/${rest}`,
          `/%61pi/v1/${rest}`,
          `/api/%761/${rest}`,
          `/API/V1/${rest.toUpperCase()}`,
          `/api/v1/./${rest}`,
          `/api/v1/x/../${rest}`,
          `/api/v1/${rest}%00`,
          `/api/v1/${rest};x`,
        ];
        for (const [who, headers] of callers) {
          const base = await fetch(`${world.url}${canonical}`, { headers });
          for (const variant of variants) {
            const res = await fetch(`${world.url}${variant}`, { headers, redirect: "manual" });
            const type = res.headers.get("content-type") ?? "";
            const text = await res.text();
            tally.variants++;
            // Stricter: refused (4xx). Same: the canonical answer. A designer page (HTML)
            // carries no data. Anything else — a JSON 2xx where the canonical was refused — fails.
            const same = res.status === base.status;
            // (Outside /api an unknown GET is the designer's: 503 in tests, where it is not built.)
            const refused = res.status >= 400 && !text.includes('"items"');
            const page =
              res.status === 200 && type.includes("text/html") && !text.includes('"items"');
            if (same || refused || page) tally.sameOrStricter++;
            expect(
              same || refused || page,
              `${who} ${variant}: ${res.status} vs ${base.status}`,
            ).toBe(true);
          }
        }
      }
    });

    it("gives foreign origins no CORS access, preflight or not", async () => {
      for (const origin of ["https://evil.example", "null", "http://127.0.0.1.evil.example"]) {
        const pre = await fetch(`${world.url}/api/v1/auth/tokens`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "x-csrf-token, content-type",
          },
        });
        const get = await fetch(`${world.url}/api/v1/auth/me`, { headers: { origin, cookie } });
        for (const res of [pre, get]) {
          expect(res.headers.get("access-control-allow-origin")).toBeNull();
          expect(res.headers.get("access-control-allow-credentials")).toBeNull();
        }
      }
    });

    it("sends a strict CSP on every HTML response", async () => {
      const pages = ["/api/docs", "/", "/accounts", "/inbox", "/some/deep/page"];
      for (const page of pages) {
        const res = await fetch(`${world.url}${page}`);
        const type = res.headers.get("content-type") ?? "";
        if (!type.includes("text/html")) continue;
        const csp = res.headers.get("content-security-policy") ?? "";
        expect(csp, page).toContain("default-src 'self'");
        expect(csp, page).not.toContain("unsafe-inline");
        expect(csp, page).not.toContain("unsafe-eval");
        expect(res.headers.get("x-content-type-options"), page).toBe("nosniff");
      }
      const docs = await fetch(`${world.url}/api/docs`);
      expect(docs.headers.get("content-type")).toContain("text/html");
    });
  });
}
