import { readdirSync, readFileSync } from "node:fs";
import type { ErrorObject } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../schemas/ajv-factory.ts";
import { COMPILED_DIR, generatedFiles, standaloneModules } from "../../schemas/ajv-standalone.ts";
import { validators } from "../../schemas/compiled/validators.js";
import { validators as withDefaults } from "../../schemas/compiled/validators-with-defaults.js";
import {
  accountForm,
  accountHealthModel,
  orderApprovalFlow,
  serviceTicketForm,
  strategicTicketFlow,
} from "../../server/demo/definitions.ts";

/** Schemas whose valid documents the corpus holds (the others only see mismatched documents). */
const definitionKinds = [
  "flow-definition",
  "form-definition",
  "tier-model",
  "template-pack",
  "template-sample-data",
];

const precompiled = { "validators.js": validators, "validators-with-defaults.js": withDefaults };

const root = new URL("../../", import.meta.url);
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, "utf8"));

function jsonFiles(dir: string): { name: string; doc: unknown }[] {
  const base = new URL(dir, root);
  return (readdirSync(base, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: `${dir}${f}`, doc: readJson(new URL(f, base)) }));
}

function templateDocs(): { name: string; doc: unknown }[] {
  const packs = readdirSync(new URL("templates/", root), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return packs.flatMap((pack) =>
    ["flows/", "forms/", "tier-models/", ""].flatMap((sub) => {
      const dir = `templates/${pack}/${sub}`;
      try {
        return sub === ""
          ? ["pack.json", "sample-data.json"].flatMap((f) => {
              try {
                return [{ name: `${dir}${f}`, doc: readJson(new URL(`${dir}${f}`, root)) }];
              } catch {
                return []; // this pack has no such file
              }
            })
          : jsonFiles(dir);
      } catch {
        return []; // this pack has no such folder
      }
    }),
  );
}

/** The valid documents: fixtures, the demo workspace, every template pack file. */
function validDocuments(): { name: string; doc: unknown }[] {
  return [
    ...jsonFiles("test/fixtures/definitions/"),
    ...jsonFiles("engine/flows/fixtures/"),
    ...templateDocs(),
    ...Object.entries({
      accountForm,
      serviceTicketForm,
      accountHealthModel,
      strategicTicketFlow,
      orderApprovalFlow,
    }).map(([name, doc]) => ({ name: `demo:${name}`, doc })),
  ];
}

/** A deterministic pseudo-random source, so failures reproduce. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Path = readonly (string | number)[];

function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

const replacements: readonly unknown[] = [null, 42, -1, 1.5, "", "x".repeat(300), true, [], {}];

/** Broken variants: a value deleted, replaced by another type, or an unknown key added. */
function brokenVariants(doc: unknown, count: number, random: () => number): unknown[] {
  const all = paths(doc).filter((p) => p.length > 0);
  const out: unknown[] = [];
  for (let n = 0; n < count && all.length > 0; n++) {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    const path = all[Math.floor(random() * all.length)] as Path;
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    const mode = Math.floor(random() * 3);
    if (mode === 0 && !Array.isArray(parent)) delete parent[last];
    else if (mode === 1 && typeof parent[last] === "object" && parent[last] !== null)
      (parent[last] as Record<string, unknown>)["x-unknown"] = 1;
    else parent[last] = replacements[Math.floor(random() * replacements.length)];
    out.push(copy);
  }
  return out;
}

const shape = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    schemaPath: e.schemaPath,
    params: e.params,
    message: e.message,
  }));

describe("schemas/compiled", () => {
  it("is what `npm run schemas:compile` generates now (run it after editing a schema)", () => {
    for (const { file, text } of generatedFiles()) {
      expect(readFileSync(new URL(file, COMPILED_DIR), "utf8") === text, file).toBe(true);
    }
  });

  it("contains no eval or Function constructor", () => {
    for (const { file } of standaloneModules) {
      const code = readFileSync(new URL(file, COMPILED_DIR), "utf8");
      expect(/\bnew Function\b|\beval\(|\bFunction\(/.test(code), file).toBe(false);
    }
  });

  const documents = validDocuments();
  const random = seeded(7);
  const cases = documents.flatMap(({ name, doc }) => [
    { name, doc },
    ...brokenVariants(doc, 25, random).map((d, i) => ({ name: `${name} (broken #${i})`, doc: d })),
  ]);

  it("has a realistic corpus: every kind of definition, valid and broken", () => {
    expect(documents.length).toBeGreaterThan(40);
    expect(cases.length).toBeGreaterThan(1000);
  });

  for (const module of standaloneModules) {
    const table = precompiled[module.file as keyof typeof precompiled];
    const runtime = createAjv(module.options);
    for (const id of module.ids) {
      it(`${module.file}: ${id} answers like the validator compiled at runtime`, () => {
        const compiled = table[id];
        const reference = runtime.getSchema(id);
        if (!compiled || !reference) throw new Error(`missing validator for ${id}`);
        let accepted = 0;
        for (const { name, doc } of cases) {
          const a = structuredClone(doc);
          const b = structuredClone(doc);
          const verdict = compiled(a);
          if (verdict) accepted++;
          expect(verdict, name).toBe(reference(b));
          expect(shape(compiled.errors), name).toEqual(shape(reference.errors));
          // With useDefaults the validated copy is part of the answer.
          expect(a, name).toEqual(b);
        }
        if (definitionKinds.some((kind) => id.endsWith(`/${kind}.json`)))
          expect(accepted, "valid documents of this kind in the corpus").toBeGreaterThan(0);
      });
    }
  }
});
