/**
 * Simulating flows in a real Chromium against the demo workspace: the strategic ticket escalates
 * at minute 15 (not 14) on the moved clock and ends when the desk completes it; the order
 * approval reminds its approver at its next SLA timer, then approving twice takes it to its
 * approved end — all in the browser, with not one write request sent and no CSP violation.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();

/** Opens `key` in the flow editor and the simulator with its generated sample record. */
async function openSimulator(page: Page, key: string) {
  await page.goto(`/flows/${key}`);
  await page.getByTestId("flow-node-start").waitFor();
  await page.getByTestId("simulate-open").click();
  await page.getByTestId("sim-setup").waitFor();
  await page.getByTestId("sim-record-form").waitFor();
}

const logEntries = (page: Page, type: string) =>
  page.locator(`[data-testid="sim-log-entry"][data-type="${type}"]`);

async function advanceMinutes(page: Page, minutes: number) {
  const amount = page.getByRole("spinbutton", { name: "Amount of time" });
  await amount.fill(String(minutes));
  await amount.press("Tab");
  await page.getByTestId("sim-advance-custom").click();
}

describe.runIf(run)("flow simulator (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("simulates SLA levels and approvals in the browser without writing to the server", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const writes: string[] = [];
    page.on("request", (request) => {
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method()))
        writes.push(`${request.method()} ${request.url()}`);
    });

    // The strategic ticket: the sample record is a strategic customer's (the first tier).
    await openSimulator(page, "strategic-ticket");
    await page.getByTestId("sim-start").click();
    await page.getByTestId("sim-run").waitFor();
    const claim = page.locator('[data-testid="sim-task"][data-node="claim"]');
    await claim.waitFor();
    await page.locator('[data-testid="sim-node-claim"][data-state="active"]').waitFor();
    await logEntries(page, "sla.started").first().waitFor();

    await advanceMinutes(page, 14);
    await logEntries(page, "clock").first().waitFor();
    await expect(logEntries(page, "sla.level").count()).resolves.toBe(0);
    await advanceMinutes(page, 1);
    await logEntries(page, "sla.level").first().waitFor();
    await expect(logEntries(page, "sla.level").first().textContent()).resolves.toMatch(/escalate/);
    // The department director may now act on the task too.
    await claim.getByText("张伟").waitFor();

    await claim.getByTestId("sim-outcome-complete").click();
    await page.locator('[data-testid="sim-run"][data-status="completed"]').waitFor();
    await logEntries(page, "instance.completed").waitFor();
    await page.locator('[data-testid="sim-node-done"][data-state="visited"]').waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("sim-run").waitFor({ state: "detached" });

    // The order approval: the KAT manager is reminded at the SLA timer, then approves.
    await openSimulator(page, "order-approval");
    await page.getByTestId("sim-start").click();
    const kat = page.locator('[data-testid="sim-task"][data-node="kat"]');
    await kat.waitFor();
    await expect(kat.getByTestId("sim-outcome-reject").count()).resolves.toBe(1);
    await page.getByTestId("sim-next-timer").click();
    await logEntries(page, "sla.level").first().waitFor();
    await expect(logEntries(page, "sla.level").first().textContent()).resolves.toMatch(/remind/);
    await expect(page.getByTestId("sim-status").textContent()).resolves.toMatch(/waiting/);
    await page.waitForTimeout(400); // React Flow's first fit, for the screenshot only
    await world.screenshot(page, "flow-simulate", { docs: true });

    await kat.getByTestId("sim-outcome-approve").click();
    const vp = page.locator('[data-testid="sim-task"][data-node="vp"]');
    const ended = page.locator('[data-testid="sim-run"][data-status="completed"]');
    // The sample order is not urgent, so the VP approves too (an urgent one skips that step).
    await vp.or(ended).first().waitFor();
    if (await vp.count()) await vp.getByTestId("sim-outcome-approve").click();
    await ended.waitFor();
    await expect(page.getByTestId("sim-status").textContent()).resolves.toMatch(/approved/);
    await page.locator('[data-testid="sim-node-approved"][data-state="visited"]').waitFor();
    await expect(
      page.locator('[data-testid="sim-node-rejected"][data-state="idle"]').count(),
    ).resolves.toBe(1);

    expect(writes).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
