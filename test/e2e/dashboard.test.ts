/**
 * The dashboard in a real Chromium against a real server with the demo workspace, as the
 * department director (张伟) watches it: KPI cards with real numbers and their change against
 * the previous period, the tier distribution and the tier movement Sankey; the period and the
 * team change the request and the figures; a strategic ticket resolved by the service desk
 * (刘洋) shows in the resolution-time card live, without a reload — in English and Chinese,
 * without a CSP violation or a console error.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const MIN = 60_000;
const DIRECTOR = "zhang.wei@example.com";
const DESK = "liu.yang@example.com";
const TICKET = "仪表盘演示：产线停机";

/** Calls the API from the page (its session and CSRF token). */
async function apiCall<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();

describe.runIf(run)("dashboard (Chromium)", () => {
  let world: DesignerWorld;
  // The server's clock starts a little behind the browser's, so moving it forward to resolve a
  // ticket keeps it within today.
  const clock = manualClock(Date.now() - 15 * MIN);

  beforeAll(async () => {
    world = await startDesignerWorld({ clock });
  });
  afterAll(async () => {
    await world?.close();
  });

  it("shows the KPIs by period and team, compared, and a resolved ticket live", async () => {
    const director = await world.open({ locale: "en-US" });
    const { page } = director;
    await world.signInAs(director, DIRECTOR);
    const kpiRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/v1/kpis?")) kpiRequests.push(request.url());
    });

    await page.getByTestId("nav").getByText("Dashboard", { exact: true }).click();
    await page.waitForURL("**/dashboard");
    await page.getByTestId("kpi-card-nps").waitFor();

    // Real numbers: the demo accounts' purchase stands in for LTV; they were all rated in the
    // period, so every one of them moved from no tier into one.
    const ltv = await text(page, "kpi-value-ltv");
    expect(ltv).toMatch(/\d/);
    expect(await text(page, "kpi-value-nps")).toBe("Not configured"); // the demo has no NPS field
    await page.getByTestId("tier-distribution-chart").locator("canvas").waitFor();
    await page.getByTestId("tier-movement-chart").locator("canvas").waitFor();
    const movement = await text(page, "tier-movement-summary");
    const moved = Number(/Changed tier: (\d+)/.exec(movement)?.[1]);
    expect(moved).toBeGreaterThan(0);
    // Compared with the previous period by default: a delta on each measured card.
    await page.getByTestId("kpi-delta-ltv").waitFor();
    expect(await page.getByTestId("kpi-delta-ltv").getAttribute("data-tone")).toMatch(
      /good|bad|neutral/,
    );
    expect(await text(page, "kpi-detail-resolution")).toContain("Resolved: 0 ");
    await page.getByTestId("team-breakdown").locator(".ant-table-row").first().waitFor();
    const firstRequest = new URL(kpiRequests[0] ?? "");
    const thisMonth = firstRequest.searchParams.get("from") ?? "";
    expect(thisMonth).toMatch(/^\d{4}-\d{2}-01$/);

    // The period: this year asks from 1 January, and the previous year to compare with.
    kpiRequests.length = 0;
    await page.getByTestId("dashboard-period").getByText("This year", { exact: true }).click();
    const year = thisMonth.slice(0, 4);
    await expect
      .poll(() => kpiRequests.map((u) => new URL(u).searchParams.get("from")))
      .toEqual(expect.arrayContaining([`${year}-01-01`, `${Number(year) - 1}-01-01`]));
    expect(page.url()).toContain("period=year");

    // The team: the east China group narrows every figure to its accounts.
    const teams = await apiCall<{ items: Array<{ id: string; key: string; children: [] }> }>(
      page,
      "GET",
      "/api/v1/teams",
    );
    const flat = (
      items: Array<{ id: string; key: string; children?: unknown[] }>,
    ): Array<{
      id: string;
      key: string;
    }> => items.flatMap((t) => [t, ...flat((t.children ?? []) as typeof items)]);
    const east = flat(teams.body.items).find((t) => t.key === "kam-east");
    expect(east).toBeDefined();
    kpiRequests.length = 0;
    await page.getByTestId("dashboard-team").click();
    await page.locator(".ant-select-tree-title", { hasText: "East China key accounts" }).click();
    await expect
      .poll(() => kpiRequests.some((u) => new URL(u).searchParams.get("team") === east?.id))
      .toBe(true);
    expect(page.url()).toContain(`team=${east?.id}`);
    // The demo accounts are all the east group's: the same LTV as everyone's.
    await expect.poll(() => text(page, "kpi-value-ltv")).toBe(ltv);
    await world.screenshot(page, "dashboard-team");
    // The by-team table picks a team too: the sales department has no account of this form.
    const sales = flat(teams.body.items).find((t) => t.key === "sales");
    await page
      .getByTestId("team-breakdown")
      .getByRole("button", { name: "销售部 / Sales" })
      .click();
    await expect.poll(() => page.url()).toContain(`team=${sales?.id}`);
    await expect.poll(() => text(page, "kpi-value-ltv")).toBe("0");

    // Without comparison the deltas go.
    await page.getByTestId("dashboard-compare").click();
    await expect.poll(() => page.getByTestId("kpi-delta-ltv").count()).toBe(0);
    expect(page.url()).toContain("compare=0");

    // Back to this month for everyone the director may see; the live stream is open.
    await page.goto("/dashboard");
    await page.getByTestId("kpi-detail-resolution").waitFor();
    await page.locator('[data-testid="live-indicator"][data-status="open"]').waitFor();
    expect(await text(page, "kpi-value-resolution")).toBe("—");

    // A strategic fault ticket on a demo account, resolved by the service desk 12 minutes later.
    const accounts = await apiCall<{ items: Array<{ id: string }> }>(
      page,
      "GET",
      "/api/v1/records?form=account&limit=1",
    );
    const accountId = accounts.body.items[0]?.id;
    expect(accountId).toBeDefined();
    const created = await apiCall<{ record: { id: string } }>(page, "POST", "/api/v1/records", {
      form: "service-ticket",
      data: { title: TICKET, account: accountId, category: "fault", customerTier: "strategic" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    clock.advance(12 * MIN);
    const desk = await world.open({ locale: "en-US" });
    await world.signInAs(desk, DESK);
    const inbox = await apiCall<{
      items: Array<{ id: string; status: string; context: { record: { id: string } | null } }>;
    }>(desk.page, "GET", "/api/v1/tasks?include=context");
    const task = inbox.body.items.find((t) => t.context?.record?.id === created.body.record.id);
    expect(task, JSON.stringify(inbox.body)).toBeDefined();
    if (task?.status === "open") {
      const claimed = await apiCall(desk.page, "POST", `/api/v1/tasks/${task.id}/claim`);
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    }
    const done = await apiCall(desk.page, "POST", `/api/v1/tasks/${task?.id}/complete`, {
      data: { resolution: "已更换主板，产线恢复" },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // Live: the director's dashboard counts the ticket without a reload.
    await expect
      .poll(() => text(page, "kpi-detail-resolution"), { timeout: 20_000 })
      .toContain("Resolved: 1 ");
    expect(await text(page, "kpi-value-resolution")).toBe("12 min");
    await world.screenshot(page, "dashboard", { docs: true });
    // The charts' tooltips are drawn on the canvas (rich text): hovering injects no styles.
    for (const chart of ["tier-movement-chart", "tier-distribution-chart"]) {
      await page.getByTestId(chart).locator("canvas").first().hover();
      await page.waitForTimeout(300);
    }

    for (const watched of [director, desk]) {
      expect(watched.cspViolations).toEqual([]);
      expect(watched.errors).toEqual([]);
    }
  });

  it("speaks Chinese, and the custom range picks two dates", async () => {
    const director = await world.open();
    const { page } = director;
    await world.signInAs(director, DIRECTOR);
    const kpiRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/v1/kpis?")) kpiRequests.push(request.url());
    });
    await page.goto("/dashboard?period=custom&from=2020-01-01&to=2020-01-31");
    await page.getByTestId("kpi-card-ltv").waitFor();
    await expect(page.getByText("高价值客户流失率").count()).resolves.toBeGreaterThan(0);
    // Before any account existed: nothing moved, and the previous period is January's 31 days before.
    await page.getByText("本周期内没有客户被分层").waitFor();
    const froms = kpiRequests.map((u) => new URL(u).searchParams.get("from"));
    expect(froms).toEqual(expect.arrayContaining(["2020-01-01", "2019-12-01"]));
    expect(await text(page, "dashboard-range-text")).toContain("2020-01-01 至 2020-01-31");
    await world.screenshot(page, "dashboard-zh");
    expect(director.cspViolations).toEqual([]);
    expect(director.errors).toEqual([]);
  });
});
