/**
 * @module store/record-query.repo
 * Listing records the way the API asks for them: scoped to a workspace and to what the caller may
 * see (row-level visibility), filtered on top-level fields of the record data, sorted by a field
 * or a column, and paged by keyset (the last row's sort value and id), so a page never repeats or
 * skips a row however many pages are read. Field expressions come from `recordField`, the same
 * ones the field indexes are made on; values are always bound parameters.
 *
 * Missing values sort last in both directions, on both databases (SQLite and PostgreSQL disagree
 * on where NULL goes by default), and the id breaks ties, so the order is total and stable.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { fromJson } from "./json.ts";
import { type RecordSortColumn, recordColumn, recordField } from "./raw-sql.ts";
import type { StoredRecord } from "./records.repo.ts";
import type { Database, RecordsTable } from "./schema.ts";
import type { Db } from "./store-errors.ts";

/** Which records a caller may see. */
export type RecordScope =
  | { readonly kind: "all" }
  | {
      readonly kind: "limited";
      readonly userId: string;
      /** Records of these teams. */
      readonly teamIds: readonly string[];
      /** Records without a team owned by these users. */
      readonly ownerIds: readonly string[];
    };

/** How a field is compared: as text, as a number, or as a boolean. */
export type FieldKind = "text" | "number" | "boolean";
export const filterOps = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains"] as const;
export type FilterOp = (typeof filterOps)[number];
export type FilterValue = string | number | boolean;

/** One condition on a top-level field of the record data. */
export interface FieldFilter {
  readonly field: string;
  readonly kind: FieldKind;
  readonly op: FilterOp;
  /** One value, or several for `in`. */
  readonly values: readonly FilterValue[];
}

/** What records are sorted by: a data field, or a column. */
export type SortKey =
  | { readonly field: string; readonly kind: "text" | "number" }
  | { readonly column: RecordSortColumn };

export interface RecordSort {
  readonly key: SortKey;
  readonly direction: "asc" | "desc";
}

/** Where the previous page ended: its last row's sort value and id. */
export interface RecordPosition {
  readonly value: string | number | null;
  readonly id: string;
}

export interface RecordQuery {
  readonly workspaceId: string;
  readonly scope: RecordScope;
  readonly formKey?: string;
  /** One record (a visibility check by the same rules as lists). */
  readonly id?: string;
  readonly ownerId?: string;
  readonly teamId?: string;
  readonly filters?: readonly FieldFilter[];
  /** @default by id, ascending (creation order: ids are time-ordered) */
  readonly sort?: RecordSort;
  readonly after?: RecordPosition;
  /** @default 100 */
  readonly limit?: number;
}

type Dialect = "sqlite" | "postgres";
type Eb = ExpressionBuilder<Database, "records">;

// The mapping of records.repo (kept private there); the two must stay alike.
function toRecord(row: RecordsTable): StoredRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    formKey: row.form_key,
    data: fromJson<Record<string, unknown>>(row.data),
    version: row.version,
    ownerId: row.owner_id,
    teamId: row.team_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

