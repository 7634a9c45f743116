/**
 * The OpenAPI document against the app itself: every mounted route is documented and every
 * documented route is mounted, every schema reference resolves, and the document is served
 * without authentication. (Each API suite also checks every real answer against the document:
 * see server/http/response-check and the harness.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { createApp } from "../../server/app.ts";
import { allRouteDocs } from "../../server/http/all-route-docs.ts";
import { type ApiWorld, startApi } from "./harness.ts";

const [sqlite] = testDatabases();

describe("OpenAPI document", () => {
  let world: ApiWorld;
  beforeAll(async () => {
    if (!sqlite) throw new Error("no SQLite test database");
    world = await startApi(sqlite);
  });
  afterAll(() => world.close());

  it("documents exactly the routes the app mounts", () => {
    const app = createApp({
      engine: world.engine,
      store: world.store,
      clock: world.clock,
      limiter: { retryAfter: () => 0, fail: () => {}, succeed: () => {} },
      version: "test",
    });
    const mounted = new Set(
      app.routes
        .filter((r) => r.method !== "ALL")
        .map(
          (r) =>
            `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/(.)\/$/, "$1")}`,
        ),
    );
    const documented = new Set(allRouteDocs.map((d) => `${d.method} ${d.path}`));
    expect([...mounted].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !mounted.has(r)).sort()).toEqual([]);
  });

  it("is served without authentication, and every reference in it resolves", async () => {
    const res = await world.anonymous().get("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/tasks/{id}/approve");
    const approve = doc.paths["/api/v1/tasks/{id}/approve"].post;
    expect(approve.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/api.task-decision",
    );
    expect(approve.responses["409"].content["application/problem+json"]).toBeTruthy();
    expect(approve.parameters.map((p: { name: string }) => p.name)).toEqual([
      "id",
      "Idempotency-Key",
    ]);
    const refs: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          if (key === "$ref" && typeof inner === "string") refs.push(inner);
          else walk(inner);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      // Resolve the whole pointer, e.g. #/components/schemas/flow-definition/$defs/node.
      let at: unknown = doc;
      for (const token of ref.slice(2).split("/")) {
        at = (at as Record<string, unknown> | undefined)?.[
          token.replaceAll("~1", "/").replaceAll("~0", "~")
        ];
      }
      expect(at, ref).toBeTruthy();
    }
    const ids = new Set(
      Object.values(doc.paths).flatMap((ops) =>
        Object.values(ops as Record<string, { operationId: string }>).map((o) => o.operationId),
      ),
    );
    expect(ids.size).toBe(allRouteDocs.length);
  });
});

describe("API docs page", () => {
  let world: ApiWorld;
  beforeAll(async () => {
    if (!sqlite) throw new Error("no SQLite test database");
    world = await startApi(sqlite);
  });
  afterAll(() => world.close());

  it("serves the page, its script and stylesheet from 'self', under the strict CSP", async () => {
    const anon = world.anonymous();
    const page = await anon.get("/api/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain('<script src="/api/docs/docs.js" defer></script>');
    expect(page.body).not.toMatch(/<script>|style=/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const script = await anon.get("/api/docs/docs.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(script.body).toContain("/api/openapi.json");
    expect(script.body).toContain("接口文档");
    const style = await anon.get("/api/docs/docs.css");
    expect(style.headers.get("content-type")).toContain("text/css");
  });
});
