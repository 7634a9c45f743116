/**
 * @module server/http/designer
 * Serves the built designer (designer/dist) at `/`: hashed files under `/assets` with a year-long
 * immutable cache (gzip when the browser takes it), other top-level files of the build as they
 * are, and `index.html` for every other GET outside `/api` (the single-page app routes itself).
 *
 * The page keeps the strict Content Security Policy. antd injects `<style>` elements at run time,
 * so each HTML response gets a fresh nonce: it replaces the placeholder Vite writes
 * (`html.cspNonce` in vite.config.ts) into the page's `<meta property="csp-nonce">` and tags, and
 * that response alone carries `style-src 'self' 'nonce-…'`. The app reads the meta and hands the
 * nonce to antd's ConfigProvider. The HTML is never cached (each copy holds its own nonce).
 *
 * This is a middleware (method ALL), not routes, so the API's route table (OpenAPI, the tests'
 * response check) does not list the designer's pages. Without a build it answers a 503 problem
 * saying how to build, instead of failing.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { policyWithStyleNonce } from "./secure-headers.ts";

/** What Vite writes where the nonce goes; must equal `html.cspNonce` in vite.config.ts. */
export const NONCE_PLACEHOLDER = "KAMFLOW_CSP_NONCE";

/** Where `npm run designer:build` writes the designer. */
export const DEFAULT_DESIGNER_DIR = fileURLToPath(new URL("../../designer/dist/", import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};
/** Hashed names change with their content, so browsers may keep them for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** A built file name: no directories, no dot-files, so a path can never leave the build. */
const SAFE_NAME = /^[\w-][\w.-]*$/;
/** Below this size gzip does not pay. */
const GZIP_FROM = 1024;

interface Asset {
  readonly body: Uint8Array;
  readonly gzip: Uint8Array | null;
  readonly type: string;
}

const MESSAGES = {
  "zh-CN": {
    title: "设计器尚未构建",
    detail: "运行 `npm run designer:build`（或 `npm start`，它会先构建）后刷新此页。",
  },
  en: {
    title: "The designer is not built",
    detail: "Run `npm run designer:build` (or `npm start`, which builds it first), then reload.",
  },
} as const;

/** The designer middleware over the build in `dir`. */
export function designer(dir: string = DEFAULT_DESIGNER_DIR): MiddlewareHandler<AppEnv> {
  const assets = new Map<string, Asset | null>();
  let page: { template: string; mtimeMs: number } | undefined;

  /** index.html, re-read when a new build replaced it (a dev rebuilding while serving). */
  function template(): string | undefined {
    const file = join(dir, "index.html");
    if (!existsSync(file)) return undefined;
    const { mtimeMs } = statSync(file);
    if (page?.mtimeMs !== mtimeMs) {
      page = { template: readFileSync(file, "utf8"), mtimeMs };
      assets.clear();
    }
    return page.template;
  }

  function asset(relative: string): Asset | null {
    if (!assets.has(relative)) {
      const file = join(dir, relative);
      let found: Asset | null = null;
      if (existsSync(file) && statSync(file).isFile()) {
        const body = readFileSync(file);
        const type = TYPES[extname(file)] ?? "application/octet-stream";
        const compressible = /text|javascript|json|svg/.test(type) && body.length >= GZIP_FROM;
        found = { body, type, gzip: compressible ? gzipSync(body, { level: 9 }) : null };
      }
      assets.set(relative, found);
    }
    return assets.get(relative) ?? null;
  }

  function sendAsset(c: Context<AppEnv>, found: Asset, cache: string) {
    const gzip = found.gzip && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    const headers: Record<string, string> = {
      "content-type": found.type,
      "cache-control": cache,
      vary: "Accept-Encoding",
    };
    if (gzip) headers["content-encoding"] = "gzip";
    const body = gzip ? (found.gzip as Uint8Array) : found.body;
    return c.body(new Uint8Array(body), 200, headers);
  }

  function sendPage(c: Context<AppEnv>, html: string) {
    const nonce = randomBytes(16).toString("base64");
    const body = html.replaceAll(NONCE_PLACEHOLDER, nonce);
    return c.body(body, 200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache, no-store",
      "content-security-policy": policyWithStyleNonce(nonce),
    });
  }

  function notBuilt(c: Context<AppEnv>) {
    const text = MESSAGES[c.get("locale") === "en" ? "en" : "zh-CN"];
    const problem = {
      type: "urn:kam:error:DESIGNER_NOT_BUILT",
      title: text.title,
      status: 503,
      detail: text.detail,
      code: "DESIGNER_NOT_BUILT",
      issues: [],
    };
    return c.json(problem, 503, { "content-type": "application/problem+json" });
  }

  return async (c, next) => {
    const { path } = c.req;
    // Hono answers HEAD with its GET handler, so GET covers both.
    if (c.req.method !== "GET" || path.startsWith("/api/")) {
      await next();
      return;
    }
    const html = template();
    if (html === undefined) return notBuilt(c);
    const parts = path.split("/").filter(Boolean);
    if (parts[0] === "assets" && parts.length === 2 && SAFE_NAME.test(parts[1] ?? "")) {
      const found = asset(`assets/${parts[1]}`);
      if (found) return sendAsset(c, found, IMMUTABLE);
    } else if (parts.length === 1 && SAFE_NAME.test(parts[0] ?? "") && parts[0] !== "index.html") {
      const found = asset(parts[0] ?? "");
      // Top-level files (favicon…) are not hashed: cached briefly.
      if (found) return sendAsset(c, found, "public, max-age=3600");
    }
    // A missing file is a 404; any other path is a page of the app.
    if (extname(path) !== "" && !path.endsWith(".html")) {
      await next();
      return;
    }
    return sendPage(c, html);
  };
}
