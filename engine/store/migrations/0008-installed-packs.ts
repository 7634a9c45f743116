/**
 * @module store/migrations/0008-installed-packs
 * Template packs installed in a workspace: one row per (workspace, pack key) holding the version
 * installed last, and for each definition it published the version and checksum it put there —
 * so an upgrade can tell a definition the pack owns (update it) from one an admin has changed
 * since (a conflict, settled by the install's policy).
 * Frozen in time: never edit, add the next migration.
 */
import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

export function installedPacksMigration(dialect: "sqlite" | "postgres"): Migration {
  const json = dialect === "postgres" ? "jsonb" : "text";
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("installed_packs")
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("pack_key", "text", (c) => c.notNull())
        .addColumn("version", "text", (c) => c.notNull())
        .addColumn("manifest", json, (c) => c.notNull())
        .addColumn("items", json, (c) => c.notNull())
        .addColumn("installed_by", "text")
        .addColumn("installed_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("installed_packs_pk", ["workspace_id", "pack_key"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("installed_packs").execute();
    },
  };
}
