/**
 * @module store/tasks.repo
 * Human work items of flow instances (form tasks and approvals), versioned so that two
 * concurrent completions of one task cannot both win: the second gets STORE_CONFLICT.
 */
import { newId } from "./ids.ts";
import { fromJson, toJson } from "./json.ts";
import { isCandidate } from "./raw-sql.ts";
import type { TaskKind, TaskStatus, TasksTable } from "./schema.ts";
import { type Db, missedUpdate, notFound } from "./store-errors.ts";

export interface StoredTask<D = unknown> {
  readonly id: string;
  readonly workspaceId: string;
  readonly instanceId: string;
  readonly tokenId: string;
  readonly nodeId: string;
  readonly kind: TaskKind;
  readonly assigneeId: string | null;
  /** Users who may claim the task when it has no assignee. */
  readonly candidates: readonly string[];
  readonly status: TaskStatus;
  readonly outcome: string | null;
  readonly data: D;
  readonly version: number;
  readonly dueAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
  readonly completedBy: string | null;
}

export interface TaskInput<D = unknown> {
  readonly workspaceId: string;
  readonly instanceId: string;
  readonly tokenId: string;
  readonly nodeId: string;
  readonly kind: TaskKind;
  readonly assigneeId?: string | null;
  readonly candidates?: readonly string[];
  readonly data?: D;
  readonly dueAt?: number | null;
  readonly now: number;
  readonly id?: string;
}

function toTask<D>(row: TasksTable): StoredTask<D> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    instanceId: row.instance_id,
    tokenId: row.token_id,
    nodeId: row.node_id,
    kind: row.kind,
    assigneeId: row.assignee_id,
    candidates: fromJson<string[]>(row.candidates),
    status: row.status,
    outcome: row.outcome,
    data: fromJson<D>(row.data),
    version: row.version,
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
  };
}

/** Inserts open tasks at version 1 (one statement for all). */
export async function insertTasks<D>(
  trx: Db,
  tasks: readonly TaskInput<D>[],
): Promise<StoredTask<D>[]> {
  if (tasks.length === 0) return [];
  const rows = await trx
    .insertInto("tasks")
    .values(
      tasks.map((t) => ({
        id: t.id ?? newId(),
        workspace_id: t.workspaceId,
        instance_id: t.instanceId,
        token_id: t.tokenId,
        node_id: t.nodeId,
        kind: t.kind,
        assignee_id: t.assigneeId ?? null,
        candidates: toJson(t.candidates ?? []),
        status: "open" as const,
        outcome: null,
        data: toJson(t.data ?? {}),
        version: 1,
        due_at: t.dueAt ?? null,
        created_at: t.now,
        updated_at: t.now,
        completed_at: null,
        completed_by: null,
      })),
    )
    .returningAll()
    .execute();
  return rows.map((row) => toTask<D>(row));
}

