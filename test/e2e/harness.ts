/**
 * @module test/e2e/harness
 * The designer end to end: the current build (made once per run, by whichever test file asks
 * first), the real server (`startServer`) on a fresh SQLite file with the demo workspace (its
 * printed admin password captured) and Debian's Chromium driven by playwright-core. One browser
 * per test file; each page records console errors and Content Security Policy violations.
 *
 * Without /usr/bin/chromium the suite is skipped with a printed reason, except in CI
 * (`process.env.CI`), where a missing browser is a failure (.ci/run installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { ensureDesignerBuilt, ROOT } from "../../designer/tools/designer-build.ts";
import type { Clock } from "../../engine/ports.ts";
import { createLogger } from "../../server/logging.ts";
import { type RunningServer, startServer } from "../../server/serve.ts";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const SCREENSHOTS = join(ROOT, "test/e2e/screenshots");
const DOCS_SCREENSHOTS = join(ROOT, "docs/screenshots");

/** Whether the e2e suite can run here; prints why not. In CI a missing browser throws. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (process.env.CI) throw new Error(`e2e: ${reason}; CI must run the designer tests`);
  console.warn(`e2e: skipped, ${reason}`);
  return false;
}

/** A page that records what the console and the CSP reported. */
export interface WatchedPage {
  readonly page: Page;
  /** Console errors and failed page scripts. */
  readonly errors: string[];
  /** Content Security Policy violations (console reports and `securitypolicyviolation` events). */
  readonly cspViolations: string[];
}

export interface DesignerWorld {
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly admin: { readonly email: string; readonly password: string };
  /** A new page in a fresh context (no cookies, no localStorage). */
  open(options?: BrowserContextOptions): Promise<WatchedPage>;
  /** Signs in through the login page as the demo admin; ends on the flows list. */
  signIn(watched: WatchedPage): Promise<void>;
  /** Signs in through the login page as a demo person (the shared demo password). */
  signInAs(watched: WatchedPage, email: string): Promise<void>;
  /**
   * Saves a screenshot to test/e2e/screenshots. One marked `docs` also goes to docs/screenshots
   * (the README's) when KAM_DOCS_SCREENSHOTS=1: refreshed on purpose, not by every run.
   */
  screenshot(page: Page, name: string, options?: { docs?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface DesignerWorldOptions {
  /** The server's clock (a manual clock lets a test move time; the browser keeps its own). */
  readonly clock?: Clock;
}

/** Builds the designer if needed, starts the server and the browser. */
export async function startDesignerWorld(
  options: DesignerWorldOptions = {},
): Promise<DesignerWorld> {
  await ensureDesignerBuilt({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), "kamflow-e2e-"));
  const printed: string[] = [];
  const server = await startServer({
    port: 0,
    databaseUrl: `file:${join(dir, "kamflow.db")}`,
    scheduler: false,
    ...(options.clock ? { clock: options.clock } : {}),
    logger: createLogger({ level: "silent" }),
    print: (text) => printed.push(text),
    demoOptions: { sampleAccounts: { "b2b-key-accounts": 5, "saas-customer-success": 3 } },
  });
  const text = printed.join("\n");
  const password = /admin@example\.com\s+password: (\S+)/.exec(text)?.[1];
  if (!password) throw new Error(`e2e: no admin password in the demo output:\n${text}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    url: server.url,
    server,
    browser,
    admin: { email: "admin@example.com", password },
    async open(options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
        // Without animations a click never lands on a dialog still zooming in, which on a loaded
        // CI machine could miss; the designer honours the setting (shell/useReducedMotion).
        reducedMotion: "reduce",
        ...options,
        baseURL: server.url,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      const cspViolations: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const line = message.text();
        (/Content Security Policy/i.test(line) ? cspViolations : errors).push(line);
      });
      page.on("pageerror", (error) => errors.push(error.message));
      // Init scripts run through the DevTools protocol, outside the page's CSP.
      await page.exposeFunction("__kamCspViolation", (line: string) => cspViolations.push(line));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __kamCspViolation(l: string): void })
            .__kamCspViolation;
          report(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      return { page, errors, cspViolations };
    },
    async signIn({ page }) {
      await page.goto("/login");
      await page.getByTestId("login-email").fill("admin@example.com");
      await page.getByTestId("login-password").fill(password);
      await page.getByTestId("login-submit").click();
      await page.waitForURL("**/flows");
    },
    async signInAs({ page }, email) {
      const demoPassword = server.demo?.demoPassword;
      if (!demoPassword) throw new Error("e2e: the demo workspace has no shared password");
      await page.goto("/login");
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(demoPassword);
      await page.getByTestId("login-submit").click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    },
    async screenshot(page, name, options = {}) {
      const image = await page.screenshot({ type: "png" });
      writeFileSync(join(SCREENSHOTS, `${name}.png`), image);
      if (options.docs && process.env.KAM_DOCS_SCREENSHOTS === "1") {
        mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
        writeFileSync(join(DOCS_SCREENSHOTS, `${name}.png`), image);
      }
    },
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An API call from inside the page, as the signed-in user (session cookie and CSRF token), for
 * a test's setup and checks. `body` is the parsed JSON answer (null when it is not JSON, e.g. a
 * CSV), `text` the raw one.
 * @example const { status, body } = await apiCall<{ items: unknown[] }>(page, "GET", "/api/v1/tasks");
 */
export async function apiCall<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // CSV or empty
      }
      return { status: res.status, body: parsed, text };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T; text: string }>;
}
