/**
 * @module store
 * kamflow's storage layer: Kysely over SQLite (default) or PostgreSQL, migrations, and the
 * repositories the runtime applies a step's effects with. The engine's I/O shell: the pure core
 * (rules, forms, tiers, flows) never imports it.
 */
export { newId } from "./ids.ts";
export { canonicalJson, fromJson, fromJsonOrNull, sha256Hex, toJson } from "./json.ts";
export {
  DEFAULT_STORE_URL,
  openStore,
  type Store,
  type StoreDialect,
  type StoreOptions,
} from "./open-store.ts";
export { databaseNow, ensureRecordFieldIndex, recordField } from "./raw-sql.ts";
export type * from "./schema.ts";
