/**
 * The accounts screens in a real Chromium against a real server with the demo workspace: the
 * list with tier badges, a filter and a search, a saved view kept across a reload, CSV export
 * with formulas escaped, CSV import with its progress; the account 360 with its stakeholder map
 * (contacts by reporting line, coloured by stance), timeline, tiers and related records — in
 * English and Chinese, without a CSP violation or a console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();

/** Calls the API from the page (its session and CSRF token). */

describe.runIf(run)("accounts and account 360 (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("lists accounts with tiers, filters, saves a view, exports and imports CSV", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const hostile = await apiCall(page, "POST", "/api/v1/records", {
      form: "account",
      data: {
        name: '=HYPERLINK("http://evil.example","x")',
        industry: "retail",
        poolStatus: "pool",
        lastFollowUpDate: "2026-12-01",
      },
    });
    expect(hostile.status, JSON.stringify(hostile.body)).toBe(201);

    await page.getByTestId("nav").getByText("Accounts", { exact: true }).click();
    await page.waitForURL("**/accounts");
    await page.getByTestId("account-link").first().waitFor();
    await page.getByTestId("tier-badge").first().waitFor();
    const total = await page.getByTestId("account-link").count();
    expect(total).toBeGreaterThan(3);

    // Search by name narrows the list to the hostile record.
    await page.getByTestId("accounts-search").locator("input").fill("HYPERLINK");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("account-link").count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId("accounts-search").locator("input").fill("");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("account-link").count(), { timeout: 15_000 })
      .toBe(total);

    // A filter on a select field, saved as a view.
    await page.getByTestId("filters").click();
    await page.getByTestId("add-filter").click();
    const editor = page.getByTestId("filter-editor");
    // Choose by the option's title in the open dropdown, then check the select shows it (a click
    // during a dropdown's animation can be lost).
    const choose = async (select: string, option: string) => {
      const box = editor.locator(select);
      await expect
        .poll(
          async () => {
            if ((await box.textContent())?.includes(option)) return true;
            await box.click();
            const item = page.locator(
              `.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`,
            );
            await item
              .first()
              .click({ timeout: 3000 })
              .catch(() => {});
            return (await box.textContent())?.includes(option) ?? false;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
    };
    await choose(".kam-accounts-filter-field", "Industry");
    await choose(".kam-accounts-filter-value", "Retail & FMCG");
    await expect
      .poll(() => page.getByTestId("account-link").count(), { timeout: 15_000 })
      .toBeLessThan(total);
    const retail = await page.getByTestId("account-link").count();
    expect(retail).toBeGreaterThanOrEqual(1);
    await page.keyboard.press("Escape");
    await page.getByTestId("save-view").click();
    await page.getByTestId("view-name").fill("Retail");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.reload();
    await expect
      .poll(() => page.getByTestId("account-link").count(), { timeout: 15_000 })
      .toBe(total);
    await world.screenshot(page, "accounts", { docs: true });
    await page.getByTestId("saved-views").click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .getByText("Retail", { exact: true })
      .click();
    await expect
      .poll(() => page.getByTestId("account-link").count(), { timeout: 15_000 })
      .toBe(retail);

    // The export link's CSV: the hostile name is escaped.
    const href = await page.getByTestId("export-csv").getAttribute("href");
    expect(href).toContain("filter%5Bindustry%5D%5Beq%5D=retail");
    const csv = await apiCall(page, "GET", href ?? "");
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.text.split(/\r\n/).slice(1).filter(Boolean)).toHaveLength(retail);

    // Import two accounts from a file: the progress ends in "Done" and the list grows.
    await page.getByTestId("import-csv").waitFor();
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({
      name: "accounts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "name,industry,poolStatus,lastFollowUpDate\n导入客户甲,retail,pool,2026-12-01\n导入客户乙,retail,pool,2026-11-20\n",
      ),
    });
    await page
      .locator('[data-testid="import-progress"][data-status="succeeded"]')
      .waitFor({ timeout: 20_000 });
    await page.getByTestId("import-summary").getByText("2 imported, 0 refused").waitFor();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Close", exact: true })
      .last()
      .click();
    await expect
      .poll(() => page.getByTestId("account-link").count(), { timeout: 15_000 })
      .toBe(retail + 2);

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it("shows an account 360: profile, stakeholder map, timeline, tiers, related records", async () => {
    const watched = await world.open();
    const { page } = watched;
    await world.signIn(watched);
    // The demo account with the most contacts.
    const contacts = await apiCall(page, "GET", "/api/v1/records?form=contact&limit=200");
    const byAccount = new Map<string, number>();
    for (const c of (contacts.body as { items: Array<{ data: { account: string } }> }).items)
      byAccount.set(c.data.account, (byAccount.get(c.data.account) ?? 0) + 1);
    const [accountId, count] = [...byAccount].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    expect(count).toBeGreaterThanOrEqual(2);

    await page.goto(`/accounts/${accountId}`);
    await page.getByTestId("account-profile").waitFor();
    await page.getByTestId("tier-badge").first().waitFor();
    await page.getByRole("tab", { name: "干系人地图" }).click();
    await page.getByTestId("stakeholder-map").waitFor();
    await expect
      .poll(() => page.locator('[data-testid^="stakeholder-"][data-stance]').count(), {
        timeout: 15_000,
      })
      .toBe(count);
    // Reporting lines are drawn as edges.
    await expect
      .poll(() => page.locator(".react-flow__edge").count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await world.screenshot(page, "stakeholder-map", { docs: true });

    await page.getByRole("tab", { name: "时间线" }).click();
    await page.locator('[data-testid="timeline-item"][data-kind="tier.changed"]').first().waitFor();
    await page
      .locator('[data-testid="timeline-item"][data-kind="related.created"]')
      .first()
      .waitFor();
    await world.screenshot(page, "account-timeline");

    await page.getByRole("tab", { name: "分级" }).click();
    await page.getByTestId("tier-why").first().waitFor();
    await page.getByTestId("tier-history-chart").first().waitFor();
    await page.getByRole("tab", { name: "相关记录" }).click();
    await page.getByTestId("account-related").getByRole("row").nth(1).waitFor();

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
