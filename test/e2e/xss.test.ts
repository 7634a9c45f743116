/**
 * Security S9 in a real Chromium against a real server: stored XSS payloads —
 * `<img src=x onerror=…>`, `<script>`, `javascript:` URLs, `"><svg onload=…>`, `srcdoc` iframes,
 * template-injection strings — `scaled(20, 500)` of them, written through the API into every
 * user-editable string the designer shows: a form's name, field labels, help texts, placeholders,
 * option labels and section titles; a flow's name and node labels; record field values; comments
 * on a request; tier names. Then the screens that render them are opened (form builder, flow
 * editor, accounts list, account 360, inbox and its task drawer, the request page).
 *
 * It proves, screen by screen: the payload text is on the page (so the screen did render it), the
 * `window.__xss` sentinel is never set, no dialog opens, no element from a payload exists in the
 * DOM (`[onerror]`, `[onload]`, `iframe[srcdoc]`, `a[href^=javascript:]` … — checked even though the
 * strict CSP would also block execution) and the CSP reported nothing. Plus two static and
 * server-side checks: the designer's source has no raw-HTML sink (`dangerouslySetInnerHTML`,
 * `innerHTML`, `insertAdjacentHTML`, `document.write`), and an attachment's `url` (kamflow has no
 * free URL field type) accepts only http(s) — no `javascript:`, `data:` or `vbscript:` link.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../designer/tools/designer-build.ts";
import { count, recordFigure, scaled } from "../reliability/figures.ts";
import {
  apiCall,
  chromiumAvailable,
  type DesignerWorld,
  startDesignerWorld,
  type WatchedPage,
} from "./harness.ts";

const run = chromiumAvailable();
const PAYLOADS = scaled(20, 500);
const t = (text: string) => ({ "zh-CN": text, en: text });

const vectors = [
  "<img src=x onerror=window.__xss=1>",
  "<script>window.__xss=1</script>",
  '"><svg onload=window.__xss=1>',
  "javascript:window.__xss=1",
  '<a href="javascript:window.__xss=1">点我</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  "'><details open ontoggle=window.__xss=1>",
  "{{constructor.constructor('window.__xss=1')()}}",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "[点我](javascript:window.__xss=1)",
  '<body onload="window.__xss=1">',
  "<input autofocus onfocus=window.__xss=1>",
] as const;

/** Payload i: a vector with a unique marker, so each one can be found on the page. */
const payload = (i: number) => `XSS${i}${vectors[i % vectors.length]}`;
const payloads = Array.from({ length: PAYLOADS }, (_, i) => payload(i));
/** The payloads cycled to fill `n` places. */
const nth = (i: number) => payloads[i % payloads.length] as string;

/** An attachment field's value: the metadata of one uploaded file. */
const file = (url: string) => ({
  name: "报价单.pdf",
  size: 1024,
  mimeType: "application/pdf",
  url,
});

/** Elements a payload would have created had it been parsed as HTML. */
const INJECTED =
  "[onerror], [onload], [ontoggle], [onfocus], iframe[srcdoc], a[href^='javascript:' i], " +
  "img[src='x'], details[open][ontoggle], mglyph";

