/**
 * The gallery's install and the admin's operations screens in a real Chromium against a real
 * server with the demo workspace: a pack not installed opened with its contents and dry-run
 * diff, installed with sample data (progress to the end, the card then installed), re-planned as
 * unchanged; a webhook created to a local receiver, its secret shown once, a delivery in its log
 * after a record is created; the audit log with its filters, an event's diff, and "Verify chain".
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();

/** Calls the API from the page (its session and CSRF token). */
async function apiCall(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** A receiver of webhook deliveries on 127.0.0.1. */
interface Receiver {
  readonly url: string;
  readonly received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kamflow-hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Console errors other than the expected refusals (4xx) of the API. */
const unexpected = (errors: readonly string[]) =>
  errors.filter((e) => !/status of (400|403|404|409|422)/.test(e));

describe.runIf(run)("template install, webhooks and audit (Chromium)", () => {
  let world: DesignerWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    world = await startDesignerWorld();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await world?.close();
  });

  it("shows a pack's contents and dry run, installs it with sample data, then plans it unchanged", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    await page.getByTestId("nav").getByText("Template gallery", { exact: true }).click();
    await page.waitForURL("**/templates");
    const card = page.locator('[data-testid="template-card"][data-pack="retail-membership"]');
    await expect(card.getAttribute("data-installed")).resolves.toBe("");
    await card.getByTestId("template-open").click();

    const detail = page.getByTestId("template-detail");
    await detail.getByTestId("template-contents").waitFor();
    await expect(
      detail.getByTestId("pack-forms").locator(".ant-list-item").count(),
    ).resolves.toBeGreaterThan(0);
    await expect(
      detail.getByTestId("pack-flows").locator(".ant-list-item").count(),
    ).resolves.toBeGreaterThan(0);
    await detail.getByTestId("pack-sample").waitFor();
    // The dry run: every definition is created, and the roles nobody holds are listed.
    await detail.locator('[data-testid="plan-item"]').first().waitFor();
    const actions = await detail
      .locator('[data-testid="plan-item"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(actions.length).toBeGreaterThan(3);
    expect(new Set(actions)).toEqual(new Set(["create"]));
    await detail.getByTestId("plan-unheld-roles").waitFor();
    // The policy selector re-plans.
    await detail.getByTestId("policy-select").getByText("Keep the workspace's").click();
    await detail.locator('[data-testid="template-plan"][data-policy="skip"]').waitFor();

    // Install with 6 sample accounts; the progress runs to the end.
    await expect(
      detail.getByRole("checkbox", { name: /With sample data/ }).isChecked(),
    ).resolves.toBe(true);
    await detail.getByLabel("Number of sample accounts").fill("6");
    await detail.getByText("With sample data (6 accounts)").waitFor();
    await detail.getByTestId("template-install").click();
    await detail.getByTestId("install-progress").waitFor();
    await detail
      .locator('[data-testid="install-progress"][data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });
    await detail.getByTestId("install-result").waitFor();
    await detail.getByText(/Sample data: \d+ people and \d+ records created/).waitFor();
    await world.screenshot(page, "template-install", { docs: true });

    // The drawer and the card know the pack is installed.
    await detail
      .locator('[data-testid="detail-installed"]')
      .getByText("Installed version: 1.0.0")
      .waitFor();
    await page.keyboard.press("Escape");
    await page
      .locator(
        '[data-testid="template-card"][data-pack="retail-membership"][data-installed="1.0.0"]',
      )
      .waitFor();
    const installed = await apiCall(page, "GET", "/api/v1/templates/installed");
    const keys = (installed.body as { items: Array<{ key: string; version: string }> }).items.map(
      (p) => `${p.key}@${p.version}`,
    );
    expect(keys).toContain("retail-membership@1.0.0");

    // Planned again, every definition is unchanged.
    await card.getByTestId("template-open").click();
    await page
      .getByTestId("template-detail")
      .locator('[data-testid="plan-item"]')
      .first()
      .waitFor();
    const again = await page
      .getByTestId("template-detail")
      .locator('[data-testid="plan-item"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(new Set(again)).toEqual(new Set(["unchanged"]));
    await page
      .getByTestId("plan-counts")
      .getByText(/Unchanged · \d+/)
      .waitFor();

    expect(watched.cspViolations).toEqual([]);
    expect(unexpected(watched.errors)).toEqual([]);
  });

  it("shows a refused install with its issues' pointers", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    await page.goto("/templates");
    // strategic-service-sla conflicts with the demo's account form: policy fail refuses it.
    await page
      .locator('[data-testid="template-card"][data-pack="strategic-service-sla"]')
      .getByTestId("template-open")
      .click();
    const detail = page.getByTestId("template-detail");
    await detail.locator('[data-testid="plan-item"][data-action="conflict"]').first().waitFor();
    await detail
      .locator('[data-testid="plan-item"][data-action="conflict"]')
      .first()
      .locator(".ant-table-row-expand-icon")
      .click();
    await detail
      .getByTestId("plan-diff")
      .first()
      .getByText(/^\/dataSchema\//)
      .first()
      .waitFor();
    await detail.getByRole("checkbox", { name: /With sample data/ }).uncheck();
    await detail.getByTestId("template-install").click();
    await detail
      .locator('[data-testid="install-progress"][data-status="failed"]')
      .waitFor({ timeout: 60_000 });
    const alert = detail.getByTestId("install-progress").getByRole("alert");
    await alert.getByText("The install was refused; nothing was saved").waitFor();
    await alert.locator("li", { hasText: "form/account" }).waitFor();
    expect(watched.cspViolations).toEqual([]);
    expect(unexpected(watched.errors)).toEqual([]);
  });

  it("creates a webhook to a local receiver and shows its delivery", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    await page.goto("/admin?tab=webhooks");
    await page.getByTestId("webhooks").waitFor();
    await page.getByTestId("webhook-create").click();
    const form = page.getByTestId("webhook-form");
    await form.getByTestId("webhook-url").fill(receiver.url);
    await form.getByTestId("webhook-description").fill("e2e receiver");
    await form.getByTestId("webhook-events").getByText("record.created", { exact: true }).click();
    await page.getByTestId("webhook-save").click();
    // Without the private-network switch, the server refuses a loopback URL, pointing at /url.
    await page
      .getByRole("dialog")
      .getByRole("alert")
      .locator("code", { hasText: "/url" })
      .waitFor();
    await form.getByText("Allow private-network and plain-http targets").click();
    await page.getByTestId("webhook-save").click();
    const secret = page.getByTestId("webhook-secret");
    await secret.waitFor();
    await expect(secret.textContent()).resolves.toMatch(/^whsec_/);
    await page.getByTestId("secret-done").click();
    const row = page.locator(`[data-testid="webhook-row"][data-url="${receiver.url}"]`);
    await row.waitFor();

    // A record created through the API is delivered when the outbox runs.
    const created = await apiCall(page, "POST", "/api/v1/records", {
      form: "account",
      data: {
        name: "上海测试机械有限公司",
        industry: "retail",
        poolStatus: "pool",
        lastFollowUpDate: "2026-12-01",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (let i = 0; i < 20 && receiver.received.length === 0; i++) {
      await world.server.scheduler.tick();
      if (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received[0]?.headers["x-kamflow-event"]).toBe("record.created");

    const log = page.getByTestId("delivery-log");
    await log.getByTestId("deliveries-refresh").click();
    await log.locator('[data-testid="delivery-row"][data-status="delivered"]').first().waitFor();
    await log.getByText("204", { exact: true }).first().waitFor();
    await world.screenshot(page, "webhooks", { docs: true });

    // Redeliver: a new delivery of the same event.
    await log.getByTestId("delivery-redeliver").first().click();
    await expect
      .poll(() => log.locator('[data-testid="delivery-row"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(1);

    // Disable it: the switch turns off and stays off after a reload.
    await row.getByTestId("webhook-active").click();
    await expect
      .poll(async () => {
        const list = await apiCall(page, "GET", "/api/v1/webhooks");
        return (list.body as { items: Array<{ url: string; active: boolean }> }).items.find(
          (w) => w.url === receiver.url,
        )?.active;
      })
      .toBe(false);

    expect(watched.cspViolations).toEqual([]);
    expect(unexpected(watched.errors)).toEqual([]);
  });

  it("lists the audit log with filters and a diff, and verifies the chain", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    await page.goto("/admin?tab=audit");
    const audit = page.getByTestId("audit");
    await audit.locator('[data-testid="audit-row"]').first().waitFor();
    await expect(audit.locator('[data-testid="audit-row"]').count()).resolves.toBe(20);
    await audit.getByTestId("audit-next").click();
    await audit.getByText("Page 2").waitFor();
    await audit.getByTestId("audit-prev").click();
    await audit.getByText("Page 1").waitFor();

    // Filter by entity kind: the template pack installed above.
    await audit.getByLabel("Entity kind").fill("template-pack");
    await expect
      .poll(() =>
        audit
          .locator('[data-testid="audit-row"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action"))),
      )
      .toEqual(expect.arrayContaining([expect.stringMatching(/^template/)]));
    await audit.getByText("Clear filters").click();

    // A record update shows its before/after diff.
    await audit.getByLabel("Action, e.g. record.update").fill("record.create");
    await page.keyboard.press("Enter");
    const first = audit.locator('[data-testid="audit-row"][data-action="record.create"]').first();
    await first.waitFor();
    await first.locator(".ant-table-row-expand-icon").click();
    await audit.getByTestId("audit-diff").first().waitFor();

    await audit.getByTestId("audit-verify").click();
    const result = audit.locator('[data-testid="audit-verify-result"][data-ok="true"]');
    await result.waitFor();
    await result.getByText(/The audit chain is intact: \d+ events verified/).waitFor();
    await world.screenshot(page, "audit", { docs: true });

    expect(watched.cspViolations).toEqual([]);
    expect(unexpected(watched.errors)).toEqual([]);
  });
});
