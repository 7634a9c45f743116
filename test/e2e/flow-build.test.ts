/**
 * Issue 7's story of the flow editor, end to end in a real Chromium against a real server: a
 * designer creates a new flow from the flows list, drags an approval and an end from the
 * palette, sees the unconnected approval marked by validation and fixes it by connecting the
 * three nodes, configures the approval (an approver from the picker, an SLA reminder), simulates
 * it in the browser with the clock moved until the reminder fires and approves, then publishes
 * it with a note — without a CSP violation or a console error.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const KEY = "e2e-deal-approval";

/** Drags a handle to another with the mouse, as a person connects two nodes. */
async function connect(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("a handle is not on screen");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

const handle = (page: Page, node: string, type: "source" | "target", id?: string) =>
  page.locator(
    `.react-flow__handle.${type}[data-nodeid="${node}"]${id ? `[data-handleid="${id}"]` : ""}`,
  );

describe.runIf(run)("building an approval flow (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("creates, connects, fixes, configures, simulates with a moved clock and publishes", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);

    // A new flow from the list.
    await page.getByTestId("new-flow").click();
    await page.getByTestId("new-key").fill(KEY);
    await page.getByRole("dialog").getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`**/flows/${KEY}`);
    await page.getByTestId("create-name-zh").fill("商机审批");
    await page.getByTestId("create-name-en").fill("Deal approval");
    await page.getByTestId("create-form-select").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "(account)" }).first().click();
    await page.getByTestId("create-flow-submit").click();
    await page.getByTestId("flow-node-start").waitFor();

    // Drag an approval and an end onto the canvas: the approval is marked unreachable.
    const canvas = page.getByTestId("flow-canvas");
    await page
      .getByTestId("palette-approval")
      .dragTo(canvas, { targetPosition: { x: 40, y: 390 } });
    const approval = page.getByTestId("flow-node-approval1");
    await approval.waitFor();
    await page.getByTestId("palette-end").dragTo(canvas, { targetPosition: { x: 230, y: 540 } });
    await page.getByTestId("flow-node-end1").waitFor();
    await approval.getByTestId("node-issue-count").waitFor();
    const unreachable = page.locator(
      '[data-testid="flow-issue"][data-node="approval1"][data-code="FLOW_NODE_UNREACHABLE"]',
    );
    await unreachable.waitFor();

    // Fix it by connecting the three nodes (both outcomes of the approval end the flow).
    await connect(page, handle(page, "start", "source"), handle(page, "approval1", "target"));
    await unreachable.waitFor({ state: "detached" });
    await connect(
      page,
      handle(page, "approval1", "source", "approved"),
      handle(page, "end1", "target"),
    );
    await connect(
      page,
      handle(page, "approval1", "source", "rejected"),
      handle(page, "end1", "target"),
    );
    await expect
      .poll(() => page.locator('[data-testid="flow-issue"][data-severity="error"]').count(), {
        timeout: 10_000,
      })
      .toBe(0);
    await expect(page.locator(".react-flow__edge").count()).resolves.toBe(3);
    await page.getByTestId("auto-layout").click();

    // Configure the approval: the department director as approver, and an SLA reminder.
    await approval.click();
    const inspector = page.getByTestId("inspector");
    await inspector.getByTestId("config-form").waitFor();
    const approvers = inspector.getByTestId("approvers-approvers");
    await approvers.getByTestId("approver-add").click();
    const row = approvers.getByTestId("approver-row").nth(1);
    await row.getByTestId("approver-user").click();
    await page.keyboard.type("zhang.wei");
    await page.locator(".ant-select-item-option", { hasText: "zhang.wei@example.com" }).click();
    await inspector.getByTestId("sla-enable").click();
    await inspector.getByTestId("sla-editor").getByTestId("sla-level").first().waitFor();
    await world.screenshot(page, "flow-build");

    // Simulate what is on the canvas: the reminder fires at 4 h, not before; approve; it ends.
    const writes: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method()))
        writes.push(`${request.method()} ${request.url()}`);
    };
    await page.getByTestId("save-draft").click();
    await page.getByTestId("flow-version").getByText("Draft").waitFor();
    page.on("request", onRequest);
    await page.getByTestId("simulate-open").click();
    await page.getByTestId("sim-setup").waitFor();
    await page.getByTestId("sim-start").click();
    const task = page.locator('[data-testid="sim-task"][data-node="approval1"]');
    await task.waitFor();
    const levels = page.locator('[data-testid="sim-log-entry"][data-type="sla.level"]');
    await page.getByTestId("sim-advance-1h").click();
    await page.getByTestId("sim-advance-1h").click();
    await page.getByTestId("sim-advance-1h").click();
    await expect(levels.count()).resolves.toBe(0);
    await page.getByTestId("sim-advance-1h").click();
    await levels.first().waitFor();
    await expect(levels.first().textContent()).resolves.toMatch(/remind/);
    await task.getByTestId("sim-outcome-approve").click();
    await page.locator('[data-testid="sim-run"][data-status="completed"]').waitFor();
    await page.locator('[data-testid="sim-node-end1"][data-state="visited"]').waitFor();
    page.off("request", onRequest);
    expect(writes).toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByTestId("sim-run").waitFor({ state: "detached" });

    // Publish with a note; the server has version 1 with that note and the three nodes.
    await page.getByTestId("publish").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox").fill("First version: the director approves deals");
    await dialog.getByRole("button", { name: "Publish" }).click();
    await page.getByTestId("flow-version").getByText("Published v1").waitFor();
    const stored = await page.evaluate(async (key) => {
      const res = await fetch(`/api/v1/definitions/flow/${key}`);
      const body = (await res.json()) as {
        versions: Array<{ status: string; note: string | null }>;
      };
      const exported = await (await fetch(`/api/v1/definitions/flow/${key}/export`)).json();
      return { versions: body.versions, exported };
    }, KEY);
    expect(stored.versions.at(-1)).toMatchObject({
      status: "published",
      note: "First version: the director approves deals",
    });
    const nodes = (
      stored.exported as {
        nodes: Array<{ id: string; type: string; config: Record<string, unknown> }>;
      }
    ).nodes;
    expect(nodes.map((n) => n.type).sort()).toEqual(["approval", "end", "start"]);
    expect(nodes.find((n) => n.type === "approval")?.config).toMatchObject({
      approvers: [{ kind: "record-owner" }, { kind: "user" }],
      sla: { levels: [{ action: "remind", after: "PT4H" }] },
    });

    expect(watched.cspViolations).toEqual([]);
    // The create page looks the new key up first: that 404 is expected.
    expect(watched.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
