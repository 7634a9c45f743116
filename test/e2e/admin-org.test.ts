/**
 * The admin screen's people tabs and business calendars in a real Chromium against a real server
 * with the demo workspace:
 * - the admin creates a user (the generated password shown once) and sees them listed;
 * - creates a team with a manager and adds a member; grants a business role;
 * - delegates a person's tasks and ends the delegation;
 * - marks a holiday and a make-up working day (调休) on the calendar and saves it; a refused
 *   yearly table shows its lines with the issues; a good one imports;
 * - a member (王磊) sees the tabs without write controls, and roles as "not allowed".
 * Every change is read back through the API. No CSP violation, no unexpected console error.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const KAM = "wang.lei@example.com";

/** Calls the API from the page (its session and CSRF token). */

interface User {
  id: string;
  name: string;
  email?: string;
}
interface Team {
  id: string;
  key: string | null;
  managerId: string | null;
  members: { userId: string }[];
  children: Team[];
}
interface CalendarDoc {
  holidays?: { date: string; name?: { "zh-CN": string; en: string } }[];
  makeUpWorkdays?: { date: string }[];
}

const flatten = (teams: Team[]): Team[] => teams.flatMap((t) => [t, ...flatten(t.children)]);

/** Opens a Select (by test id), types to filter and picks the first match. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator(".ant-select-item-option-active:visible").first().waitFor();
  await page.keyboard.press("Enter");
}

/** Confirms the open Popconfirm. */
async function confirm(page: Page, label: string) {
  await page.locator(".ant-popconfirm").getByRole("button", { name: label }).click();
}

