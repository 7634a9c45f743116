/**
 * @module runtime/tier-indexes
 * When a tier model is published, the record fields it reads directly (`{"var": "field"}` at the
 * top level of the record) get an expression index, so filtering and re-tiering by them stays
 * fast as the record table grows. Numeric comparison is what tier rules do with them.
 */
import { ensureRecordFieldIndex, type Store } from "../store/index.ts";

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/** Top-level record fields a definition body reads with a plain `var`. */
export function fieldsRead(body: unknown): string[] {
  const fields = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const entries = Object.entries(node);
    const [only] = entries;
    if (entries.length === 1 && only?.[0] === "var") {
      const path = Array.isArray(only[1]) ? only[1][0] : only[1];
      if (typeof path === "string" && FIELD.test(path)) fields.add(path);
    }
    for (const [, value] of entries) visit(value);
  };
  visit(body);
  return [...fields].sort();
}

/** Ensures the indexes for a tier model's fields; returns the index names. */
export async function indexTierFields(store: Store, body: unknown): Promise<string[]> {
  const names: string[] = [];
  for (const field of fieldsRead(body))
    names.push(await ensureRecordFieldIndex(store, field, "number"));
  return names;
}
