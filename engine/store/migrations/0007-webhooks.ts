/**
 * @module store/migrations/0007-webhooks
 * Webhook subscriptions (a workspace's target URL, the event types it wants, an optional filter
 * by flow or form key, and the signing secret, stored as it is because every delivery's HMAC is
 * computed from it) and the delivery log (one row per delivery: the event, its body, the outbox
 * message that carries it, and what the receiver answered).
 * Frozen in time: never edit, add the next migration.
 */
import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

export function webhooksMigration(dialect: "sqlite" | "postgres"): Migration {
  const json = dialect === "postgres" ? "jsonb" : "text";
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("webhook_subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("events", json, (c) => c.notNull())
        .addColumn("flow_keys", json)
        .addColumn("form_keys", json)
        .addColumn("description", "text")
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("allow_private_network", "integer", (c) => c.notNull())
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("created_by", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_subscriptions_workspace")
        .on("webhook_subscriptions")
        .columns(["workspace_id", "active"])
        .execute();

      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull())
        .addColumn("subscription_id", "text", (c) =>
          c.references("webhook_subscriptions.id").notNull(),
        )
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("event_type", "text", (c) => c.notNull())
        .addColumn("payload", json, (c) => c.notNull())
        .addColumn("outbox_id", "text")
        .addColumn("redelivery_of", "text")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("response_status", "integer")
        .addColumn("last_error", "text")
        .addColumn("last_attempt_at", "bigint")
        .addColumn("delivered_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_subscription")
        .on("webhook_deliveries")
        .columns(["workspace_id", "subscription_id", "id"])
        .execute();
    },
  };
}
