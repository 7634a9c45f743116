/**
 * @module store/migrations/0001-initial
 * The first schema of kamflow. Frozen in time: never edit a released migration, add the next one.
 * Column types depend on the dialect only for JSON (`jsonb` on PostgreSQL, `text` on SQLite);
 * `bigint` and `double precision` get INTEGER and REAL affinity on SQLite.
 */
import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from "kysely";
import { createRuntimeTables } from "./0001-initial-runtime.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

/** The initial schema for one dialect. */
export function initialMigration(dialect: "sqlite" | "postgres"): Migration {
  const json = dialect === "postgres" ? "jsonb" : "text";
  const emptyObject = dialect === "postgres" ? sql`'{}'::jsonb` : sql`'{}'`;

  return {
    async up(db: AnyDb) {
      const ws = (c: ColumnDefinitionBuilder) => c.references("workspaces.id").notNull();

      await db.schema
        .createTable("workspaces")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("settings", json, (c) => c.notNull().defaultTo(emptyObject))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", ws)
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text")
        .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
        .addColumn("locale", "text", (c) => c.notNull().defaultTo("zh-CN"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("users_workspace_email", ["workspace_id", "email"])
        .execute();

      await db.schema
        .createTable("teams")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", ws)
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("parent_id", "text", (c) => c.references("teams.id"))
        .addColumn("manager_id", "text", (c) => c.references("users.id"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("teams_parent")
        .on("teams")
        .columns(["workspace_id", "parent_id"])
        .execute();

      await db.schema
        .createTable("memberships")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", ws)
        .addColumn("user_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("team_id", "text", (c) => c.references("teams.id"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("memberships_user")
        .on("memberships")
        .columns(["workspace_id", "user_id"])
        .execute();
      await db.schema
        .createIndex("memberships_team")
        .on("memberships")
        .columns(["workspace_id", "team_id", "role"])
        .execute();

      await db.schema
        .createTable("definitions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", ws)
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("body", json, (c) => c.notNull())
        .addColumn("checksum", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("created_by", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("published_at", "bigint")
        .addUniqueConstraint("definitions_version", ["workspace_id", "kind", "key", "version"])
        .execute();

      await db.schema
        .createTable("records")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", ws)
        .addColumn("form_key", "text", (c) => c.notNull())
        .addColumn("data", json, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("owner_id", "text", (c) => c.references("users.id"))
        .addColumn("team_id", "text", (c) => c.references("teams.id"))
        .addColumn("created_by", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("deleted_at", "bigint")
        .execute();
      for (const [name, columns] of [
        ["records_form", ["workspace_id", "form_key", "updated_at"]],
        ["records_owner", ["workspace_id", "owner_id", "form_key"]],
        ["records_team", ["workspace_id", "team_id", "form_key"]],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on("records")
          .columns([...columns])
          .execute();
      }

      await db.schema
        .createTable("tier_assignments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", ws)
        .addColumn("record_id", "text", (c) => c.references("records.id").notNull())
        .addColumn("model_key", "text", (c) => c.notNull())
        .addColumn("model_version", "integer", (c) => c.notNull())
        .addColumn("score", "double precision")
        .addColumn("tier", "text", (c) => c.notNull())
        .addColumn("breakdown", json, (c) => c.notNull())
        .addColumn("assigned_at", "bigint", (c) => c.notNull())
        .addColumn("override_tier", "text")
        .addColumn("override_reason", "text")
        .addColumn("override_by", "text")
        .addColumn("override_expires_at", "bigint")
        .addColumn("version", "integer", (c) => c.notNull())
        .addUniqueConstraint("tier_assignments_model", ["workspace_id", "record_id", "model_key"])
        .execute();
      await db.schema
        .createIndex("tier_assignments_tier")
        .on("tier_assignments")
        .columns(["workspace_id", "model_key", "tier"])
        .execute();

      await db.schema
        .createTable("tier_history")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull())
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("model_key", "text", (c) => c.notNull())
        .addColumn("model_version", "integer", (c) => c.notNull())
        .addColumn("from_tier", "text")
        .addColumn("to_tier", "text", (c) => c.notNull())
        .addColumn("score", "double precision")
        .addColumn("cause", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("reason", "text")
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("tier_history_record")
        .on("tier_history")
        .columns(["workspace_id", "record_id", "at"])
        .execute();

      await createRuntimeTables(db, json);
    },
  };
}
