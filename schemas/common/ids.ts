/** Base of every kamflow schema `$id`. Schemas reference each other by these ids. */
export const SCHEMA_BASE = "https://kamflow.dev/schemas/";
