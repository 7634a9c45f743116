import { Hono } from "hono";
import { secureHeaders as honoSecureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import { SECURE_HEADERS, secureHeaders } from "./secure-headers.ts";

/** The headers of a response, lower-cased names, sorted. */
const headersOf = (res: Response) => [...res.headers.entries()].sort();

describe("secure headers", () => {
  it("are exactly what Hono's secureHeaders sets with kamflow's CSP", async () => {
    const hono = new Hono();
    hono.use(
      honoSecureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      }),
    );
    hono.get("/", (c) => c.json({ ok: true }));
    const ours = new Hono();
    ours.use(secureHeaders());
    ours.get("/", (c) => c.json({ ok: true }));
    const expected = headersOf(await hono.request("/"));
    expect(headersOf(await ours.request("/"))).toEqual(expected);
    expect(expected.length).toBe(SECURE_HEADERS.length + 1); // and content-type
  });

  it("leave a header the handler set itself", async () => {
    const app = new Hono();
    app.use(secureHeaders());
    app.get("/", (c) => c.text("x", 200, { "X-Frame-Options": "DENY" }));
    const res = await app.request("/");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
