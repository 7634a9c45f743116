import { describe, expect, it } from "vitest";
import { CARD, contactFields, layoutStakeholders } from "./stakeholder-layout.ts";

const contact = (id: string, reportsTo?: string) => ({
  id,
  data: reportsTo ? { reportsTo } : {},
  updatedAt: 0,
});

describe("contactFields", () => {
  it("finds the self-reference and the stance select", () => {
    expect(
      contactFields("contact", {
        account: { "x-kam-field": "reference", "x-kam-form": "account" },
        reportsTo: { "x-kam-field": "reference", "x-kam-form": "contact" },
        stakeholderRole: {
          "x-kam-field": "select",
          enum: ["decision-maker", "influencer", "supporter", "opponent", "neutral"],
        },
        influence: { "x-kam-field": "select", enum: ["high", "medium", "low"] },
      }),
    ).toEqual({ reportsTo: "reportsTo", stance: "stakeholderRole" });
    expect(contactFields("contact", {})).toEqual({ reportsTo: undefined, stance: undefined });
  });
});

describe("layoutStakeholders", () => {
  it("centres each manager over their reports, one row per level", () => {
    const placed = layoutStakeholders(
      [contact("ceo"), contact("cto", "ceo"), contact("cfo", "ceo"), contact("dev", "cto")],
      "reportsTo",
    );
    const at = Object.fromEntries(placed.map((p) => [p.id, p]));
    expect(at.ceo).toMatchObject({ depth: 0, parent: null });
    expect(at.dev).toMatchObject({ depth: 2, parent: "cto" });
    expect(at.cto?.y).toBe(CARD.height + CARD.gapY);
    expect(at.ceo?.x).toBe(((at.cto?.x ?? 0) + (at.cfo?.x ?? 0)) / 2);
    // No two cards on the same row overlap.
    for (const a of placed)
      for (const b of placed)
        if (a !== b && a.y === b.y) expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(CARD.width);
  });

  it("draws every contact once, even with a cycle, a self-reference or an unknown manager", () => {
    const placed = layoutStakeholders(
      [contact("a", "b"), contact("b", "a"), contact("c", "c"), contact("d", "gone")],
      "reportsTo",
    );
    expect(placed.map((p) => p.id).sort()).toEqual(["a", "b", "c", "d"]);
    expect(placed.filter((p) => p.parent === null).length).toBeGreaterThanOrEqual(3);
  });
});
