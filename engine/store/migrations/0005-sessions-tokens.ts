/**
 * @module store/migrations/0005-sessions-tokens
 * Browser sessions (a cookie holding a random id whose SHA-256 is stored, with a CSRF token and
 * an expiry) and API tokens for integrations (stored as SHA-256 only, revocable).
 * Frozen in time: never edit, add the next migration.
 */
import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

export function sessionsTokensMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("sessions_expires")
        .on("sessions")
        .columns(["expires_at"])
        .execute();
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .addColumn("revoked_at", "bigint")
        .execute();
    },
  };
}
