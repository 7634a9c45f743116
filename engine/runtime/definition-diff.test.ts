import { describe, expect, it } from "vitest";
import { diffDefinitions } from "./definition-diff.ts";

describe("diffDefinitions", () => {
  it("reports added, removed and changed members by pointer", () => {
    expect(
      diffDefinitions(
        { a: 1, b: { c: "x", d: true }, gone: null },
        { a: 2, b: { c: "x", e: [1] }, "x/y": 0 },
      ),
    ).toEqual({ added: ["/b/e", "/x~1y"], removed: ["/b/d", "/gone"], changed: ["/a"] });
  });

  it("matches items by id, so an inserted node is one addition", () => {
    const before = { nodes: [{ id: "start" }, { id: "end", label: "End" }] };
    const after = {
      nodes: [{ id: "start" }, { id: "check" }, { id: "end", label: "Done" }],
    };
    expect(diffDefinitions(before, after)).toEqual({
      added: ["/nodes/1"],
      removed: [],
      changed: ["/nodes/2/label"],
    });
  });

  it("compares other arrays by index and reports a change of type at its pointer", () => {
    expect(diffDefinitions({ xs: [1, 2, 3], y: [1] }, { xs: [1, 5], y: { 0: 1 } })).toEqual({
      added: [],
      removed: ["/xs/2"],
      changed: ["/xs/1", "/y"],
    });
    expect(diffDefinitions({ a: [1] }, { a: [1] })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });
});
