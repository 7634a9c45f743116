/**
 * @module designer/accounts/list-query
 * The accounts list's query: form, field filters, a search over the name field, sort — as the
 * records API's query string (`filter[field][op]=value`, server/routes/record-list.ts) — and the
 * saved views that keep such queries by name (in this browser, per user and workspace).
 */

/** The comparison operators of the records API. */
export const FILTER_OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "in"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface FieldFilter {
  readonly field: string;
  readonly op: FilterOp;
  readonly value: string;
}

export interface ListQuery {
  readonly form: string;
  readonly filters: readonly FieldFilter[];
  /** Text searched in `searchField` (contains). */
  readonly search: string;
  readonly searchField?: string;
  /** A field, createdAt or updatedAt; a leading "-" sorts descending. */
  readonly sort: string;
}

/** The operators that make sense for a field kind. */
export function opsFor(kind: "text" | "number" | "boolean" | "other"): readonly FilterOp[] {
  if (kind === "number") return ["eq", "ne", "gt", "gte", "lt", "lte"];
  if (kind === "boolean") return ["eq"];
  return ["eq", "ne", "contains", "in"];
}

/**
 * The query string of `GET /api/v1/records` (or `/records/export`) for a list query.
 * @example
 * recordParams({ form: "account", filters: [{ field: "region", op: "eq", value: "east" }], search: "", sort: "-annualPurchase" })
 * // "form=account&filter%5Bregion%5D%5Beq%5D=east&sort=-annualPurchase"
 */
export function recordParams(query: ListQuery): string {
  const params = new URLSearchParams({ form: query.form });
  for (const f of query.filters)
    if (f.value !== "") params.append(`filter[${f.field}][${f.op}]`, f.value);
  const search = query.search.trim();
  if (search && query.searchField) params.append(`filter[${query.searchField}][contains]`, search);
  if (query.sort) params.set("sort", query.sort);
  return params.toString();
}

/** A named list query. */
export interface SavedView {
  readonly name: string;
  readonly query: ListQuery;
}

/** Where a user's views are kept in this browser. */
export const viewsKey = (workspaceId: string, userId: string) =>
  `kamflow.accountViews.${workspaceId}.${userId}`;

/** The saved views, tolerant of a missing or damaged entry (it reads as none). */
export function readViews(storage: Pick<Storage, "getItem">, key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        typeof v?.name === "string" &&
        typeof v?.query?.form === "string" &&
        Array.isArray(v?.query?.filters),
    );
  } catch {
    return [];
  }
}

/** Saves a view under its name (replacing one of the same name); returns the new list. */
export function saveView(
  storage: Pick<Storage, "getItem" | "setItem">,
  key: string,
  view: SavedView,
): SavedView[] {
  const views = [...readViews(storage, key).filter((v) => v.name !== view.name), view];
  storage.setItem(key, JSON.stringify(views));
  return views;
}

/** Removes a view; returns the new list. */
export function deleteView(
  storage: Pick<Storage, "getItem" | "setItem">,
  key: string,
  name: string,
): SavedView[] {
  const views = readViews(storage, key).filter((v) => v.name !== name);
  storage.setItem(key, JSON.stringify(views));
  return views;
}
