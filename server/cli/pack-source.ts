/**
 * @module cli/pack-source
 * What `kamflow install <pack>` and `kamflow seed --pack <pack>` accept: a bundled pack's key
 * (`b2b-key-accounts`), a pack folder, or a single-file pack (what `kamflow export` writes).
 * Validated in full; every issue is printed as `file#pointer: message`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { type Issue, type Locale, localizeIssue } from "../../engine/errors/index.ts";
import { bundledPackKeys, loadBundledPack } from "../../engine/templates/bundled.ts";
import { loadPackFolder } from "../../engine/templates/load-folder.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
import { validatePack } from "../../engine/templates/validate-pack.ts";
import { engineVersion } from "../../engine/version.ts";
import { UsageError } from "./command.ts";

/** One issue as a line: `file#pointer: message`. */
export function formatPackIssue(found: Issue, locale: Locale): string {
  const local = localizeIssue(found, locale);
  const file = typeof local.params?.file === "string" ? `${local.params.file}#` : "";
  const prefix = local.severity === "warning" ? "warning: " : "";
  return `${file}${local.pointer === "" ? "(root)" : local.pointer}: ${prefix}${local.message}`;
}

/**
 * Loads and validates a pack by key, folder or file.
 * @returns the pack, or the issues that make it invalid.
 * @throws UsageError when `source` is none of the three.
 */
export async function loadPackSource(
  source: string,
): Promise<
  | { ok: true; pack: PackDocument; warnings: readonly Issue[] }
  | { ok: false; issues: readonly Issue[] }
> {
  const opts = { engineVersion };
  const loaded = bundledPackKeys().includes(source)
    ? await loadBundledPack(source, opts)
    : !existsSync(source)
      ? undefined
      : statSync(source).isDirectory()
        ? await loadPackFolder(source, opts)
        : validatePack(parseFile(source), opts);
  if (loaded === undefined)
    throw new UsageError(
      `"${source}" is neither a bundled pack (${bundledPackKeys().join(", ")}) nor a pack folder or file.`,
    );
  return loaded.ok
    ? { ok: true, pack: loaded.value, warnings: loaded.warnings }
    : { ok: false, issues: loaded.issues };
}

function parseFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`Cannot read the pack file "${path}": ${(error as Error).message}`);
  }
}