/** Console errors other than the refusals the test provokes on purpose. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of (403|422)/.test(e));

describe.runIf(run)("admin: people, roles, delegations and calendars (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("creates a user, a team with a manager and a member, a business role and a delegation", async () => {
    const admin = await world.open({ locale: "en-US" });
    const { page } = admin;
    await world.signIn(admin);

    // Users: create one; the generated password is shown once.
    await page.goto("/admin?tab=users");
    await page.getByTestId("admin-users").getByRole("row").filter({ hasText: KAM }).waitFor();
    await page.getByTestId("user-create").click();
    await page.getByTestId("user-form-name").fill("赵敏");
    await page.getByTestId("user-form-email").fill("zhao.min@example.com");
    await page.getByTestId("user-create-ok").click();
    const password = page.getByTestId("generated-password");
    await password.waitFor();
    expect((await password.textContent())?.length ?? 0).toBeGreaterThanOrEqual(12);
    await page.getByTestId("password-done").click();
    await page.getByRole("dialog", { name: "Password of 赵敏" }).waitFor({ state: "hidden" });
    await page.getByRole("row").filter({ hasText: "zhao.min@example.com" }).waitFor();
    await page.getByLabel("Search by name or e-mail").fill("");
    await page.getByRole("row").filter({ hasText: KAM }).waitFor();
    await world.screenshot(page, "admin-users", { docs: true });
    const users = await apiCall<{ items: User[] }>(page, "GET", "/api/v1/users");
    const byEmail = (email: string) => users.body.items.find((u) => u.email === email);
    const zhao = byEmail("zhao.min@example.com");
    const wang = byEmail(KAM);
    const li = byEmail("li.na@example.com");
    const liu = byEmail("liu.yang@example.com");
    expect(zhao?.name).toBe("赵敏");

    // A duplicate e-mail is refused with the server's problem in the dialog.
    await page.getByTestId("user-create").click();
    await page.getByTestId("user-form-name").fill("赵敏二");
    await page.getByTestId("user-form-email").fill("zhao.min@example.com");
    await page.getByTestId("user-create-ok").click();
    await page.getByRole("dialog").getByRole("alert").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

    // Teams: a new team under the chart with a manager, then a member.
    await page.goto("/admin?tab=teams");
    await page.getByTestId("team-create").click();
    await page.getByTestId("team-form-key").fill("south-kam");
    await page.getByTestId("team-form-name").fill("华南大客户部");
    await pick(page, "team-form-manager", "li.na");
    await page.getByTestId("team-form-ok").click();
    const details = page.getByTestId("team-details");
    await details.getByText("华南大客户部").first().waitFor();
    await expect.poll(() => details.getByTestId("team-manager").textContent()).toBe("李娜");
    await pick(page, "team-member-user", KAM);
    await page.getByTestId("team-member-add").click();
    await details.getByRole("row").filter({ hasText: "王磊" }).waitFor();
    await world.screenshot(page, "admin-teams", { docs: true });
    const teams = await apiCall<{ items: Team[] }>(page, "GET", "/api/v1/teams");
    const south = flatten(teams.body.items).find((t) => t.key === "south-kam");
    expect(south?.managerId).toBe(li?.id);
    expect(south?.members.map((m) => m.userId)).toContain(wang?.id);

    // Roles: the new user takes the service desk's business role.
    await page.goto("/admin?tab=roles");
    await pick(page, "business-role-user", "zhao.min");
    await page.getByTestId("business-role-key").locator("input").fill("service-desk");
    await page.keyboard.press("Escape");
    await page.getByTestId("business-role-grant").click();
    await page
      .getByTestId("business-roles")
      .getByRole("row")
      .filter({ hasText: "赵敏" })
      .filter({ hasText: "service-desk" })
      .waitFor();
    await world.screenshot(page, "admin-roles");
    const grants = await apiCall<{ items: { role: string }[] }>(
      page,
      "GET",
      `/api/v1/business-roles?userId=${zhao?.id}`,
    );
    expect(grants.body.items.map((g) => g.role)).toEqual(["service-desk"]);

    // Delegations: the KAM's tasks go to the service desk for a week, then end early.
    await page.goto("/admin?tab=delegations");
    await page.getByTestId("delegation-create").click();
    await pick(page, "delegation-user", KAM);
    await pick(page, "delegation-delegate", "liu.yang");
    await page.getByTestId("delegation-create-ok").click();
    const row = page.getByRole("row").filter({ hasText: "王磊" }).filter({ hasText: "刘洋" });
    await row.locator('[data-state="active"]').waitFor();
    const listed = await apiCall<{
      items: { id: string; userId: string; delegateId: string; active: boolean }[];
    }>(page, "GET", "/api/v1/delegations?scope=all");
    const delegation = listed.body.items.find(
      (d) => d.userId === wang?.id && d.delegateId === liu?.id,
    );
    expect(delegation?.active).toBe(true);
    await world.screenshot(page, "admin-delegations");
    await row.getByTestId("delegation-end").click();
    await confirm(page, "End now");
    await page.getByTestId("delegations-current").click();
    await row.locator('[data-state="ended"]').waitFor();
    const ended = await apiCall<{ delegation: { active: boolean } }>(
      page,
      "GET",
      `/api/v1/delegations/${delegation?.id}`,
    );
    expect(ended.body.delegation.active).toBe(false);

    expect(admin.cspViolations).toEqual([]);
    expect(unexpected(admin.errors)).toEqual([]);
  });

  it("edits the calendar (a holiday and a make-up day), refuses a bad table and imports a good one", async () => {
    const admin = await world.open({ locale: "en-US" });
    const { page } = admin;
    await world.signIn(admin);
    await page.goto("/admin?tab=calendars");
    await page.getByTestId("calendar-day-editor").waitFor();

    /** Marks a date in the day editor. */
    const mark = async (date: string, kind: string, name?: string) => {
      const input = page.getByTestId("calendar-day-editor").locator(".ant-picker input");
      await input.click();
      await input.fill(date);
      await input.press("Enter");
      await expect.poll(() => input.inputValue()).toBe(date);
      await page.getByTestId("calendar-day-kind").getByText(kind, { exact: true }).click();
      if (name) await page.getByTestId("calendar-day-name").fill(name);
      await page.getByTestId("calendar-day-apply").click();
    };
    await mark("2026-12-24", "Holiday", "公司年会");
    await mark("2026-12-26", "Make-up working day");
    await page.locator('[data-date="2026-12-24"][data-kind="holiday"]').waitFor();
    await page.locator('[data-date="2026-12-26"][data-kind="makeUp"]').waitFor();
    await page.getByTestId("calendar-save").click();
    await expect.poll(() => page.getByTestId("calendar-save").isDisabled()).toBe(true);
    await page.getByTestId("calendar-year-list").scrollIntoViewIfNeeded();
    await world.screenshot(page, "admin-calendar", { docs: true });
    let saved = await apiCall<{ calendar: CalendarDoc }>(page, "GET", "/api/v1/calendar");
    expect(saved.body.calendar.holidays).toContainEqual({
      date: "2026-12-24",
      name: { "zh-CN": "公司年会", en: "公司年会" },
    });
    expect(saved.body.calendar.makeUpWorkdays).toContainEqual({ date: "2026-12-26" });

    // A refused table: nothing imported, each bad line shown with its issue.
    const card = page.getByTestId("calendar-import-card");
    await card
      .getByTestId("calendar-import-text")
      .fill("date,type,name\n2027-01-01,休,元旦\n2027-13-01,休,坏日期\n2027-02-06,xx,坏类型");
    await card.getByTestId("calendar-import").click();
    await card.locator('li[data-line="3"][data-refused="true"]').waitFor();
    await card.locator('li[data-line="4"][data-refused="true"]').waitFor();
    expect(await card.locator('li[data-line="2"][data-refused="true"]').count()).toBe(0);

    // A good table from a file: 2028 is added, 2026 kept.
    await card.locator('input[type="file"]').setInputFiles({
      name: "holidays-2028.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("date,type,name\n2028-01-01,休,元旦\n2028-01-29,班,春节调休\n"),
    });
    await expect
      .poll(() => card.getByTestId("calendar-import-summary").textContent())
      .toContain("1 holidays, 1 make-up days, years 2028");
    await card.getByTestId("calendar-import").click();
    await expect
      .poll(async () => {
        saved = await apiCall<{ calendar: CalendarDoc }>(page, "GET", "/api/v1/calendar");
        return saved.body.calendar.holidays?.some((h) => h.date === "2028-01-01") ?? false;
      })
      .toBe(true);
    expect(saved.body.calendar.makeUpWorkdays?.map((d) => d.date)).toContain("2028-01-29");
    expect(saved.body.calendar.holidays?.map((d) => d.date)).toContain("2026-12-24");

    expect(admin.cspViolations).toEqual([]);
    expect(unexpected(admin.errors)).toEqual([]);
  });

  it("shows a member no write controls, and roles as not allowed", async () => {
    // A tablet in portrait: the tabs stack their panes.
    const member = await world.open({ locale: "en-US", viewport: { width: 820, height: 1180 } });
    const { page } = member;
    await world.signInAs(member, KAM);

    await page.goto("/admin?tab=users");
    await page.getByTestId("admin-users").getByRole("row").filter({ hasText: "王磊" }).waitFor();
    expect(await page.getByTestId("user-create").count()).toBe(0);
    expect(await page.getByTestId("user-edit").count()).toBe(0);

    await page.goto("/admin?tab=teams");
    await page.getByTestId("team-details").waitFor();
    await page.getByTestId("admin-read-only").waitFor();
    expect(await page.getByTestId("team-create").count()).toBe(0);
    expect(await page.getByTestId("team-member-add").count()).toBe(0);

    await page.goto("/admin?tab=roles");
    await page.getByTestId("admin-not-allowed").waitFor();

    await page.goto("/admin?tab=calendars");
    await page.getByTestId("admin-calendars").getByTestId("calendar-year-list").waitFor();
    expect(await page.getByTestId("calendar-save").count()).toBe(0);
    expect(await page.getByTestId("calendar-import-card").count()).toBe(0);
    await world.screenshot(page, "admin-calendar-member-tablet");
    const refused = await apiCall(page, "PUT", "/api/v1/calendar", {});
    expect(refused.status).toBe(403);

    expect(member.cspViolations).toEqual([]);
    expect(unexpected(member.errors)).toEqual([]);
  });
});
