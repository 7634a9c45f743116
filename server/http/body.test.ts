/**
 * Request bodies: JSON objects only, and nested at most MAX_BODY_DEPTH levels — checked without
 * recursion, so a 100,000-level body is a located 400 rather than a stack overflow later.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { KamError } from "../../engine/errors/index.ts";
import { jsonBody, MAX_BODY_DEPTH, tooDeep } from "./body.ts";

const nestedArrays = (depth: number) => `{"a":${"[".repeat(depth)}1${"]".repeat(depth)}}`;

/** What `jsonBody` makes of `text`: the body, or the KamError's code and pointer. */
async function read(text: string) {
  const app = new Hono();
  app.post("/", async (c) => {
    try {
      return c.json({ ok: true, body: await jsonBody(c) });
    } catch (error) {
      if (!(error instanceof KamError)) throw error;
      return c.json({ ok: false, code: error.code, pointer: error.pointer });
    }
  });
  const res = await app.request("/", { method: "POST", body: text });
  return (await res.json()) as { ok: boolean; code?: string; pointer?: string };
}

describe("jsonBody", () => {
  it("refuses a body nested 100,000 levels deep with a pointer to where the limit is passed", async () => {
    const result = await read(nestedArrays(100_000));
    expect(result).toMatchObject({ ok: false, code: "SHAPE_TOO_DEEP" });
    expect(result.pointer).toBe(`/a${"/0".repeat(MAX_BODY_DEPTH - 1)}`);
  });

  it("accepts nesting up to the limit", async () => {
    expect((await read(nestedArrays(MAX_BODY_DEPTH - 1))).ok).toBe(true);
    expect((await read(nestedArrays(MAX_BODY_DEPTH))).code).toBe("SHAPE_TOO_DEEP");
  });

  it("refuses what is not a JSON object", async () => {
    expect((await read("{nope")).code).toBe("HTTP_BODY_INVALID");
    expect((await read("[1]")).code).toBe("SHAPE_TYPE_MISMATCH");
  });
});

describe("tooDeep", () => {
  it("finds the first too-deep value in objects and arrays alike, escaping the pointer", () => {
    expect(tooDeep({ "a/b": { c: [{}] } }, 3)).toBe("/a~1b/c/0");
    expect(tooDeep({ "a/b": { c: [1] } }, 3)).toBeUndefined();
    expect(tooDeep("text", 0)).toBeUndefined();
  });
});
