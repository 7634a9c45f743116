/**
 * The pure engine in a real browser under the designer's CSP (no `unsafe-eval`): bundles
 * `designer/src/engine-browser/entry.ts` with Vite, serves it with the strict policy and drives
 * it in Chromium. Proves that kamflow's own schemas validate without code generation (the
 * precompiled validators of `schemas/compiled/`), that a form's own data schema is interpreted
 * with the same answers as on the server, and that the interpreter steps a flow.
 *
 * The engine is called by a script of the page itself (`/driver.js`), never through
 * `page.evaluate`: DevTools evaluation is exempt from the page's `unsafe-eval` restriction, so a
 * call made that way would prove nothing. The test only reads the results the driver left.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateFlow } from "../../engine/flows/index.ts";
import { compileForm } from "../../engine/forms/index.ts";
import { validateTierModel } from "../../engine/tiers/index.ts";

const CHROMIUM = "/usr/bin/chromium";
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'";
const root = fileURLToPath(new URL("../../", import.meta.url));
const entry = join(root, "designer/src/engine-browser/entry.ts");

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: the browser tests cannot run in CI`);
  console.log(`engine-in-browser: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

/** Registered before the bundle runs, so every violation is recorded. */
const probe = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});`;

/** Runs the scenarios with the page's own scripts and leaves the results for the test. */
const driver = `const e = globalThis.kamflowEngine;
const cases = await (await fetch("/cases.json")).json();
const issuesOf = (r) => (r.ok ? [] : r.issues.map((i) => ({ code: i.code, pointer: i.pointer })));
const results = {};
const run = (name, f) => {
  try {
    results[name] = f();
  } catch (error) {
    results[name] = { thrown: String((error && error.stack) || error) };
  }
};
run("packFlow", () => {
  const r = e.validateFlow(cases.packFlow);
  return { ok: r.ok, warnings: r.ok ? r.warnings.length : -1, issues: issuesOf(r) };
});
run("brokenFlow", () => issuesOf(e.validateFlow(cases.brokenFlow)));
run("form", () => issuesOf(e.validateFormDefinition(cases.form)));
run("record", () => issuesOf(e.compileForm(cases.form).validateRecord(cases.record)));
run("tierModel", () => issuesOf(e.validateTierModel(cases.tierModel)));
run("brokenTierModel", () => issuesOf(e.validateTierModel(cases.brokenTierModel)));
run("nodeTypes", () =>
  e.nodeTypeMetadata.map((n) => ({ type: n.type, zh: n.meta.label["zh-CN"], en: n.meta.label.en })),
);
run("step", () => {
  const checked = e.validateFlow(cases.tinyFlow);
  if (!checked.ok) return { issues: issuesOf(checked) };
  const clock = e.manualClock(Date.UTC(2026, 0, 5));
  const context = { now: clock.now(), rules: e.createRuleEngine({ clock }), directory: e.staticDirectory({}) };
  const r = e.step(checked.value, e.initialState("i1"), { type: "start", initiator: "u1" }, context);
  return { status: r.state.status, outcome: r.state.outcome };
});
window.__results = results;`;

/** A page that tries code generation itself: proves the policy is in force and the probe sees it. */
const evalCheck = `try {
  window.__evalCheck = typeof new Function("return 1")();
} catch (error) {
  window.__evalCheck = error.name;
}`;

const pageHtml = (scripts: string) => `<!doctype html><html><head><meta charset="utf-8">
<title>engine</title><script src="/probe.js"></script>${scripts}</head><body></body></html>`;

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const file = join(dir, path === "/" ? "index.html" : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
      "content-security-policy": CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), "utf8"));

const issuesOf = (r: { ok: boolean; issues?: readonly { code: string; pointer: string }[] }) =>
  r.ok ? [] : (r.issues ?? []).map((i) => ({ code: i.code, pointer: i.pointer }));

const PACK_FLOW = "templates/b2b-key-accounts/flows/key-account-onboarding.json";
const PACK_MODEL = "templates/b2b-key-accounts/tier-models/account-potential.json";

function brokenFlow(): unknown {
  const flow = structuredClone(readJson(PACK_FLOW)) as {
    nodes: { label: Record<string, string>; type: string }[];
  };
  delete flow.nodes[1]!.label.en;
  flow.nodes[2]!.type = "no-such-node";
  return flow;
}

const cases = {
  packFlow: readJson(PACK_FLOW),
  brokenFlow: brokenFlow(),
  form: readJson("templates/b2b-key-accounts/forms/account.json"),
  record: { name: 7, unknownField: true, tier: "Z" },
  tierModel: readJson(PACK_MODEL),
  brokenTierModel: { ...(readJson(PACK_MODEL) as object), key: "Not A Key", name: { en: "x" } },
  tinyFlow: {
    kind: "flow",
    key: "tiny",
    name: { "zh-CN": "测试", en: "Test" },
    trigger: { type: "manual" },
    nodes: [
      {
        id: "s",
        type: "start",
        label: { "zh-CN": "开始", en: "Start" },
        position: { x: 0, y: 0 },
        config: {},
      },
      {
        id: "e",
        type: "end",
        label: { "zh-CN": "结束", en: "End" },
        position: { x: 0, y: 100 },
        config: { outcome: "done" },
      },
    ],
    edges: [{ id: "1", source: "s", target: "e" }],
  },
};

describe.skipIf(!haveChromium)("the engine in a browser under a CSP without unsafe-eval", () => {
  let dir: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let results: Record<string, unknown> = {};
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kamflow-engine-browser-"));
    await build({
      root,
      configFile: false,
      publicDir: false,
      logLevel: "error",
      build: {
        outDir: dir,
        emptyOutDir: true,
        modulePreload: false,
        rollupOptions: {
          input: { entry },
          output: { entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js", format: "es" },
        },
      },
    });
    const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
    const raw = files.reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
    const gz = files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0);
    console.log(
      `engine-in-browser bundle (${files.join(", ")}): ${(raw / 1024).toFixed(0)} KiB minified, ` +
        `${(gz / 1024).toFixed(0)} KiB gzip`,
    );
    writeFileSync(join(dir, "probe.js"), probe);
    writeFileSync(join(dir, "driver.js"), driver);
    writeFileSync(join(dir, "eval-check.js"), evalCheck);
    writeFileSync(join(dir, "cases.json"), JSON.stringify(cases));
    writeFileSync(
      join(dir, "index.html"),
      pageHtml(
        '<script type="module" src="/entry.js"></script><script type="module" src="/driver.js"></script>',
      ),
    );
    writeFileSync(join(dir, "eval-check.html"), pageHtml('<script src="/eval-check.js"></script>'));
    server = await serve(dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => "__results" in globalThis, undefined, { timeout: 20_000 });
    results = await page.evaluate(
      () => (globalThis as unknown as { __results: Record<string, unknown> }).__results,
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("accepts a bundled pack's flow", () => {
    expect(results.packFlow).toEqual({ ok: true, warnings: 0, issues: [] });
  });

  it("rejects a broken flow with issues that point into it, as Node does", () => {
    expect(results.brokenFlow).toContainEqual({
      code: "SHAPE_I18N_LOCALE_MISSING",
      pointer: "/nodes/1/label/en",
    });
    expect(results.brokenFlow).toEqual(issuesOf(validateFlow(cases.brokenFlow)));
  });

  it("validates a pack's form, and a record against its own data schema, as Node does", () => {
    expect(results.form).toEqual([]);
    const record = results.record as { pointer: string }[];
    expect(record.length).toBeGreaterThan(0);
    for (const i of record) expect(i.pointer).toMatch(/^\//);
    expect(record).toEqual(issuesOf(compileForm(cases.form).validateRecord(cases.record)));
  });

  it("validates a pack's tier model and points into a broken one, as Node does", () => {
    expect(results.tierModel).toEqual([]);
    expect((results.brokenTierModel as unknown[]).length).toBeGreaterThan(0);
    expect(results.brokenTierModel).toEqual(issuesOf(validateTierModel(cases.brokenTierModel)));
  });

  it("lists the node registry's metadata for the palette", () => {
    const types = results.nodeTypes as { type: string; zh: string; en: string }[];
    expect(types.map((t) => t.type)).toEqual(expect.arrayContaining(["start", "end", "approval"]));
    for (const t of types) expect(t.zh && t.en, t.type).toBeTruthy();
  });

  it("steps a small flow from start to its end", () => {
    expect(results.step).toEqual({ status: "completed", outcome: "done" });
  });

  it("runs where code generation is really forbidden, and the probe would have seen it", async () => {
    const other = await browser.newPage();
    try {
      await other.goto(new URL("/eval-check.html", page.url()).href);
      await other.waitForFunction(() => "__evalCheck" in globalThis);
      const seen = await other.evaluate(() => {
        const g = globalThis as unknown as { __evalCheck: string; __violations: unknown[] };
        return { verdict: g.__evalCheck, violations: g.__violations.length };
      });
      expect(seen).toEqual({ verdict: "EvalError", violations: 1 });
    } finally {
      await other.close();
    }
  });

  it("violated no Content Security Policy directive and logged no error", async () => {
    const violations = await page.evaluate(
      () => (globalThis as unknown as { __violations: unknown[] }).__violations,
    );
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
