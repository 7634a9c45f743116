/**
 * @module templates/bundled
 * The packs shipped with kamflow: every folder under `templates/` that holds a `pack.json`.
 * `kamflow install <key>`, the API's template gallery and the scenario tests find them here.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Validation } from "../errors/index.ts";
import { loadPackFolder } from "./load-folder.ts";
import type { PackDocument } from "./pack-document.ts";

/** The folder of the bundled packs. */
export const bundledPacksFolder = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Keys of the bundled packs, sorted. */
export function bundledPackKeys(): string[] {
  return readdirSync(bundledPacksFolder, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(bundledPacksFolder, entry.name, "pack.json")),
    )
    .map((entry) => entry.name)
    .sort();
}

/** Loads and validates a bundled pack; undefined when there is no such pack. */
export async function loadBundledPack(
  key: string,
  options: { engineVersion: string },
): Promise<Validation<PackDocument> | undefined> {
  if (!bundledPackKeys().includes(key)) return undefined;
  return loadPackFolder(join(bundledPacksFolder, key), options);
}
