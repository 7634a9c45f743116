/**
 * @module store/migrations/0002-business-roles
 * Business roles (sales-director, KAM, …) that approver specs name, apart from the access roles
 * of `memberships` (admin, designer, …); and a stable key on teams for approver specs.
 * Frozen in time: never edit, add the next migration.
 */
import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

export function businessRolesMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("user_roles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("role_key", "text", (c) => c.notNull())
        .addColumn("team_id", "text", (c) => c.references("teams.id"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("user_roles_role")
        .on("user_roles")
        .columns(["workspace_id", "role_key"])
        .execute();
      await db.schema.alterTable("teams").addColumn("key", "text").execute();
      await db.schema
        .createIndex("teams_key")
        .unique()
        .on("teams")
        .columns(["workspace_id", "key"])
        .execute();
    },
  };
}
