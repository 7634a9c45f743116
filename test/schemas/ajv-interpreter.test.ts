import { readdirSync, readFileSync } from "node:fs";
import type { ErrorObject } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { expandDataSchema } from "../../engine/forms/index.ts";
import { createAjv } from "../../schemas/ajv-factory.ts";
import { interpretSchema } from "../../schemas/ajv-interpreter.ts";
import type { FormDefinition } from "../../schemas/index.ts";
import { accountForm, serviceTicketForm } from "../../server/demo/definitions.ts";

const root = new URL("../../", import.meta.url);

function packForms(): { name: string; form: FormDefinition }[] {
  const out: { name: string; form: FormDefinition }[] = [];
  for (const pack of readdirSync(new URL("templates/", root)).sort()) {
    let files: string[] = [];
    try {
      files = readdirSync(new URL(`templates/${pack}/forms/`, root)).sort();
    } catch {
      continue; // a pack without forms
    }
    for (const f of files.filter((x) => x.endsWith(".json"))) {
      const url = new URL(`templates/${pack}/forms/${f}`, root);
      out.push({ name: `${pack}/${f}`, form: JSON.parse(readFileSync(url, "utf8")) });
    }
  }
  for (const f of ["account-health.form.json", "account-profile.form.json"]) {
    const url = new URL(`test/fixtures/definitions/${f}`, root);
    out.push({ name: f, form: JSON.parse(readFileSync(url, "utf8")) });
  }
  out.push({ name: "demo account", form: accountForm as unknown as FormDefinition });
  out.push({ name: "demo ticket", form: serviceTicketForm as unknown as FormDefinition });
  return out;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const scalars: readonly unknown[] = [
  null,
  true,
  false,
  0,
  1,
  -1,
  2.5,
  7,
  10,
  11,
  100,
  1e12,
  0.1,
  "",
  "a",
  "华东重工",
  "x".repeat(600),
  "2026-01-05",
  "2026-13-45",
  "2026-01-05T08:00:00Z",
  "not a date",
  "kam@example.com",
  "13800138000",
  "12345",
  "https://example.com/a.pdf",
  "ftp://x",
  "low",
  "high",
  "a/b",
  "~x",
];

function randomValue(random: () => number, depth = 0): unknown {
  const r = random();
  if (depth < 2 && r < 0.1) {
    const n = Math.floor(random() * 4);
    const pick = Math.floor(random() * scalars.length);
    return Array.from({ length: n }, () =>
      random() < 0.5 ? scalars[pick] : randomValue(random, depth + 1),
    );
  }
  if (depth < 2 && r < 0.15)
    return {
      name: "f.pdf",
      size: random() < 0.5 ? 10 : -1,
      mimeType: "application/pdf",
      url: randomValue(random, 2),
    };
  return scalars[Math.floor(random() * scalars.length)];
}

/** Records shaped by the schema (fields, rows, columns), with values often of the wrong kind. */
function randomRecord(
  schema: Record<string, unknown>,
  random: () => number,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, field] of Object.entries(props)) {
    if (random() < 0.3) continue;
    if (
      field.type === "array" &&
      field.items &&
      (field.items as { type?: string }).type === "object" &&
      random() < 0.7
    ) {
      const rows = Math.floor(random() * 3);
      record[name] = Array.from({ length: rows }, () =>
        randomRecord(field.items as Record<string, unknown>, random),
      );
    } else if (field.enum && random() < 0.5) {
      const values = field.enum as unknown[];
      record[name] = values[Math.floor(random() * values.length)];
    } else if (
      field.type === "array" &&
      field.items &&
      (field.items as { enum?: unknown[] }).enum &&
      random() < 0.6
    ) {
      const values = (field.items as { enum: unknown[] }).enum;
      record[name] = Array.from(
        { length: Math.floor(random() * 4) },
        () => values[Math.floor(random() * values.length)],
      );
    } else record[name] = randomValue(random);
  }
  if (random() < 0.1) record[random() < 0.5 ? "extra" : "a/b~c"] = 1;
  return record;
}

const shape = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
    message: e.message,
  }));

describe("interpretSchema", () => {
  const forms = packForms();

  it("finds the pack forms to compare on", () => {
    expect(forms.length).toBeGreaterThan(15);
  });

  for (const { name, form } of forms) {
    it(`answers like Ajv on random records of ${name}`, () => {
      const full = expandDataSchema(form.dataSchema) as Record<string, unknown>;
      const { required: _required, ...withoutRequired } = full;
      const random = seeded(name.length * 7919);
      for (const schema of [full, withoutRequired]) {
        const ajv = createAjv({ validateSchema: false }).compile(schema);
        const interpreted = interpretSchema(schema);
        let passed = 0;
        for (let n = 0; n < 400; n++) {
          const record = n === 0 ? {} : randomRecord(schema, random);
          const verdict = interpreted(record);
          expect(verdict, JSON.stringify(record)).toBe(ajv(record));
          expect(shape(interpreted.errors), JSON.stringify(record)).toEqual(shape(ajv.errors));
          if (verdict) passed++;
        }
        if (schema === withoutRequired) expect(passed, "some records pass").toBeGreaterThan(0);
      }
    });
  }

  it("rejects keywords outside the form subset, as strict Ajv does", () => {
    expect(() => interpretSchema({ type: "object", patternProperties: {} })).toThrow(
      /unknown keyword/,
    );
    expect(() => interpretSchema({ type: "string", format: "nope" })).toThrow(/unknown format/);
    expect(() => interpretSchema({ type: "string", pattern: "^(a)\\1$" })).toThrow();
  });
});
