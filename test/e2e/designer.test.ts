/**
 * The designer in a real Chromium against a real server with the demo workspace: sign in, the
 * shell (navigation, workspace, live updates), the flows list and the template gallery, the
 * language switch (remembered across a reload), the tablet layout, reduced motion, and a strict
 * CSP that the page never violates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  type DesignerWorld,
  startDesignerWorld,
  type WatchedPage,
} from "./harness.ts";

const run = chromiumAvailable();

describe.runIf(run)("designer (Chromium)", () => {
  let world: DesignerWorld;
  const pages: WatchedPage[] = [];
  const open = async (...args: Parameters<DesignerWorld["open"]>) => {
    const watched = await world.open(...args);
    pages.push(watched);
    return watched;
  };

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("serves the page with a per-response style nonce in a strict CSP", async () => {
    const [a, b] = await Promise.all([fetch(`${world.url}/`), fetch(`${world.url}/flows`)]);
    const policy = a.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain("unsafe");
    expect(policy).toContain("script-src 'self';");
    expect(b.headers.get("content-security-policy")).not.toBe(policy);
    expect(a.headers.get("cache-control")).toContain("no-cache");
    const html = await a.text();
    expect(html).not.toContain("KAMFLOW_CSP_NONCE");
  });

  it("signs the demo admin in; the shell shows the navigation and the workspace", async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto("/");
    await page.waitForURL("**/login");
    await page.getByTestId("login-email").waitFor();
    await world.signIn(watched);
    const nav = page.getByTestId("nav");
    for (const label of ["流程", "表单", "分级模型", "模板库", "待办", "客户", "仪表盘", "管理"])
      await nav.getByText(label, { exact: true }).waitFor();
    await expect(page.getByTestId("workspace-name").textContent()).resolves.toContain(
      "Demo workspace",
    );
    await page.locator('[data-testid="live-indicator"][data-status="open"]').waitFor();
  });

  it("lists the demo workspace's flows", async () => {
    const watched = await open();
    const { page } = watched;
    await world.signIn(watched);
    const expected = await page.evaluate(async () => {
      const res = await fetch("/api/v1/definitions?kind=flow");
      const body = (await res.json()) as { items: Array<{ key: string }> };
      return body.items.map((d) => d.key);
    });
    expect(expected.length).toBeGreaterThan(2);
    const table = page.getByTestId("definitions-flow");
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    // The first page (50 rows) in the API's order.
    const shown = expected.slice(0, 50);
    for (const key of shown) await table.getByText(key, { exact: true }).waitFor();
    await expect(table.locator("tbody tr.ant-table-row").count()).resolves.toBe(shown.length);
    await world.screenshot(page, "flows");
  });

  it("shows the five bundled packs in the template gallery", async () => {
    const watched = await open();
    const { page } = watched;
    await world.signIn(watched);
    await page.getByTestId("nav").getByText("模板库", { exact: true }).click();
    await page.waitForURL("**/templates");
    await page.getByTestId("template-card").first().waitFor();
    await expect(page.getByTestId("template-card").count()).resolves.toBe(5);
    await expect(page.getByText("已安装 v1.0.0").count()).resolves.toBe(2);
    await world.screenshot(page, "templates");
  });

  it("switches zh-CN ↔ en, and keeps the choice across a reload", async () => {
    const watched = await open();
    const { page } = watched;
    await world.signIn(watched);
    const nav = page.getByTestId("nav");
    await nav.getByText("流程", { exact: true }).waitFor();
    await page.getByTestId("language-switch").click();
    await page.getByRole("option", { name: "English" }).click();
    await nav.getByText("Flows", { exact: true }).waitFor();
    await page.getByRole("heading", { name: "Flows" }).waitFor();
    await expect(nav.getByText("流程", { exact: true }).count()).resolves.toBe(0);
    await world.screenshot(page, "flows-en", { docs: true });
    await page.reload();
    await nav.getByText("Template gallery", { exact: true }).waitFor();
    await page.getByTestId("language-switch").click();
    await page.getByRole("option", { name: "简体中文" }).click();
    await nav.getByText("模板库", { exact: true }).waitFor();
  });

  it("starts in English for a non-Chinese browser, and says so for a page that does not exist", async () => {
    const watched = await open({ locale: "en-US" });
    const { page } = watched;
    await page.goto("/login");
    await page.getByRole("heading", { name: "Sign in to kamflow" }).waitFor();
    await world.screenshot(page, "login", { docs: true });
    await world.signIn(watched);
    await page.getByTestId("nav").getByText("Template gallery", { exact: true }).click();
    await page.getByTestId("template-card").nth(4).waitFor();
    await expect(page.getByText("Installed v1.0.0").count()).resolves.toBe(2);
    await world.screenshot(page, "templates-en", { docs: true });
    await page.goto("/no-such-page");
    await page.getByTestId("not-found").waitFor();
  });

  it("fits a tablet: the navigation folds away and opens from its trigger", async () => {
    const watched = await open({ viewport: { width: 820, height: 1180 }, locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    await page.locator(".kam-sider.ant-layout-sider-collapsed").waitFor();
    await page.getByTestId("definitions-flow").locator("tbody tr.ant-table-row").first().waitFor();
    const box = await page.locator(".kam-sider").boundingBox();
    expect(box?.width).toBeLessThanOrEqual(1); // its border
    await world.screenshot(page, "tablet", { docs: true });
    // antd's zero-width trigger opens it again.
    await page.locator(".ant-layout-sider-zero-width-trigger").click();
    await page.getByTestId("nav").getByText("Template gallery", { exact: true }).click();
    await page.waitForURL("**/templates");
  });

  it("turns animations off while the system asks for reduced motion, and on again when it stops", async () => {
    const watched = await open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const button = page.locator(".ant-btn").first();
    await button.waitFor();
    const duration = () =>
      button.evaluate((el) => getComputedStyle(el).getPropertyValue("--ant-motion-duration-mid"));
    await expect.poll(duration).toBe("0s"); // the harness opens every page with reduced motion
    await page.emulateMedia({ reducedMotion: "no-preference" });
    await expect.poll(duration).toBe("0.2s");
    await page.emulateMedia({ reducedMotion: "reduce" });
    await expect.poll(duration).toBe("0s");
  });

  it("signs out", async () => {
    const watched = await open();
    const { page } = watched;
    await world.signIn(watched);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "退出登录" }).click();
    await page.waitForURL("**/login");
    await page.goto("/flows");
    await page.waitForURL("**/login");
  });

  it("reported no CSP violation and no console error on any page", () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.cspViolations)).toEqual([]);
    // A 401 from /auth/me before signing in is expected; nothing else is.
    const errors = pages.flatMap((p) => p.errors).filter((e) => !/401/.test(e));
    expect(errors).toEqual([]);
  });
});