const COMPARE = { eq: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

/** A filter value as the field's SQL expression yields it. */
function bound(dialect: Dialect, kind: FieldKind, value: FilterValue): string | number {
  if (kind === "boolean") {
    // json_extract gives 1/0 for JSON booleans; `->>` gives 'true'/'false'.
    if (dialect === "sqlite") return value === true ? 1 : 0;
    return value === true ? "true" : "false";
  }
  return value as string | number;
}

function fieldCondition(eb: Eb, dialect: Dialect, filter: FieldFilter): Expression<SqlBool> {
  const expr = recordField(dialect, filter.field, filter.kind === "number" ? "number" : "text");
  const values = filter.values.map((v) => bound(dialect, filter.kind, v));
  const [first = ""] = values;
  switch (filter.op) {
    case "ne":
      return eb.or([eb(expr, "<>", first), eb(expr, "is", null)]);
    case "in":
      return eb(expr, "in", values);
    case "contains":
      return dialect === "sqlite"
        ? sql<SqlBool>`instr(${expr}, ${first}) > 0`
        : sql<SqlBool>`strpos(${expr}, ${first}) > 0`;
    default:
      return eb(expr, COMPARE[filter.op], first);
  }
}

function scopeCondition(eb: Eb, workspaceId: string, scope: RecordScope): Expression<SqlBool> {
  if (scope.kind === "all") return sql<SqlBool>`1 = 1`;
  const { userId, teamIds, ownerIds } = scope;
  return eb.or([
    eb("records.owner_id", "=", userId),
    ...(teamIds.length > 0 ? [eb("records.team_id", "in", [...teamIds])] : []),
    ...(ownerIds.length > 0
      ? [eb.and([eb("records.team_id", "is", null), eb("records.owner_id", "in", [...ownerIds])])]
      : []),
    // People named in the account's own team (KAM, executive sponsor) see the account.
    eb.exists(
      eb
        .selectFrom("account_team_members")
        .select("account_team_members.record_id")
        .whereRef("account_team_members.record_id", "=", "records.id")
        .where("account_team_members.workspace_id", "=", workspaceId)
        .where("account_team_members.user_id", "=", userId),
    ),
  ]);
}

function sortExpression(dialect: Dialect, key: SortKey) {
  return "field" in key ? recordField(dialect, key.field, key.kind) : recordColumn(key.column);
}

/** The sort value of a record, as the sort expression yields it (for the next page's cursor). */
export function sortValueOf(record: StoredRecord, key: SortKey): string | number | null {
  if ("field" in key) {
    const value = (record.data as Record<string, unknown>)[key.field];
    if (key.kind === "number") return typeof value === "number" ? value : null;
    return typeof value === "string" ? value : null;
  }
  if (key.column === "id") return record.id;
  return key.column === "created_at" ? record.createdAt : record.updatedAt;
}

function afterCondition(
  eb: Eb,
  dialect: Dialect,
  sort: RecordSort,
  after: RecordPosition,
): Expression<SqlBool> {
  const cmp = sort.direction === "asc" ? ">" : "<";
  const idAfter = eb("records.id", cmp, after.id);
  if (!("field" in sort.key)) {
    if (sort.key.column === "id") return idAfter;
    const column = sortExpression(dialect, sort.key);
    return eb.or([eb(column, cmp, after.value), eb.and([eb(column, "=", after.value), idAfter])]);
  }
  const expr = sortExpression(dialect, sort.key);
  // Missing values come last: after one of them, only other missing ones follow.
  if (after.value === null) return eb.and([eb(expr, "is", null), idAfter]);
  return eb.or([
    eb.and([
      eb(expr, "is not", null),
      eb.or([eb(expr, cmp, after.value), eb.and([eb(expr, "=", after.value), idAfter])]),
    ]),
    eb(expr, "is", null),
  ]);
}

/**
 * A page of live records matching `query`, in its sort order.
 * @example
 * const page = await queryRecords(store, {
 *   workspaceId, scope: { kind: "all" }, formKey: "account",
 *   filters: [{ field: "annualPurchase", kind: "number", op: "gt", values: [1_000_000] }],
 *   sort: { key: { field: "annualPurchase", kind: "number" }, direction: "desc" },
 *   limit: 50,
 * });
 */
export async function queryRecords(
  store: { readonly db: Db; readonly dialect: Dialect },
  query: RecordQuery,
): Promise<StoredRecord[]> {
  const { dialect } = store;
  const sort: RecordSort = query.sort ?? { key: { column: "id" }, direction: "asc" };
  let q = store.db
    .selectFrom("records")
    .selectAll("records")
    .where("records.workspace_id", "=", query.workspaceId)
    .where("records.deleted_at", "is", null)
    .where((eb) => scopeCondition(eb, query.workspaceId, query.scope));
  if (query.formKey !== undefined) q = q.where("records.form_key", "=", query.formKey);
  if (query.id !== undefined) q = q.where("records.id", "=", query.id);
  if (query.ownerId !== undefined) q = q.where("records.owner_id", "=", query.ownerId);
  if (query.teamId !== undefined) q = q.where("records.team_id", "=", query.teamId);
  for (const filter of query.filters ?? [])
    q = q.where((eb) => fieldCondition(eb, dialect, filter));
  const after = query.after;
  if (after) q = q.where((eb) => afterCondition(eb, dialect, sort, after));
  const expr = sortExpression(dialect, sort.key);
  if ("field" in sort.key) q = q.orderBy(sql`case when ${expr} is null then 1 else 0 end`);
  if (!("column" in sort.key && sort.key.column === "id")) q = q.orderBy(expr, sort.direction);
  const rows = await q
    .orderBy("records.id", sort.direction)
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toRecord);
}

/** A model's stored assignments of live records: evaluated tier and override, by record id. */
export async function listModelAssignments(
  db: Db,
  key: { workspaceId: string; modelKey: string },
): Promise<
  Array<{
    recordId: string;
    tier: string;
    overrideTier: string | null;
    overrideExpiresAt: number | null;
  }>
> {
  const rows = await db
    .selectFrom("tier_assignments")
    .select(["record_id", "tier", "override_tier", "override_expires_at"])
    .where("workspace_id", "=", key.workspaceId)
    .where("model_key", "=", key.modelKey)
    .execute();
  return rows.map((r) => ({
    recordId: r.record_id,
    tier: r.tier,
    overrideTier: r.override_tier,
    overrideExpiresAt: r.override_expires_at,
  }));
}
