import { describe, expect, it } from "vitest";
import { auditPath, diffStates, shortValue } from "./audit-model.ts";

describe("auditPath", () => {
  it("sends the filters set, the page size and the cursor", () => {
    expect(auditPath({}, 20)).toBe("/api/v1/audit?limit=20");
    expect(
      auditPath({ entityKind: "record", actorId: "u 1", from: 10, to: 20, action: "" }, 50, "120"),
    ).toBe("/api/v1/audit?entityKind=record&actorId=u+1&from=10&to=20&limit=50&cursor=120");
  });
});

describe("diffStates", () => {
  it("compares objects member by member, with JSON pointers", () => {
    expect(
      diffStates(
        { a: 1, b: { c: 2, d: [1] }, gone: true },
        { a: 1, b: { c: 3, d: [1, 2] }, "x/y": "new" },
      ),
    ).toEqual([
      { pointer: "/b/c", kind: "changed", before: 2, after: 3 },
      { pointer: "/b/d", kind: "changed", before: [1], after: [1, 2] },
      { pointer: "/gone", kind: "removed", before: true },
      { pointer: "/x~1y", kind: "added", after: "new" },
    ]);
  });
  it("treats a missing state as created or deleted", () => {
    expect(diffStates(null, { a: 1, b: { c: 2 } })).toEqual([
      { pointer: "/a", kind: "added", after: 1 },
      { pointer: "/b", kind: "added", after: { c: 2 } },
    ]);
    expect(diffStates({ a: 1 }, undefined)).toEqual([
      { pointer: "/a", kind: "removed", before: 1 },
    ]);
    expect(diffStates(null, "x")).toEqual([{ pointer: "", kind: "added", after: "x" }]);
    expect(diffStates({ a: 1 }, { a: 1 })).toEqual([]);
  });
  it("shortens long values", () => {
    expect(shortValue("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
    expect(shortValue({ a: 1 })).toBe('{"a":1}');
    expect(shortValue(undefined)).toBe("");
  });
});
