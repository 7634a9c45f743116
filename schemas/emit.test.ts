import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emittedSchemas, SCHEMA_JSON_DIR } from "./emitted.ts";
import { allSchemas } from "./schema-list.ts";

describe("schemas/json", () => {
  it("holds exactly the emitted schemas, unchanged (run `npm run schemas:emit` after editing)", () => {
    const expected = emittedSchemas();
    const onDisk = (readdirSync(SCHEMA_JSON_DIR, { recursive: true }) as string[])
      .map((f) => f.split("\\").join("/"))
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(onDisk).toEqual(expected.map((e) => e.file).sort());
    for (const { file, text } of expected) {
      expect(readFileSync(new URL(file, SCHEMA_JSON_DIR), "utf8"), file).toBe(text);
    }
  });

  it("gives every schema an $id, a title and a description", () => {
    for (const schema of allSchemas) {
      const s = schema as { $id?: string; title?: string; description?: string };
      expect(s.$id, JSON.stringify(schema).slice(0, 60)).toMatch(
        /^https:\/\/kamflow\.dev\/schemas\//,
      );
      expect(s.title, s.$id).toBeTruthy();
      expect(s.description, s.$id).toBeTruthy();
    }
  });
});
