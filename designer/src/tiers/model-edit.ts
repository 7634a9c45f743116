/**
 * @module designer/tiers/model-edit
 * Immutable edits of a JSON document at a path (`["rows", 2, "when", "margin"]`): set or delete
 * a value, insert, remove and move array items. Untouched branches keep their identity, so the
 * editor's components re-render only where the document changed. Pure, unit-tested in node.
 */

/** A path into a JSON document: object keys and array indices. */
export type Path = readonly (string | number)[];

type Json = unknown;

/** The value at `path`, or undefined. */
export function getIn(doc: Json, path: Path): Json {
  let current: Json = doc;
  for (const token of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, Json>)[token];
  }
  return current;
}

function shallowCopy(value: Json, next: string | number): Record<string | number, Json> | Json[] {
  if (Array.isArray(value)) return value.slice();
  if (value !== null && typeof value === "object") return { ...(value as object) };
  return typeof next === "number" ? [] : {};
}

/** Replaces the container at `path` by `change(container)`, copying the spine above it. */
function updateIn(doc: Json, path: Path, change: (value: Json) => Json): Json {
  if (path.length === 0) return change(doc);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = shallowCopy(doc, head) as Record<string | number, Json>;
  const child = updateIn(copy[head], rest, change);
  if (child === undefined && !Array.isArray(copy)) delete copy[head];
  else copy[head] = child;
  return copy;
}

/**
 * Sets the value at `path`; `undefined` deletes an object property (a cleared optional field).
 * @example setIn({ a: { b: 1 } }, ["a", "b"], 2) // { a: { b: 2 } }
 */
export function setIn<T>(doc: T, path: Path, value: Json): T {
  if (path.length === 0) return value as T;
  return updateIn(doc, path, () => value) as T;
}

const arrayAt = (value: Json): Json[] => (Array.isArray(value) ? value.slice() : []);

/** Inserts `item` into the array at `path` at `index` (at the end when index is omitted). */
export function insertIn<T>(doc: T, path: Path, item: Json, index?: number): T {
  return updateIn(doc, path, (value) => {
    const list = arrayAt(value);
    list.splice(index ?? list.length, 0, item);
    return list;
  }) as T;
}

/** Removes the item at `index` of the array at `path`. */
export function removeIn<T>(doc: T, path: Path, index: number): T {
  return updateIn(doc, path, (value) => {
    const list = arrayAt(value);
    list.splice(index, 1);
    return list;
  }) as T;
}

/** Moves the item at `from` to `to` in the array at `path` (out-of-range moves do nothing). */
export function moveIn<T>(doc: T, path: Path, from: number, to: number): T {
  const list = getIn(doc, path);
  if (!Array.isArray(list) || to < 0 || to >= list.length || from === to) return doc;
  return updateIn(doc, path, (value) => {
    const copy = arrayAt(value);
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    return copy;
  }) as T;
}

/** A path as a JSON pointer (RFC 6901), the form issues locate themselves by. */
export function pointerOf(path: Path): string {
  return path.map((t) => `/${String(t).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
