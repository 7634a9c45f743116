/**
 * @module schemas/emit
 * `npm run schemas:emit`: writes every schema as plain JSON to `schemas/json/<name>.json`, for
 * template authors and editors (VS Code `$schema`). `emit.test.ts` fails when they drift.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { emittedSchemas, SCHEMA_JSON_DIR } from "./emitted.ts";

mkdirSync(SCHEMA_JSON_DIR, { recursive: true });
for (const { file, text } of emittedSchemas()) {
  const target = new URL(file, SCHEMA_JSON_DIR);
  mkdirSync(new URL(".", target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote schemas/json/${file}`);
}
