/**
 * @module templates/load-folder
 * Reads a pack folder (`templates/<key>/pack.json` and the files it lists) into the single-file
 * pack shape, then validates it (templates/validate-pack). Issues inside a listed file name the
 * file (`params.file`) and point inside it, so an author sees `flows/x.json#/nodes/3/config`.
 * Node-only (reads files); the rest of engine/templates runs anywhere.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Issue, issue, ptr, type Validation } from "../errors/index.ts";
import { type PackDocument, packLists } from "./pack-document.ts";
import { validatePack } from "./validate-pack.ts";

/** Largest file a pack may hold: 4 MiB (a 200-node flow is about 100 KiB). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

type Read = { ok: true; value: unknown } | { ok: false; issue: Issue };

async function readJson(folder: string, path: string, pointer: string): Promise<Read> {
  let text: string;
  try {
    const buffer = await readFile(join(folder, path));
    if (buffer.byteLength > MAX_FILE_BYTES)
      return {
        ok: false,
        issue: issue("PACK_TOO_LARGE", pointer, {
          detail: `${path} is ${buffer.byteLength} bytes, more than ${MAX_FILE_BYTES}`,
        }),
      };
    text = buffer.toString("utf8");
  } catch {
    return { ok: false, issue: issue("PACK_FILE_MISSING", pointer, { path }) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: issue("PACK_FILE_INVALID", pointer, { path, detail }) };
  }
}

/** A pack folder read into the single-file shape, with where each embedded item came from. */
export interface FolderPack {
  readonly document: unknown;
  /** Embedded pointer (e.g. `/embedded/flows/2`) → file path in the folder. */
  readonly files: ReadonlyMap<string, string>;
}

/** Reads the folder; missing or broken files are issues, not exceptions. */
export async function readPackFolder(
  folder: string,
): Promise<{ ok: true; value: FolderPack } | { ok: false; issues: Issue[] }> {
  const manifest = await readJson(folder, "pack.json", "");
  if (!manifest.ok) return { ok: false, issues: [manifest.issue] };
  const document = manifest.value as Record<string, unknown>;
  // Not an object: validation reports it at the root.
  if (typeof document !== "object" || document === null || Array.isArray(document))
    return { ok: true, value: { document, files: new Map() } };
  const contents = (document.contents ?? {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  const files = new Map<string, string>();
  const embedded: Record<string, unknown> = { ...(document.embedded as object) };
  const newContents: Record<string, unknown> = { ...contents };

  for (const { list } of packLists) {
    const entries = contents[list];
    if (!Array.isArray(entries)) continue;
    const definitions: unknown[] = [...((embedded[list] as unknown[] | undefined) ?? [])];
    const listed: unknown[] = [];
    for (const [index, entry] of entries.entries()) {
      const path = (entry as { path?: unknown } | null)?.path;
      if (typeof path !== "string") {
        listed.push(entry);
        continue;
      }
      const read = await readJson(folder, path, ptr("contents", list, index, "path"));
      if (!read.ok) {
        issues.push(read.issue);
        continue;
      }
      files.set(ptr("embedded", list, definitions.length), path);
      definitions.push(read.value);
      const key = (read.value as { key?: unknown } | null)?.key;
      listed.push(typeof key === "string" ? { key } : entry);
    }
    embedded[list] = definitions;
    newContents[list] = listed;
  }
  const sample = (contents.sampleData as { spec?: unknown } | undefined)?.spec;
  if (typeof sample === "string") {
    const read = await readJson(folder, sample, "/contents/sampleData/spec");
    if (read.ok) {
      embedded.sampleData = read.value;
      files.set("/embedded/sampleData", sample);
    } else issues.push(read.issue);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { document: { ...document, contents: newContents, embedded }, files } };
}

/** Re-points an issue inside an embedded file at that file. */
export function locateIssue(found: Issue, files: ReadonlyMap<string, string>): Issue {
  for (const [prefix, file] of files) {
    if (found.pointer === prefix || found.pointer.startsWith(`${prefix}/`)) {
      return {
        ...found,
        pointer: found.pointer.slice(prefix.length),
        params: { ...found.params, file },
      };
    }
  }
  return found;
}

/**
 * Loads and validates a pack folder.
 * @example
 * const pack = await loadPackFolder("templates/b2b-key-accounts", { engineVersion: "0.1.0" });
 */
export async function loadPackFolder(
  folder: string,
  options: { engineVersion: string },
): Promise<Validation<PackDocument>> {
  const read = await readPackFolder(folder);
  if (!read.ok) return read;
  const result = validatePack(read.value.document, options);
  const locate = (issues: readonly Issue[]) => issues.map((i) => locateIssue(i, read.value.files));
  if (!result.ok) return { ok: false, issues: locate(result.issues) };
  return { ...result, warnings: locate(result.warnings) };
}
