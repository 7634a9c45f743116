/**
 * `npm run schemas:compile`: writes Ajv standalone validators of kamflow's own schemas to
 * `schemas/compiled/` (see schemas/ajv-standalone.ts). `test/schemas/compiled-validators.test.ts`
 * fails when they are stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { COMPILED_DIR, generatedFiles } from "../schemas/ajv-standalone.ts";

mkdirSync(COMPILED_DIR, { recursive: true });
for (const { file, text } of generatedFiles()) {
  writeFileSync(new URL(file, COMPILED_DIR), text);
  console.log(`wrote schemas/compiled/${file} (${Math.round(text.length / 1024)} KiB)`);
}
