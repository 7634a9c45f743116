/**
 * Import direction (DESIGN §2): schemas ← engine ← server. The engine is pure — no Node
 * built-ins, no database, HTTP or UI libraries — so the designer can bundle it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The engine's pure core; `engine/store` and `engine/runtime` are its I/O shell. */
const PURE_ENGINE = [
  "engine/rules",
  "engine/forms",
  "engine/tiers",
  "engine/flows",
  "engine/errors",
  "engine/definitions",
];

function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) out.push(path);
    }
  };
  walk(join(root, folder));
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)].map(
    (m) => m[1] as string,
  );
}

const isTestOnly = (file: string) => /\.test\.ts$|\/testing\//.test(file);

function violations(folder: string, forbidden: RegExp, options: { skipTests: boolean }) {
  return sources(folder)
    .filter((file) => !(options.skipTests && isTestOnly(file)))
    .flatMap((file) =>
      imports(file)
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
}

describe("architecture", () => {
  it("schemas import nothing from engine, server or designer", () => {
    expect(violations("schemas", /(^|\/)(engine|server|designer)\//, { skipTests: false })).toEqual(
      [],
    );
  });

  it("the engine never imports the server or the designer", () => {
    expect(violations("engine", /(^|\/)(server|designer)\//, { skipTests: false })).toEqual([]);
  });

  it("the engine's pure core has no Node built-ins, databases, HTTP or UI libraries", () => {
    const impure = /^(node:|fs$|path$|hono|@hono\/|kysely|better-sqlite3|pg$|react|@xyflow\/)/;
    for (const folder of PURE_ENGINE) {
      expect(violations(folder, impure, { skipTests: true }), folder).toEqual([]);
    }
  });

  it("the pure core never imports the engine's I/O shell (store, runtime)", () => {
    for (const folder of PURE_ENGINE) {
      expect(violations(folder, /(^|\/)(store|runtime)\//, { skipTests: false }), folder).toEqual(
        [],
      );
    }
  });

  it("no part of the engine imports HTTP or UI libraries", () => {
    expect(violations("engine", /^(hono|@hono\/|react|@xyflow\/)/, { skipTests: false })).toEqual(
      [],
    );
  });

  it("json-logic-js and json-logic-engine are only references for tests and benchmarks", () => {
    const reference = /^json-logic-(js|engine)$/;
    expect(violations("engine", reference, { skipTests: true })).toEqual([]);
    expect(violations("server", reference, { skipTests: false })).toEqual([]);
    expect(violations("schemas", reference, { skipTests: false })).toEqual([]);
  });
});
