/**
 * @module runtime/latest-versions
 * The latest published version of each key, from a list of published definitions.
 */
import type { StoredDefinition } from "../store/index.ts";

export function latestVersions(definitions: readonly StoredDefinition[]): StoredDefinition[] {
  const byKey = new Map<string, StoredDefinition>();
  for (const d of definitions) {
    const seen = byKey.get(d.key);
    if (!seen || seen.version < d.version) byKey.set(d.key, d);
  }
  return [...byKey.values()];
}
