/**
 * The KAM story of the source material in a real Chromium against a real server on a manual
 * clock, across three people of the demo workspace:
 * - the key account manager (王磊) opens an account 360 and sees its stakeholder map;
 * - he raises a strategic ticket for that account;
 * - with the server's clock moved 15 minutes, the department director (张伟) sees the escalated
 *   task appear live in his inbox (no reload) and completes it;
 * - the KAM sees the ticket's flow end in the account's timeline, and the director's dashboard
 *   counts it resolved.
 * Plus: the sales manager (李娜) bulk-approves her order approvals with a result per task; the
 * KAM withdraws a request no one has acted on. No CSP violation, no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { apiCall, chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const MIN = 60_000;
const KAM = "wang.lei@example.com";
const DIRECTOR = "zhang.wei@example.com";
const SALES_MANAGER = "li.na@example.com";
const ACCOUNT = "上海浦江重工集团有限公司";
const TICKET = "产线主轴故障停机";

/** Calls the API from the page (its session and CSRF token). */

describe.runIf(run)("inbox and the KAM story (Chromium)", () => {
  let world: DesignerWorld;
  // The server's clock starts 15 minutes behind the browser's: once the test moves it to the
  // escalation, the two agree again and the countdowns read true.
  const clock = manualClock(Date.now() - 15 * MIN);

  beforeAll(async () => {
    world = await startDesignerWorld({ clock });
  });
  afterAll(async () => {
    await world?.close();
  });

  it("escalates a strategic ticket to the director live at minute 15; the KAM sees it resolved", async () => {
    const kam = await world.open();
    await world.signInAs(kam, KAM);
    const director = await world.open({ locale: "en-US" });
    await world.signInAs(director, DIRECTOR);

    // The KAM's account 360: the stakeholder map of the account's buying centre.
    await kam.page.goto("/accounts");
    await kam.page.getByTestId("account-link").filter({ hasText: ACCOUNT }).click();
    await kam.page.getByTestId("account-profile").waitFor();
    const accountUrl = kam.page.url();
    const accountId = accountUrl.split("/").at(-1) ?? "";
    await kam.page.getByRole("tab", { name: "干系人地图" }).click();
    await expect
      .poll(() => kam.page.locator('[data-testid^="stakeholder-"][data-stance]').count(), {
        timeout: 15_000,
      })
      .toBe(5);
    await kam.page.locator('[data-stance="decision-maker"]').waitFor();
    await kam.page.locator('[data-stance="opponent"]').waitFor();

    // The director's inbox is open before the ticket exists.
    await director.page.goto("/inbox");
    await director.page.getByTestId("inbox").waitFor();
    await director.page.locator('[data-testid="live-indicator"][data-status="open"]').waitFor();
    await expect(director.page.getByText(TICKET).count()).resolves.toBe(0);

    // The KAM raises a strategic fault ticket; its flow starts on creation.
    const created = await apiCall<{ record: { id: string } }>(kam.page, "POST", "/api/v1/records", {
      form: "service-ticket",
      data: { title: TICKET, account: accountId, category: "fault", customerTier: "strategic" },
    });
    expect(created.status).toBe(201);

    clock.advance(14 * MIN);
    expect(await world.server.engine.timers.fireDue()).toBe(0);
    await director.page.waitForTimeout(500);
    await expect(director.page.getByText(TICKET).count()).resolves.toBe(0);
    clock.advance(MIN);
    expect(await world.server.engine.timers.fireDue()).toBeGreaterThanOrEqual(1);

    // Live: the escalated task appears without a reload.
    const row = director.page.getByRole("row").filter({ hasText: TICKET });
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId("sla-countdown").waitFor();
    await world.screenshot(director.page, "inbox", { docs: true });
    await row.getByTestId("inbox-task").click();
    const drawer = director.page.getByTestId("task-drawer");
    await drawer.waitFor();
    await drawer.getByRole("tab", { name: "History" }).click();
    await director.page.locator('[data-testid="history-entry"][data-kind="sla.level"]').waitFor();
    await world.screenshot(director.page, "task-drawer", { docs: true });
    // A comment without deciding joins the history; then the director completes the task.
    await drawer.getByTestId("task-comment").fill("正在联系现场工程师");
    await drawer.getByTestId("task-add-comment").click();
    await drawer.getByTestId("history-comment").getByText("正在联系现场工程师").waitFor();
    await drawer.getByTestId("task-comment").fill("已安排工程师上门");
    await drawer.getByTestId("task-complete").click();
    await drawer.waitFor({ state: "detached" });
    await expect.poll(() => director.page.getByText(TICKET).count(), { timeout: 15_000 }).toBe(0);

    // The KAM sees the ticket's flow end in the account's timeline.
    await kam.page.goto(accountUrl);
    await kam.page.getByRole("tab", { name: "时间线" }).click();
    await kam.page
      .locator('[data-testid="timeline-item"][data-kind="instance.ended"]')
      .filter({ hasText: TICKET })
      .waitFor({ timeout: 15_000 });
    await kam.page.waitForTimeout(400); // the tab's ink bar animation, for the screenshot only
    await world.screenshot(kam.page, "account-timeline", { docs: true });

    // The director's dashboard reflects it: one ticket resolved, in 15 minutes.
    await director.page.getByTestId("nav").getByText("Dashboard", { exact: true }).click();
    await expect
      .poll(
        async () => (await director.page.getByTestId("kpi-detail-resolution").textContent()) ?? "",
        {
          timeout: 15_000,
        },
      )
      .toContain("Resolved: 1 ");
    await expect(
      director.page.getByTestId("kpi-value-resolution").textContent(),
    ).resolves.toContain("15");

    for (const watched of [kam, director]) {
      expect(watched.cspViolations).toEqual([]);
      expect(watched.errors).toEqual([]);
    }
  });

  it("bulk-approves with a result per task, and withdraws a request", async () => {
    const manager = await world.open({ locale: "en-US" });
    await world.signInAs(manager, SALES_MANAGER);
    await manager.page.goto("/inbox");
    const approvals = manager.page.locator('.ant-table-row input[type="checkbox"]:not([disabled])');
    await approvals.first().waitFor({ timeout: 15_000 });
    const count = await approvals.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) await approvals.nth(i).check();
    await manager.page.getByTestId("bulk-approve").click();
    await manager.page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    const result = manager.page.getByTestId("bulk-result");
    await result.waitFor({ timeout: 15_000 });
    await expect(result.textContent()).resolves.toContain(`${count} approved, 0 not`);

    // The KAM's order request: withdrawn before anyone acts on it.
    const kam = await world.open({ locale: "en-US" });
    await world.signInAs(kam, KAM);
    const order = await apiCall(kam.page, "POST", "/api/v1/records", {
      form: "service-ticket",
      data: { title: "追加备件订单", category: "order", amount: 88_000, customerTier: "key" },
    });
    expect(order.status).toBe(201);
    await kam.page.goto("/inbox");
    await kam.page.getByRole("tab", { name: "My requests" }).click();
    const requests = kam.page.getByTestId("my-requests");
    const withdraw = requests.getByTestId("request-withdraw").first();
    await withdraw.waitFor({ timeout: 15_000 });
    const before = await requests
      .locator('[data-status="withdrawn"], [data-status="cancelled"]')
      .count();
    await withdraw.click();
    await expect
      .poll(
        () => requests.locator('[data-status="withdrawn"], [data-status="cancelled"]').count(),
        { timeout: 15_000 },
      )
      .toBe(before + 1);
    await world.screenshot(kam.page, "my-requests");

    for (const watched of [manager, kam]) {
      expect(watched.cspViolations).toEqual([]);
      expect(watched.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    }
  });
});
