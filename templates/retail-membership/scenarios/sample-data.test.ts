/**
 * The sample data installs cleanly: members with Chinese names, mainland mobiles and long-tail
 * spend fall into all three RFM tiers; their purchases post and their VIP requests are routed
 * to the members' advisors; no instance stops as an incident.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openScenario, type Scenario } from "../../testing/scenario.ts";

let s: Scenario;
beforeEach(async () => {
  s = await openScenario("retail-membership", { accounts: 40 });
});
afterEach(async () => {
  await s.close();
});

describe("retail-membership: sample data", () => {
  it("generates members in every tier, routes their requests and leaves no incident", async () => {
    const records = await Promise.all(s.sampleRecords.map((id) => s.engine.records.get(s.ws, id)));
    const members = records.filter((r) => r?.formKey === "member");
    expect(members).toHaveLength(40);
    for (const m of members) {
      expect(m?.data.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(m?.data.phone).toMatch(/^1[3-9]\d{9}$/);
      // Owner and exclusive advisor are the same person (the win-back approval reads the owner).
      expect(m?.data.advisor).toBe(m?.ownerId);
    }
    const tiers = new Set(
      await Promise.all(members.map((m) => s.tier(m?.id as string, "member-rfm"))),
    );
    expect([...tiers].sort()).toEqual(["growth", "regular", "vip"]);

    const routed = await s.instances("vip-request-routing");
    expect(routed.length).toBeGreaterThan(0);
    const statuses = new Set((await s.instances()).map((i) => i.status));
    expect(statuses.has("incident")).toBe(false);
    const requests = records.filter((r) => r?.formKey === "vip-request");
    for (const r of requests) {
      const stored = await s.engine.records.get(s.ws, r?.id as string);
      const m = members.find((x) => x?.id === stored?.data.member);
      expect(stored?.data.advisor).toBe(m?.data.advisor);
    }
  });
});
