/**
 * The flow editor's inspector in a real Chromium against a real server: select the approval node
 * of a demo flow, add an approver with the picker (a user from the org API), change an SLA
 * level's time, save the draft and read it back; then select a condition edge, rename it (the
 * canvas label follows), add a rule with the query builder, see the JSON Logic, save and read it
 * back — all without a CSP violation or a console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const APPROVAL_FLOW = "value-add-offer-approval";
const CONDITION_FLOW = "pool-account-assign";

interface Draft {
  nodes: Array<{ id: string; config: Record<string, unknown> }>;
  edges: Array<{ id: string; condition?: unknown; label?: Record<string, string> }>;
}

describe.runIf(run)("flow inspector (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("edits approvers, an SLA level and an edge condition, and saves them", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const readDraft = (key: string) =>
      page.evaluate(async (k) => {
        const res = await fetch(`/api/v1/definitions/flow/${k}/draft`);
        return ((await res.json()) as { definition: { body: Draft } }).definition.body;
      }, key);
    const userId = await page.evaluate(async () => {
      const res = await fetch("/api/v1/users");
      const { items } = (await res.json()) as { items: Array<{ id: string; email: string }> };
      return items.find((u) => u.email === "liu-qiang@example.com")?.id;
    });
    expect(userId).toBeTruthy();

    // The approval node: its config as a form.
    await page.goto(`/flows/${APPROVAL_FLOW}`);
    await page.getByTestId("flow-node-approve").click();
    const inspector = page.getByTestId("inspector");
    await inspector.getByTestId("config-form").waitFor();
    const approvers = inspector.getByTestId("approvers-approvers");
    await expect(approvers.getByTestId("approver-row").count()).resolves.toBe(1);

    // Add a named user with the picker.
    await approvers.getByTestId("approver-add").click();
    const row = approvers.getByTestId("approver-row").nth(1);
    await row.getByTestId("approver-user").click();
    await page.locator(".ant-select-item-option", { hasText: "liu-qiang@example.com" }).click();
    await row.getByTestId("approver-user").getByText("刘强").waitFor();

    // The SLA ladder’s first level: 4 hours → 6 hours.
    const level = inspector.getByTestId("sla-editor").getByTestId("sla-level").first();
    const after = level.getByLabel("After");
    await expect(after.inputValue()).resolves.toBe("4");
    await after.fill("6");
    await after.press("Tab");
    await world.screenshot(page, "flow-inspector", { docs: true });

    await page.getByTestId("save-draft").click();
    await page.getByTestId("flow-version").getByText("Draft").waitFor();
    const approval = (await readDraft(APPROVAL_FLOW)).nodes.find((n) => n.id === "approve");
    expect(approval?.config.approvers).toEqual([
      { kind: "role", role: "cs-manager" },
      { kind: "user", userId },
    ]);
    const sla = approval?.config.sla as {
      calendar: string;
      levels: Array<Record<string, unknown>>;
    };
    expect(sla.calendar).toBe("business");
    expect(sla.levels[0]).toMatchObject({ action: "remind", after: "PT6H" });
    expect(sla.levels[0]?.repeat).toEqual({ every: "PT4H", times: 2 });
    // Nothing else of the node changed.
    expect(approval?.config).toMatchObject({ mode: "any", selfApproval: "allow" });

    // An edge leaving a condition node: label, then a rule built with the query builder.
    await page.goto(`/flows/${CONDITION_FLOW}`);
    await page.getByTestId("flow-node-in-pool").waitFor();
    // The label's background is on top of its text.
    await page.getByTestId("rf__edge-e2").locator(".react-flow__edge-textbg").click();
    const edge = page.getByTestId("edge-inspector");
    await edge.waitFor();
    await edge.getByTestId("edge-label-en").fill("In the pool");
    await edge.getByTestId("edge-label-en").press("Tab");
    await page.getByTestId("rf__edge-e2").getByText("In the pool").waitFor();

    const builder = edge.getByTestId("condition-builder");
    // The form's fields are loaded when the rule's field shows its label, not its path.
    await builder.locator(".rule").first().getByText("Record ·").waitFor();
    await builder.getByRole("button", { name: "+ Rule" }).first().click();
    const added = builder.locator(".rule").nth(1);
    const value = added.locator("input").last();
    await value.fill("Acme");
    await value.press("Tab");
    await edge.getByRole("tab", { name: "JSON Logic" }).click();
    await expect.poll(() => edge.getByTestId("condition-json").inputValue()).toContain('"Acme"');

    await page.getByTestId("save-draft").click();
    await page.getByTestId("flow-version").getByText("Draft").waitFor();
    const e2 = (await readDraft(CONDITION_FLOW)).edges.find((e) => e.id === "e2");
    expect(e2?.label).toEqual({ "zh-CN": "是", en: "In the pool" });
    expect(e2?.condition).toEqual({
      and: [
        { "==": [{ var: "record.poolStatus" }, "pool"] },
        { "==": [{ var: "record.name" }, "Acme"] },
      ],
    });

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
