import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designer, NONCE_PLACEHOLDER } from "./designer.ts";
import type { AppEnv } from "./env.ts";
import { CONTENT_SECURITY_POLICY, secureHeaders } from "./secure-headers.ts";

/** An app like server/app: secure headers, an API route, the designer last. */
function appOver(dir: string) {
  const app = new Hono<AppEnv>();
  app.use((c, next) => {
    c.set("locale", c.req.header("accept-language") === "en" ? "en" : "zh-CN");
    return next();
  });
  app.use(secureHeaders());
  app.get("/api/v1/ping", (c) => c.json({ ok: true }));
  app.use(designer(dir));
  return app;
}

describe("designer middleware", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kamflow-designer-"));
    mkdirSync(join(dir, "assets"));
    const html = `<meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}"><script nonce="${NONCE_PLACEHOLDER}" src="/assets/app-1.js"></script>`;
    writeFileSync(join(dir, "index.html"), html);
    writeFileSync(join(dir, "assets/app-1.js"), `console.log(${JSON.stringify("x".repeat(4000))})`);
    writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves index.html with a fresh nonce in the page and in that response's CSP", async () => {
    const app = appOver(dir);
    const [a, b] = await Promise.all([app.request("/"), app.request("/flows/x")]);
    expect(a.status).toBe(200);
    const nonce = /nonce="([^"]+)"/.exec(await a.text())?.[1] ?? "";
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const policy = a.headers.get("content-security-policy");
    expect(policy).toBe(
      CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`),
    );
    expect(a.headers.get("cache-control")).toContain("no-store");
    expect(b.status).toBe(200);
    expect(await b.text()).not.toContain(nonce);
  });

  it("serves hashed assets for a year, gzipped when accepted, with the constant CSP", async () => {
    const app = appOver(dir);
    const plain = await app.request("/assets/app-1.js");
    expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(plain.headers.get("content-type")).toContain("text/javascript");
    expect(plain.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    const gzip = await app.request("/assets/app-1.js", { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect((await app.request("/favicon.svg")).headers.get("content-type")).toBe("image/svg+xml");
  });

  it("leaves the API, other methods and missing files alone", async () => {
    const app = appOver(dir);
    expect(await (await app.request("/api/v1/ping")).json()).toEqual({ ok: true });
    expect((await app.request("/api/v1/nothing")).status).toBe(404);
    expect((await app.request("/flows", { method: "POST" })).status).toBe(404);
    expect((await app.request("/assets/missing-1.js")).status).toBe(404);
    // A path out of the build never reads a file.
    expect((await app.request("/assets/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("answers a 503 problem saying how to build when there is no build", async () => {
    const app = appOver(join(dir, "absent"));
    const res = await app.request("/", { headers: { "accept-language": "en" } });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "DESIGNER_NOT_BUILT", status: 503 });
  });
});
