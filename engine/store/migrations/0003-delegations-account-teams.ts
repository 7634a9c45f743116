/**
 * @module store/migrations/0003-delegations-account-teams
 * Delegations (an approver's tasks go to a delegate during a half-open window [starts_at,
 * ends_at), optionally only for one form or flow) and account teams (who holds which role — KAM,
 * executive sponsor — on an account record), both read by the runtime's directory.
 * Frozen in time: never edit, add the next migration.
 */
import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

export function delegationsAccountTeamsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("delegations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("delegate_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("starts_at", "bigint", (c) => c.notNull())
        .addColumn("ends_at", "bigint", (c) => c.notNull())
        .addColumn("form_key", "text")
        .addColumn("flow_key", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      // The directory loads a workspace's delegations that have not ended yet.
      await db.schema
        .createIndex("delegations_ends")
        .on("delegations")
        .columns(["workspace_id", "ends_at"])
        .execute();
      await db.schema
        .createTable("account_team_members")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("record_id", "text", (c) => c.references("records.id").notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("role_key", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      // One person holds a role on an account once; lookups go by (workspace, account).
      await db.schema
        .createIndex("account_team_members_unique")
        .unique()
        .on("account_team_members")
        .columns(["workspace_id", "record_id", "role_key", "user_id"])
        .execute();
    },
  };
}