async function ok<T = Record<string, unknown>>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const reply = await apiCall<T>(page, method, path, body);
  if (reply.status >= 300)
    throw new Error(`${method} ${path} → ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Files under `dir` (recursively) whose name ends with one of `exts`. */
function sources(dir: string, exts: readonly string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path, exts);
    return exts.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

describe("S9: no raw-HTML sinks in the designer (static)", () => {
  it("has no dangerouslySetInnerHTML, innerHTML, insertAdjacentHTML or document.write", () => {
    const files = sources(join(ROOT, "designer/src"), [".ts", ".tsx"]).filter(
      (f) => !/\.test\.tsx?$/.test(f),
    );
    const sinks =
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/;
    const found = files.filter((f) => sinks.test(readFileSync(f, "utf8")));
    expect(files.length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });
});

describe.runIf(run)("S9: stored XSS payloads in the designer (Chromium)", () => {
  let world: DesignerWorld;
  let watched: WatchedPage;
  const dialogs: string[] = [];
  const screens: Record<string, { shown: number; injected: number }> = {};
  const ids = { record: "", account: "", instance: "" };

  beforeAll(async () => {
    world = await startDesignerWorld();
    watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // The sentinel exists from the first script on; a payload that ran would set it to 1.
    await page.addInitScript(() => {
      (window as unknown as { __xss: unknown }).__xss = undefined;
    });
    await world.signIn(watched);
    const me = await ok<{ user: { id: string } }>(page, "GET", "/api/v1/auth/me");
    const adminId = me.user.id;

    // A form whose every label, help text, placeholder, option and section title is a payload.
    const fields: Record<string, unknown> = {};
    const ui: Record<string, unknown> = {};
    const textFields = Array.from({ length: 6 }, (_, i) => `f${i}`);
    for (const [i, key] of textFields.entries()) {
      fields[key] = { "x-kam-field": "text", type: "string", maxLength: 500 };
      ui[key] = { label: t(nth(i * 3)), help: t(nth(i * 3 + 1)), placeholder: t(nth(i * 3 + 2)) };
    }
    fields.choice = { "x-kam-field": "select", type: "string", enum: ["a", "b", "c"] };
    ui.choice = { label: t(nth(18)), options: { a: t(nth(19)), b: t(nth(20)), c: t(nth(21)) } };
    fields.site = { "x-kam-field": "attachment", type: "object" };
    ui.site = { label: t(nth(22)) };
    const form = {
      kind: "form",
      key: "xss-form",
      name: t(nth(23)),
      dataSchema: { type: "object", required: ["f0"], properties: fields },
      uiSchema: {
        fields: ui,
        sections: [{ key: "main", title: t(nth(24)), fields: [...textFields, "choice", "site"] }],
      },
      rules: {},
    };
    await ok(page, "POST", "/api/v1/definitions", { document: form });

    // A flow whose name and node labels are payloads, with a task for the admin.
    const flow = {
      kind: "flow",
      key: "xss-flow",
      name: t(nth(25)),
      form: "xss-form",
      trigger: { type: "manual" },
      nodes: [
        { id: "start", type: "start", label: t(nth(26)), position: { x: 0, y: 0 }, config: {} },
        {
          id: "review",
          type: "task",
          label: t(nth(27)),
          position: { x: 0, y: 120 },
          config: { assignees: [{ kind: "user", userId: adminId }] },
        },
        {
          id: "done",
          type: "end",
          label: t(nth(28)),
          position: { x: 0, y: 240 },
          config: { outcome: "done" },
        },
      ],
      edges: [
        { id: "e1", source: "start", target: "review" },
        { id: "e2", source: "review", target: "done" },
      ],
    };
    await ok(page, "POST", "/api/v1/definitions", { document: flow });

    // Records: every payload lands in some record's fields.
    const perRecord = textFields.length;
    for (let start = 0; start < payloads.length; start += perRecord) {
      const data: Record<string, unknown> = { choice: "a", site: file("https://example.com/x") };
      textFields.forEach((key, j) => {
        data[key] = nth(start + j);
      });
      const made = await ok<{ record: { id: string } }>(page, "POST", "/api/v1/records", {
        form: "xss-form",
        data,
      });
      ids.record ||= made.record.id;
    }

    // A request on the first record, with payload comments; its task waits in the admin's inbox.
    const started = await ok<{ instance: { id: string } }>(page, "POST", "/api/v1/instances", {
      flow: "xss-flow",
      recordId: ids.record,
    });
    ids.instance = started.instance.id;
    for (let i = 0; i < Math.min(payloads.length, 20); i++)
      await ok(page, "POST", `/api/v1/instances/${ids.instance}/comments`, { text: nth(29 + i) });

    // Accounts: payload names on the demo's account form, and payload tier names.
    for (let i = 0; i < Math.min(payloads.length, 30); i++) {
      const made = await ok<{ record: { id: string } }>(page, "POST", "/api/v1/records", {
        form: "account",
        data: {
          name: nth(i),
          industry: "manufacturing",
          poolStatus: "assigned",
          owner: adminId,
          lastFollowUpDate: "2026-11-01",
        },
      });
      ids.account ||= made.record.id;
    }
    const models = await ok<{ items: Array<{ key: string; kind: string }> }>(
      page,
      "GET",
      "/api/v1/definitions?kind=tier-model",
    );
    for (const { key } of models.items) {
      const model = await ok<{ form: string; tiers: Array<{ label: unknown }> }>(
        page,
        "GET",
        `/api/v1/definitions/tier-model/${key}/export`,
      );
      if (model.form !== "account") continue;
      model.tiers.forEach((tier, i) => {
        tier.label = t(nth(40 + i));
      });
      await ok(page, "POST", "/api/v1/definitions", { document: model });
    }
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Opens `path`, waits for `ready`, and checks the page: rendered, not executed, not parsed. */
  async function visit(name: string, path: string, ready: (page: Page) => Promise<unknown>) {
    const { page } = watched;
    await page.goto(path);
    await ready(page);
    // Let effects, lazy panels and images settle.
    await page.waitForTimeout(500);
    const state = await page.evaluate((selector) => {
      const text = document.body.innerText;
      return {
        xss: (window as unknown as { __xss: unknown }).__xss,
        shown: (text.match(/XSS\d+/g) ?? []).length,
        injected: [...document.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 120)),
      };
    }, INJECTED);
    screens[name] = { shown: state.shown, injected: state.injected.length };
    expect(state.shown, `${name}: the payloads are on the page`).toBeGreaterThan(0);
    expect(state.xss, `${name}: window.__xss`).toBeUndefined();
    expect(state.injected, `${name}: elements created from payloads`).toEqual([]);
    expect(dialogs, `${name}: dialogs`).toEqual([]);
    expect(watched.cspViolations, `${name}: CSP violations`).toEqual([]);
  }

  it("renders payloads as text in the form builder", async () => {
    await visit("form builder", "/forms/xss-form", (p) =>
      p
        .getByTestId("fb-preview")
        .getByText(/XSS\d+/)
        .first()
        .waitFor(),
    );
  });

  it("renders payloads as text in the flow editor", async () => {
    await visit("flow editor", "/flows/xss-flow", (p) =>
      p.getByTestId("flow-node-review").waitFor(),
    );
    // The inspector shows the node's label too.
    await watched.page.getByTestId("flow-node-review").click();
    await visit("flow inspector", watched.page.url(), (p) =>
      p.getByTestId("flow-node-review").waitFor(),
    );
  });

  it("renders payloads as text in the accounts list and the account 360", async () => {
    await visit("accounts list", "/accounts", (p) =>
      p
        .getByTestId("account-link")
        .filter({ hasText: /XSS\d+/ })
        .first()
        .waitFor(),
    );
    await visit("account 360", `/accounts/${ids.account}`, (p) =>
      p.getByTestId("account-profile").waitFor(),
    );
    await visit("record 360 of the xss form", `/accounts/${ids.record}`, (p) =>
      p
        .getByText(/XSS\d+/)
        .first()
        .waitFor(),
    );
  });

  it("renders payloads as text in the inbox, its task drawer and the request page", async () => {
    await visit("inbox", "/inbox", (p) => p.getByTestId("inbox-task").first().waitFor());
    const { page } = watched;
    await page
      .getByTestId("inbox-task")
      .filter({ hasText: /XSS\d+/ })
      .first()
      .click();
    await page.locator(".ant-drawer-open").waitFor();
    await visit("task drawer", page.url(), async (p) => {
      await p
        .getByTestId("inbox-task")
        .filter({ hasText: /XSS\d+/ })
        .first()
        .click();
      await p
        .locator(".ant-drawer-open")
        .getByText(/XSS\d+/)
        .first()
        .waitFor();
    });
    await visit("request page", `/instances/${ids.instance}`, (p) =>
      p
        .getByText(/XSS\d+/)
        .first()
        .waitFor(),
    );
    recordFigure({
      id: "S9",
      test: "stored XSS payloads rendered by the designer",
      backend: "browser",
      size: `${count(PAYLOADS)} payloads, ${Object.keys(screens).length} screens`,
      figures: {
        executed: 0,
        dialogs: dialogs.length,
        "elements from payloads": 0,
        "CSP violations": watched.cspViolations.length,
        "payload texts shown": Object.values(screens).reduce((n, s) => n + s.shown, 0),
      },
    });
  });

  it("would notice a payload parsed as HTML (the detector itself is checked)", async () => {
    // Without this, a selector that never matches would pass every screen above.
    const found = await watched.page.evaluate(
      ({ html, selector }) => {
        const box = document.createElement("div");
        box.innerHTML = html;
        document.body.append(box);
        const n = document.querySelectorAll(selector).length;
        box.remove();
        return n;
      },
      { html: payloads.slice(0, vectors.length).join(""), selector: INJECTED },
    );
    expect(found).toBeGreaterThanOrEqual(5);
  });

  it("accepts only http(s) links in an attachment (the one URL a record holds)", async () => {
    const { page } = watched;
    for (const site of [
      "javascript:window.__xss=1",
      "JavaScript:window.__xss=1",
      " javascript:window.__xss=1",
      "java\tscript:window.__xss=1",
      "data:text/html,<script>window.__xss=1</script>",
      "vbscript:msgbox(1)",
      "//evil.example",
    ]) {
      const reply = await apiCall<{ issues: Array<{ pointer: string }> }>(
        page,
        "POST",
        "/api/v1/records",
        { form: "xss-form", data: { f0: "x", site: file(site) } },
      );
      expect(reply.status, site).toBe(422);
      expect(reply.body.issues[0]?.pointer, site).toMatch(/^\/site\/url$/);
    }
    const good = await apiCall(page, "POST", "/api/v1/records", {
      form: "xss-form",
      data: { f0: "x", site: file("https://example.com/a?b=c") },
    });
    expect(good.status).toBe(201);
  });
});
