/**
 * @module designer/tools/designer-build
 * Builds the designer when its build is missing or older than its sources, so `npm start` on a
 * fresh clone serves it and the end-to-end tests run against the current code. Several processes
 * may ask at once (test files run in parallel): a lock directory lets one build while the others
 * wait for it, then find the build fresh.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST_INDEX = join(ROOT, "designer/dist/index.html");
/** What the build reads: the app, its static files, the build config and the dependencies. */
const INPUTS = [
  "designer/index.html",
  "designer/src",
  "designer/public",
  "vite.config.ts",
  "package.json",
];
const LOCK = join(ROOT, "designer/.build-lock");
/** A lock older than this was left by a killed build. */
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time under `path` (0 if it does not exist); tests do not count. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Whether designer/dist is missing or older than a source. */
export function designerIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  return INPUTS.some((input) => newest(join(ROOT, input)) > built);
}

/** Runs `vite build` in a child process (its output goes to ours, sizes included). */
export function buildDesigner(options: { quiet?: boolean } = {}): void {
  // vite's package exports hide its bin; the installed package sits next to package.json.
  const vite = join(
    dirname(createRequire(import.meta.url).resolve("vite/package.json")),
    "bin/vite.js",
  );
  const result = spawnSync(
    process.execPath,
    [vite, "build", ...(options.quiet ? ["--logLevel", "warn"] : [])],
    {
      cwd: ROOT,
      stdio: "inherit",
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0)
    throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the designer if it is stale; returns whether this call built it. */
export async function ensureDesignerBuilt(options: { quiet?: boolean } = {}): Promise<boolean> {
  for (;;) {
    if (!designerIsStale()) return false;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another process builds: wait for it, unless its lock was abandoned.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true, force: true });
      await pause(250);
      continue;
    }
    try {
      if (!designerIsStale()) return false;
      buildDesigner(options);
      return true;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
