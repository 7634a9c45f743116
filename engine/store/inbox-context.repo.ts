/**
 * @module store/inbox-context.repo
 * What an inbox shows around its tasks, read for a whole page at once (four queries, not four
 * per task): each task's request (flow, version, initiator, record), the flow definitions'
 * names and node labels, the records' titles, and each task's next SLA deadline with what it
 * will do (the pending SLA timers of its token and the ladder the step started).
 */
import type { Kysely, Transaction } from "kysely";
import { fromJson } from "./json.ts";
import type { Database } from "./schema.ts";
import type { StoredTask } from "./tasks.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The next thing a task's SLA will do, and when. */
export interface NextDeadline {
  readonly at: number;
  /** The level's action (remind, escalate, reassign, auto-approve…), or "breach" at the target. */
  readonly action: string;
  /** The level's index in the node's ladder (0 for the first); null for the target itself. */
  readonly level: number | null;
}

/** A task's surroundings. */
export interface TaskContext {
  readonly flowKey: string;
  readonly flowVersion: number;
  readonly flowName: unknown;
  readonly nodeLabel: unknown;
  readonly instanceStatus: string;
  readonly initiatorId: string | null;
  readonly startedAt: number;
  readonly record: { readonly id: string; readonly form: string; readonly title: string } | null;
  readonly next: NextDeadline | null;
}

interface FlowBody {
  readonly name?: unknown;
  readonly nodes?: ReadonlyArray<{ readonly id: string; readonly label?: unknown }>;
}

interface SlaStarted {
  readonly targetDueAt?: number;
  readonly levels?: ReadonlyArray<{ level: number; action: string; dueAt: number }>;
}

/** Fields that name a record, in the order they are preferred. */
const TITLE_FIELDS = ["name", "title", "subject"];

/**
 * What a list shows as a record's name: its name, title or subject field, else its first
 * non-empty text (key order is not reliable: PostgreSQL's jsonb reorders keys).
 */
export function recordTitle(data: unknown, fallback: string): string {
  const fields = (data ?? {}) as Record<string, unknown>;
  for (const key of TITLE_FIELDS) {
    const value = fields[key];
    if (typeof value === "string" && value.trim() !== "") return value.slice(0, 120);
  }
  for (const value of Object.values(fields))
    if (typeof value === "string" && value.trim() !== "") return value.slice(0, 120);
  return fallback;
}

/**
 * The context of each task, by task id.
 * @example const byTask = await readInboxContext(db, { workspaceId, tasks });
 */
export async function readInboxContext(
  db: Db,
  key: { workspaceId: string; tasks: readonly StoredTask[] },
): Promise<Map<string, TaskContext>> {
  const result = new Map<string, TaskContext>();
  if (key.tasks.length === 0) return result;
  const ws = key.workspaceId;
  const instanceIds = [...new Set(key.tasks.map((t) => t.instanceId))];
  const instances = await db
    .selectFrom("flow_instances")
    .select([
      "id",
      "flow_key",
      "flow_version",
      "definition_id",
      "status",
      "record_id",
      "initiator_id",
      "created_at",
    ])
    .where("workspace_id", "=", ws)
    .where("id", "in", instanceIds)
    .execute();
  const definitionIds = [...new Set(instances.map((i) => i.definition_id))];
  const recordIds = [...new Set(instances.flatMap((i) => (i.record_id ? [i.record_id] : [])))];
  const [definitions, records, timers, ladders] = await Promise.all([
    db
      .selectFrom("definitions")
      .select(["id", "body"])
      .where("workspace_id", "=", ws)
      .where("id", "in", definitionIds)
      .execute(),
    recordIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("records")
          .select(["id", "form_key", "data"])
          .where("workspace_id", "=", ws)
          .where("id", "in", recordIds)
          .execute(),
    db
      .selectFrom("timers")
      .select(["instance_id", "token_id", "due_at"])
      .where("workspace_id", "=", ws)
      .where("instance_id", "in", instanceIds)
      .where("kind", "=", "sla")
      .where("status", "=", "pending")
      .execute(),
    db
      .selectFrom("instance_history")
      .select(["instance_id", "node_id", "seq", "data"])
      .where("workspace_id", "=", ws)
      .where("instance_id", "in", instanceIds)
      .where("kind", "=", "sla.started")
      .orderBy("seq")
      .execute(),
  ]);
  const instanceById = new Map(instances.map((i) => [i.id, i]));
  const bodyById = new Map(definitions.map((d) => [d.id, fromJson<FlowBody>(d.body)]));
  const recordById = new Map(records.map((r) => [r.id, r]));
  // The latest ladder each node started (a returned step starts a new one).
  const ladder = new Map<string, SlaStarted>();
  for (const row of ladders)
    ladder.set(`${row.instance_id}\u0000${row.node_id}`, fromJson<SlaStarted>(row.data));

  for (const task of key.tasks) {
    const instance = instanceById.get(task.instanceId);
    if (!instance) continue;
    const body = bodyById.get(instance.definition_id);
    const record = instance.record_id ? recordById.get(instance.record_id) : undefined;
    const due = timers
      .filter((t) => t.instance_id === task.instanceId && t.token_id === task.tokenId)
      .map((t) => t.due_at)
      .sort((a, b) => a - b)[0];
    let next: NextDeadline | null = null;
    if (due !== undefined) {
      const started = ladder.get(`${task.instanceId}\u0000${task.nodeId}`);
      const level = started?.levels?.find((l) => l.dueAt === due);
      next = level
        ? { at: due, action: level.action, level: level.level }
        : { at: due, action: started?.targetDueAt === due ? "breach" : "deadline", level: null };
    }
    result.set(task.id, {
      flowKey: instance.flow_key,
      flowVersion: instance.flow_version,
      flowName: body?.name ?? null,
      nodeLabel: body?.nodes?.find((n) => n.id === task.nodeId)?.label ?? null,
      instanceStatus: instance.status,
      initiatorId: instance.initiator_id,
      startedAt: instance.created_at,
      record: record
        ? {
            id: record.id,
            form: record.form_key,
            title: recordTitle(fromJson(record.data), record.id),
          }
        : null,
      next,
    });
  }
  return result;
}
