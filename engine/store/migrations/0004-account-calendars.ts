/**
 * @module store/migrations/0004-account-calendars
 * Which named business calendar an account record's clocks count on (a customer abroad, a
 * plant with its own shifts); accounts without a row use the workspace's calendar.
 * Frozen in time: never edit, add the next migration.
 */
import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

export function accountCalendarsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("account_calendars")
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("record_id", "text", (c) => c.references("records.id").notNull())
        .addColumn("calendar_key", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("account_calendars_pk", ["workspace_id", "record_id"])
        .execute();
    },
  };
}
