/**
 * @module store/raw-sql
 * The one reviewed module where names are spliced into SQL (`sql.id`, `sql.lit`, `sql.ref`).
 * Everything else in kamflow uses Kysely's builders or bound parameters. Each name spliced here
 * first passes `assertIdentifier`, a strict allowlist pattern, so no user text reaches SQL as code.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import { KamError } from "../errors/index.ts";
import type { Database } from "./schema.ts";

/** Letters, digits and underscores, starting with a letter. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Throws STORE_IDENTIFIER_INVALID unless `name` matches the identifier pattern within `max` chars.
 * @example
 * assertIdentifier("annualPurchase", "record field", 48);
 */
export function assertIdentifier(name: string, what: string, max: number): void {
  if (name.length > max || !IDENTIFIER.test(name)) {
    throw new KamError("STORE_IDENTIFIER_INVALID", "", { name, what, max });
  }
}

/** The columns of `records` a list may sort by besides its fields. */
const RECORD_SORT_COLUMNS = ["created_at", "updated_at", "id"] as const;
export type RecordSortColumn = (typeof RECORD_SORT_COLUMNS)[number];

/**
 * A sortable column of `records`, qualified (`records.updated_at`), for an ORDER BY beside a
 * field expression. The name is checked against the closed list even though the type is one.
 */
export function recordColumn(column: RecordSortColumn): RawBuilder<unknown> {
  if (!RECORD_SORT_COLUMNS.includes(column)) assertIdentifier("", "record column", 0);
  return sql.ref(`records.${column}`);
}

/** Longest field name an index is made for: "records_fn_" plus it stays within PostgreSQL's 63. */
export const MAX_INDEXED_FIELD = 48;

/** How a record field is compared: as text, or (numbers) numerically. */
export type RecordFieldType = "text" | "number";

/**
 * The expression for a top-level field of a record's JSON data. `"text"`: `json_extract(data,
 * '$.f')` on SQLite (JSON-typed), `(data ->> 'f')` on PostgreSQL (text). `"number"`: the field
 * when it holds a JSON number and NULL otherwise, on both (on PostgreSQL a plain `::numeric` cast
 * would fail on the first record holding text there; on SQLite text would sort after every
 * number). Filters that should use a field index must use this exact expression.
 * @example
 * db.selectFrom("records").selectAll()
 *   .where("workspace_id", "=", ws).where("form_key", "=", "account")
 *   .where(recordField(store.dialect, "nps", "number"), "<", 30)
 */
export function recordField(
  dialect: "sqlite" | "postgres",
  field: string,
  type: RecordFieldType = "text",
): RawBuilder<unknown> {
  assertIdentifier(field, "record field", MAX_INDEXED_FIELD);
  const data = sql.ref("data");
  if (dialect === "sqlite") {
    const path = sql.lit(`$.${field}`);
    return type === "text"
      ? sql`json_extract(${data}, ${path})`
      : sql`(case when json_type(${data}, ${path}) in ('integer', 'real') then json_extract(${data}, ${path}) end)`;
  }
  if (type === "text") return sql`(${data} ->> ${sql.lit(field)})`;
  return sql`(case when jsonb_typeof(${data} -> ${sql.lit(field)}) = 'number' then (${data} ->> ${sql.lit(field)})::numeric end)`;
}

/**
 * Creates (if missing) an expression index on one field of record data, for the fields tier
 * models and list filters read. One index per field serves every form, since it leads with
 * `(workspace_id, form_key)`; a partial index per form would need the form key as a literal in
 * each query (SQLite cannot match a bound parameter against an index's WHERE clause).
 * @returns the index name: `records_f_<field>` (text) or `records_fn_<field>` (number).
 * @example
 * await ensureRecordFieldIndex(store, "annualPurchase", "number");
 */
export async function ensureRecordFieldIndex(
  store: { readonly db: Kysely<Database>; readonly dialect: "sqlite" | "postgres" },
  field: string,
  type: RecordFieldType = "text",
): Promise<string> {
  const expression = recordField(store.dialect, field, type);
  const name = `${type === "number" ? "records_fn_" : "records_f_"}${field}`;
  await sql`create index if not exists ${sql.id(name)} on ${sql.table("records")} (${sql.ref(
    "workspace_id",
  )}, ${sql.ref("form_key")}, ${expression})`.execute(store.db);
  return name;
}

/**
 * The database's clock as epoch milliseconds. PostgreSQL's `now()` is the transaction's start,
 * so due-ness judged with it never runs ahead of the database clock.
 */
export function databaseNow(dialect: "sqlite" | "postgres"): RawBuilder<number> {
  return dialect === "postgres"
    ? sql<number>`(extract(epoch from now()) * 1000)::bigint`
    : sql<number>`cast(unixepoch('subsec') * 1000 as integer)`;
}

/** PostgreSQL schema names kamflow accepts (kept short so derived names stay under 63). */
export const MAX_SCHEMA_NAME = 48;

/**
 * Lower case only: the schema also goes unquoted into the connections' `search_path`, where
 * PostgreSQL folds case, while `sql.id` quotes it; both must name the same schema.
 */
const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** Throws STORE_IDENTIFIER_INVALID unless `schema` is a lower-case identifier. */
export function assertSchemaName(schema: string): void {
  if (schema.length > MAX_SCHEMA_NAME || !SCHEMA_NAME.test(schema)) {
    throw new KamError("STORE_IDENTIFIER_INVALID", "", {
      name: schema,
      what: "schema name",
      max: MAX_SCHEMA_NAME,
    });
  }
}

/** Creates a PostgreSQL schema if it is missing. */
export async function createSchemaIfMissing(db: Kysely<Database>, schema: string): Promise<void> {
  assertSchemaName(schema);
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
}

/** Drops a PostgreSQL schema and everything in it (test databases). */
export async function dropSchema(db: Kysely<Database>, schema: string): Promise<void> {
  assertSchemaName(schema);
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
}

/**
 * True where the JSON array column `tasks.candidates` holds `userId` (bound, never spliced):
 * `json_each` on SQLite, jsonb containment on PostgreSQL.
 */
export function isCandidate(dialect: "sqlite" | "postgres", userId: string): RawBuilder<boolean> {
  return dialect === "postgres"
    ? sql<boolean>`tasks.candidates @> jsonb_build_array(${userId}::text)`
    : sql<boolean>`exists (select 1 from json_each(tasks.candidates) where json_each.value = ${userId})`;
}