/** A task by id, or `undefined`. */
export async function getTask<D = unknown>(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredTask<D> | undefined> {
  const row = await db
    .selectFrom("tasks")
    .selectAll()
    .where("id", "=", key.id)
    .where("workspace_id", "=", key.workspaceId)
    .executeTakeFirst();
  return row && toTask<D>(row);
}

/** A task by id. @throws KamError STORE_NOT_FOUND. */
export async function requireTask<D = unknown>(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredTask<D>> {
  const task = await getTask<D>(db, key);
  if (task === undefined) throw notFound("task", key.id);
  return task;
}

/** The fields of a task an action may change. */
export interface TaskPatch<D = unknown> {
  readonly status?: TaskStatus;
  readonly assigneeId?: string | null;
  readonly candidates?: readonly string[];
  readonly outcome?: string | null;
  readonly data?: D;
  readonly dueAt?: number | null;
  readonly completedAt?: number | null;
  readonly completedBy?: string | null;
}

/**
 * Applies a patch if the task is still at `expectedVersion`; returns it at the next version.
 * @throws KamError STORE_CONFLICT if another action came first, STORE_NOT_FOUND if it is gone.
 * @example
 * await updateTask(trx, { workspaceId, id, expectedVersion: task.version, now,
 *   patch: { status: "completed", outcome: "approve", completedAt: now, completedBy: userId } });
 */
export async function updateTask<D = unknown>(
  trx: Db,
  input: {
    workspaceId: string;
    id: string;
    expectedVersion: number;
    patch: TaskPatch<D>;
    now: number;
  },
): Promise<StoredTask<D>> {
  const p = input.patch;
  const row = await trx
    .updateTable("tasks")
    .set({
      version: input.expectedVersion + 1,
      updated_at: input.now,
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.assigneeId !== undefined ? { assignee_id: p.assigneeId } : {}),
      ...(p.candidates !== undefined ? { candidates: toJson(p.candidates) } : {}),
      ...(p.outcome !== undefined ? { outcome: p.outcome } : {}),
      ...(p.data !== undefined ? { data: toJson(p.data) } : {}),
      ...(p.dueAt !== undefined ? { due_at: p.dueAt } : {}),
      ...(p.completedAt !== undefined ? { completed_at: p.completedAt } : {}),
      ...(p.completedBy !== undefined ? { completed_by: p.completedBy } : {}),
    })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("version", "=", input.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return missedUpdate(trx, "tasks", "task", input);
  return toTask<D>(row);
}

/** A user's inbox: tasks assigned to them, due soonest first (no due date last), then oldest. */
export async function listInbox(
  db: Db,
  filter: {
    workspaceId: string;
    assigneeId: string;
    statuses?: readonly TaskStatus[];
    limit?: number;
    /** Also list unassigned tasks the user is a candidate for (claim tasks); needs the dialect. */
    candidatesOn?: "sqlite" | "postgres";
  },
): Promise<StoredTask[]> {
  const dialect = filter.candidatesOn;
  const statuses = filter.statuses ?? ["open", "claimed"];
  const limit = filter.limit ?? 100;
  const base = () =>
    db
      .selectFrom("tasks")
      .selectAll()
      .where("workspace_id", "=", filter.workspaceId)
      .where("status", "in", statuses)
      .orderBy("due_at", (ob) => ob.asc().nullsLast())
      .orderBy("created_at")
      .limit(limit);
  // Two queries, each walking the (workspace, assignee, status, due) index: one `or` across them
  // left the planner only the workspace prefix, scanning every task the workspace ever had.
  const [assigned, pool] = await Promise.all([
    base().where("assignee_id", "=", filter.assigneeId).execute(),
    dialect
      ? base()
          .where("assignee_id", "is", null)
          .where(isCandidate(dialect, filter.assigneeId))
          .execute()
      : Promise.resolve([]),
  ]);
  const due = (row: { due_at: number | null }) =>
    row.due_at === null ? Number.POSITIVE_INFINITY : Number(row.due_at);
  return [...assigned, ...pool]
    .sort((a, b) => due(a) - due(b) || Number(a.created_at) - Number(b.created_at))
    .slice(0, limit)
    .map((row) => toTask(row));
}

/** An instance's tasks, oldest first, optionally of one status. */
export async function listInstanceTasks(
  db: Db,
  filter: { workspaceId: string; instanceId: string; status?: TaskStatus },
): Promise<StoredTask[]> {
  let query = db
    .selectFrom("tasks")
    .selectAll()
    .where("workspace_id", "=", filter.workspaceId)
    .where("instance_id", "=", filter.instanceId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  const rows = await query.orderBy("id").execute();
  return rows.map((row) => toTask(row));
}

/**
 * Cancels an instance's open and claimed tasks (or one token's), bumping their versions so an
 * action racing with the cancel gets STORE_CONFLICT; returns how many.
 */
export async function cancelOpenTasks(
  trx: Db,
  target: { workspaceId: string; instanceId: string; tokenId?: string; now: number },
): Promise<number> {
  let query = trx
    .updateTable("tasks")
    .set((eb) => ({ status: "cancelled", version: eb("version", "+", 1), updated_at: target.now }))
    .where("workspace_id", "=", target.workspaceId)
    .where("instance_id", "=", target.instanceId)
    .where("status", "in", ["open", "claimed"]);
  if (target.tokenId !== undefined) query = query.where("token_id", "=", target.tokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
