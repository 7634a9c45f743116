import { describe, expect, it } from "vitest";
import { tierFlow } from "./tier-flow.ts";

const look = (tier: string) => ({
  label: tier.toUpperCase(),
  ...(tier === "a" ? { color: "#f00" } : {}),
});

describe("tierFlow", () => {
  it("links every account with a tier at the end: the moves and, by difference, the stays", () => {
    const flow = tierFlow(
      {
        model: "m",
        distribution: [
          { tier: "a", count: 2 },
          { tier: "b", count: 3 },
          { tier: "c", count: 0 },
        ],
        movement: [
          { from: "a", to: "b", count: 1 },
          { from: null, to: "a", count: 1 },
          { from: "b", to: "a", count: 1 },
        ],
      },
      look,
      "none",
    );
    expect(flow.nodes).toEqual([
      { name: "from:a", label: "A", side: "from", tier: "a", color: "#f00" },
      { name: "from:b", label: "B", side: "from", tier: "b" },
      { name: "from:", label: "none", side: "from", tier: null },
      { name: "to:a", label: "A", side: "to", tier: "a", color: "#f00" },
      { name: "to:b", label: "B", side: "to", tier: "b" },
    ]);
    expect(flow.links).toEqual([
      { source: "from:a", target: "to:b", value: 1 },
      { source: "from:b", target: "to:a", value: 1 },
      { source: "from:b", target: "to:b", value: 2 },
      { source: "from:", target: "to:a", value: 1 },
    ]);
    expect(flow).toMatchObject({ moved: 3, stayed: 2 });
  });

  it("is empty when no account has a tier", () => {
    const flow = tierFlow(
      { model: "m", distribution: [{ tier: "a", count: 0 }], movement: [] },
      look,
      "none",
    );
    expect(flow).toEqual({ nodes: [], links: [], moved: 0, stayed: 0 });
  });
});
