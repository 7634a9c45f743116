import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

describe("createApp", () => {
  const app = createApp({ version: "0.0.0-test" });

  it("answers /healthz with its version", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "0.0.0-test" });
  });

  it("answers unknown routes with problem+json and no stack", async () => {
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, code: "NOT_FOUND", issues: [] });
    expect(JSON.stringify(body)).not.toContain("at ");
  });

  it("sends secure headers", async () => {
    const res = await app.request("/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
