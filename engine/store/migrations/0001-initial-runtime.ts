/**
 * @module store/migrations/0001-initial-runtime
 * Part of migration 0001 (frozen in time): the runtime tables — flow instances and their history,
 * tasks, timers, outbox, idempotency keys, the audit chain and jobs.
 */
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time (Kysely docs)
type AnyDb = Kysely<any>;

/** Flow instances, their history, tasks, timers, outbox, idempotency, audit and jobs. */
export async function createRuntimeTables(db: AnyDb, json: "jsonb" | "text"): Promise<void> {
  await db.schema
    .createTable("flow_instances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
    .addColumn("flow_key", "text", (c) => c.notNull())
    .addColumn("flow_version", "integer", (c) => c.notNull())
    .addColumn("definition_id", "text", (c) => c.references("definitions.id").notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("state", json, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("record_id", "text", (c) => c.references("records.id"))
    .addColumn("parent_instance_id", "text", (c) => c.references("flow_instances.id"))
    .addColumn("initiator_id", "text")
    .addColumn("start_key", "text")
    .addColumn("incident", json)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("completed_at", "bigint")
    .addUniqueConstraint("flow_instances_start_key", ["workspace_id", "start_key"])
    .execute();
  for (const [name, columns] of [
    ["flow_instances_status", ["workspace_id", "status", "flow_key"]],
    ["flow_instances_record", ["workspace_id", "record_id"]],
    ["flow_instances_parent", ["parent_instance_id"]],
    ["flow_instances_completed", ["completed_at"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("flow_instances")
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable("instance_history")
    .addColumn("instance_id", "text", (c) => c.references("flow_instances.id").notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("node_id", "text")
    .addColumn("data", json, (c) => c.notNull())
    .addPrimaryKeyConstraint("instance_history_pk", ["instance_id", "seq"])
    .execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
    .addColumn("instance_id", "text", (c) => c.references("flow_instances.id").notNull())
    .addColumn("token_id", "text", (c) => c.notNull())
    .addColumn("node_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("assignee_id", "text")
    .addColumn("candidates", json, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("data", json, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("due_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("completed_at", "bigint")
    .addColumn("completed_by", "text")
    .execute();
  await db.schema
    .createIndex("tasks_inbox")
    .on("tasks")
    .columns(["workspace_id", "assignee_id", "status", "due_at"])
    .execute();
  await db.schema
    .createIndex("tasks_instance")
    .on("tasks")
    .columns(["instance_id", "status"])
    .execute();

  await createClaimTables(db, json);
}

/** The claimable tables (timers, outbox, jobs) and the append-only logs. */
async function createClaimTables(db: AnyDb, json: "jsonb" | "text"): Promise<void> {
  await db.schema
    .createTable("timers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("instance_id", "text", (c) => c.references("flow_instances.id").notNull())
    .addColumn("token_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("claim_epoch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_by", "text")
    .addColumn("lease_until", "bigint")
    .addColumn("payload", json, (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  // The scheduler's hot queries read only these partial indexes: pending rows by due time, and
  // claimed rows by lease expiry (to take over the work of a dead or paused process).
  await db.schema
    .createIndex("timers_due")
    .on("timers")
    .column("due_at")
    .where(sql<boolean>`status = 'pending'`)
    .execute();
  await db.schema
    .createIndex("timers_lease")
    .on("timers")
    .column("lease_until")
    .where(sql<boolean>`status = 'claimed'`)
    .execute();
  await db.schema.createIndex("timers_instance").on("timers").columns(["instance_id"]).execute();

  await db.schema
    .createTable("timer_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("instance_id", "text", (c) => c.notNull())
    .addColumn("token_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("fired_at", "bigint", (c) => c.notNull())
    .addColumn("claim_epoch", "integer", (c) => c.notNull())
    .addColumn("fired_by", "text")
    .addColumn("payload", json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("timer_history_instance")
    .on("timer_history")
    .columns(["instance_id"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("instance_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", json, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("claim_epoch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_by", "text")
    .addColumn("lease_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("outbox_idempotency", ["workspace_id", "idempotency_key"])
    .execute();
  await db.schema
    .createIndex("outbox_due")
    .on("outbox")
    .column("next_attempt_at")
    .where(sql<boolean>`status = 'pending'`)
    .execute();
  await db.schema
    .createIndex("outbox_lease")
    .on("outbox")
    .column("lease_until")
    .where(sql<boolean>`status = 'claimed'`)
    .execute();
  await db.schema
    .createIndex("outbox_instance")
    .on("outbox")
    .columns(["instance_id", "status"])
    .execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("command", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("response", json)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["workspace_id", "key"])
    .execute();
  await db.schema
    .createIndex("idempotency_keys_created")
    .on("idempotency_keys")
    .column("created_at")
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_kind", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", json)
    .addColumn("after", json)
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addUniqueConstraint("audit_events_seq", ["workspace_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_entity")
    .on("audit_events")
    .columns(["workspace_id", "entity_kind", "entity_id"])
    .execute();

  await db.schema
    .createTable("audit_heads")
    .addColumn("workspace_id", "text", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", json)
    .addColumn("total", "bigint")
    .addColumn("done", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("payload", json, (c) => c.notNull())
    .addColumn("result", json)
    .addColumn("error", json)
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claim_epoch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_by", "text")
    .addColumn("lease_until", "bigint")
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("completed_at", "bigint")
    .execute();
  await db.schema
    .createIndex("jobs_workspace")
    .on("jobs")
    .columns(["workspace_id", "status", "created_at"])
    .execute();
  await db.schema
    .createIndex("jobs_due")
    .on("jobs")
    .column("created_at")
    .where(sql<boolean>`status = 'pending'`)
    .execute();
}
