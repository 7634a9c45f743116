import { describe, expect, it } from "vitest";
import type { Issue, Validation } from "../errors/kam-error.ts";
import { without, withValue } from "./fixtures/edit.ts";
import pack from "./fixtures/saas-b2b.pack.json" with { type: "json" };
import { validateTemplatePackManifest } from "./validate-template-pack.ts";

function issuesOf(result: Validation<unknown>): Array<Pick<Issue, "code" | "pointer">> {
  if (result.ok) throw new Error("expected the manifest to be invalid");
  return result.issues.map(({ code, pointer }) => ({ code, pointer }));
}

describe("validateTemplatePackManifest", () => {
  it("accepts a complete manifest", () => {
    const result = validateTemplatePackManifest(pack);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("accepts a minimal manifest", () => {
    const minimal = { ...pack, contents: {} };
    for (const key of ["$schema", "description", "author", "homepage", "license"])
      delete (minimal as Record<string, unknown>)[key];
    expect(validateTemplatePackManifest(minimal).ok).toBe(true);
  });

  it.each(["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0 "])("rejects the version %j", (version) => {
    expect(issuesOf(validateTemplatePackManifest(withValue(pack, "/version", version)))).toEqual([
      { code: "PACK_VERSION_INVALID", pointer: "/version" },
    ]);
  });

  it.each(["^0.1.0", ">=0.1.0 <1.0.0", "1.x || 2.x", "1.2.3 - 2.0.0", "*", "~1.2"])(
    "accepts the engine range %j",
    (range) => {
      expect(validateTemplatePackManifest(withValue(pack, "/engine", range)).ok).toBe(true);
    },
  );

  it.each(["latest", ">= banana", "1.0.0 ||", ""])("rejects the engine range %j", (range) => {
    expect(issuesOf(validateTemplatePackManifest(withValue(pack, "/engine", range)))).toEqual([
      { code: "PACK_ENGINE_RANGE_INVALID", pointer: "/engine" },
    ]);
  });

  it.each([
    "../other-pack/flows/x.flow.json",
    "flows/../../etc/passwd",
    "/etc/passwd",
    "C:\\flows\\x.json",
    "flows\\x.json",
    "https://evil.example/x.json",
    ".hidden/x.json",
  ])("rejects the content path %j", (path) => {
    const doc = withValue(pack, "/contents/flows/0/path", path);
    expect(issuesOf(validateTemplatePackManifest(doc))).toEqual([
      { code: "PACK_PATH_INVALID", pointer: "/contents/flows/0/path" },
    ]);
  });

  it("checks the paths of scenarios and the sample-data spec too", () => {
    let doc = withValue(pack, "/contents/scenarios/0", "../x.json");
    doc = withValue(doc, "/contents/sampleData/spec", "../seed.json");
    expect(issuesOf(validateTemplatePackManifest(doc))).toEqual([
      { code: "PACK_PATH_INVALID", pointer: "/contents/sampleData/spec" },
      { code: "PACK_PATH_INVALID", pointer: "/contents/scenarios/0" },
    ]);
  });

  it.each([
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "file:///etc/passwd",
    "//evil.example",
    "https://kamflow.dev@evil.example/",
  ])("rejects the URL %j", (url) => {
    const doc = withValue(withValue(pack, "/homepage", url), "/author/url", url);
    expect(issuesOf(validateTemplatePackManifest(doc))).toEqual([
      { code: "SHAPE_URL_INVALID", pointer: "/author/url" },
      { code: "SHAPE_URL_INVALID", pointer: "/homepage" },
    ]);
  });

  it("wants exactly one of path or key per content entry", () => {
    const doc = withValue(pack, "/contents/flows/1", { path: "flows/a.json", key: "a" });
    expect(issuesOf(validateTemplatePackManifest(doc))).toEqual([
      { code: "SHAPE_TOO_MANY", pointer: "/contents/flows/1" },
    ]);
  });

  it("reports missing required parts and a wrong kind", () => {
    const doc = withValue(without(pack, "/engine"), "/kind", "flow");
    expect(issuesOf(validateTemplatePackManifest(doc))).toEqual([
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/engine" },
      { code: "SHAPE_VALUE_NOT_ALLOWED", pointer: "/kind" },
    ]);
  });
});
