/**
 * @module runtime/definition-diff
 * What changed between two versions of a definition, as JSON pointers: added (only in the newer),
 * removed (only in the older) and changed (in both, with another value). Objects are compared key
 * by key. Arrays whose items all carry a unique `id` (flow nodes and edges) or `key` (fields,
 * measures, tiers) are matched by it, so inserting a node reports one addition rather than every
 * later node as changed; other arrays are compared index by index. Pointers use the index of the
 * version the item is in: the older one for removals, the newer one otherwise. Pure.
 */
import { escapeToken } from "../errors/index.ts";

export interface DefinitionDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The identity property shared, uniquely, by every item of both arrays, if there is one. */
function identity(a: readonly unknown[], b: readonly unknown[]): "id" | "key" | undefined {
  for (const prop of ["id", "key"] as const) {
    const ok = [a, b].every((items) => {
      const seen = new Set<string>();
      for (const item of items) {
        const value = isPlain(item) ? item[prop] : undefined;
        if (typeof value !== "string" || seen.has(value)) return false;
        seen.add(value);
      }
      return true;
    });
    if (ok && a.length + b.length > 0) return prop;
  }
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

interface Out {
  added: string[];
  removed: string[];
  changed: string[];
}

function walk(before: unknown, after: unknown, at: string, out: Out): void {
  if (isPlain(before) && isPlain(after)) {
    for (const key of Object.keys(before))
      if (!Object.hasOwn(after, key)) out.removed.push(`${at}/${escapeToken(key)}`);
    for (const key of Object.keys(after)) {
      const here = `${at}/${escapeToken(key)}`;
      if (!Object.hasOwn(before, key)) out.added.push(here);
      else walk(before[key], after[key], here, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const prop = identity(before, after);
    if (prop) {
      const older = new Map(before.map((item, i) => [(item as Plain)[prop] as string, i]));
      const newer = new Set(after.map((item) => (item as Plain)[prop] as string));
      before.forEach((item, i) => {
        if (!newer.has((item as Plain)[prop] as string)) out.removed.push(`${at}/${i}`);
      });
      after.forEach((item, i) => {
        const j = older.get((item as Plain)[prop] as string);
        if (j === undefined) out.added.push(`${at}/${i}`);
        else walk(before[j], item, `${at}/${i}`, out);
      });
      return;
    }
    const shared = Math.min(before.length, after.length);
    for (let i = 0; i < shared; i++) walk(before[i], after[i], `${at}/${i}`, out);
    for (let i = shared; i < before.length; i++) out.removed.push(`${at}/${i}`);
    for (let i = shared; i < after.length; i++) out.added.push(`${at}/${i}`);
    return;
  }
  if (!same(before, after)) out.changed.push(at);
}

/**
 * The pointers that differ between `before` and `after`.
 * @example
 * diffDefinitions({ a: 1, b: [1] }, { a: 2, c: true, b: [1, 2] });
 * // { added: ["/b/1", "/c"], removed: [], changed: ["/a"] }
 */
export function diffDefinitions(before: unknown, after: unknown): DefinitionDiff {
  const out: Out = { added: [], removed: [], changed: [] };
  walk(before, after, "", out);
  return { added: out.added.sort(), removed: out.removed.sort(), changed: out.changed.sort() };
}
