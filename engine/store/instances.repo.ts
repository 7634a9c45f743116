/**
 * @module store/instances.repo
 * Flow instances (pinned to one definition version, JSON state, a version for optimistic
 * locking) and their history: the "why" log of every engine decision, numbered per instance.
 */
import { newId } from "./ids.ts";
import { fromJson, fromJsonOrNull, toJson } from "./json.ts";
import type { FlowInstancesTable, InstanceStatus } from "./schema.ts";
import { type Db, missedUpdate, notFound } from "./store-errors.ts";

export interface StoredInstance<S = unknown> {
  readonly id: string;
  readonly workspaceId: string;
  readonly flowKey: string;
  readonly flowVersion: number;
  readonly definitionId: string;
  readonly status: InstanceStatus;
  readonly state: S;
  readonly version: number;
  readonly recordId: string | null;
  readonly parentInstanceId: string | null;
  readonly initiatorId: string | null;
  readonly startKey: string | null;
  readonly incident: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
}

export interface InstanceInput<S> {
  readonly workspaceId: string;
  readonly flowKey: string;
  readonly flowVersion: number;
  readonly definitionId: string;
  readonly status: InstanceStatus;
  readonly state: S;
  readonly recordId?: string | null;
  readonly parentInstanceId?: string | null;
  readonly initiatorId?: string | null;
  /** Unique per workspace: a second start with the same key starts nothing (`insertInstanceOnce`). */
  readonly startKey?: string | null;
  readonly now: number;
  readonly id?: string;
}

function toInstance<S>(row: FlowInstancesTable): StoredInstance<S> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    flowKey: row.flow_key,
    flowVersion: row.flow_version,
    definitionId: row.definition_id,
    status: row.status,
    state: fromJson<S>(row.state),
    version: row.version,
    recordId: row.record_id,
    parentInstanceId: row.parent_instance_id,
    initiatorId: row.initiator_id,
    startKey: row.start_key,
    incident: fromJsonOrNull(row.incident),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

function values<S>(input: InstanceInput<S>) {
  return {
    id: input.id ?? newId(),
    workspace_id: input.workspaceId,
    flow_key: input.flowKey,
    flow_version: input.flowVersion,
    definition_id: input.definitionId,
    status: input.status,
    state: toJson(input.state),
    version: 1,
    record_id: input.recordId ?? null,
    parent_instance_id: input.parentInstanceId ?? null,
    initiator_id: input.initiatorId ?? null,
    start_key: input.startKey ?? null,
    incident: null,
    created_at: input.now,
    updated_at: input.now,
    completed_at: null,
  };
}

/** Inserts an instance at version 1. */
export async function insertInstance<S>(
  trx: Db,
  input: InstanceInput<S>,
): Promise<StoredInstance<S>> {
  const row = await trx
    .insertInto("flow_instances")
    .values(values(input))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInstance<S>(row);
}

/**
 * Inserts an instance unless one with the same `startKey` exists in the workspace (schedule
 * triggers: one instance per record and period); `undefined` when it existed. Unlike catching a
 * unique violation, this leaves a PostgreSQL transaction usable.
 */
export async function insertInstanceOnce<S>(
  trx: Db,
  input: InstanceInput<S> & { startKey: string },
): Promise<StoredInstance<S> | undefined> {
  const row = await trx
    .insertInto("flow_instances")
    .values(values(input))
    .onConflict((oc) => oc.columns(["workspace_id", "start_key"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toInstance<S>(row);
}

/** An instance by id, or `undefined`. */
export async function getInstance<S = unknown>(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredInstance<S> | undefined> {
  const row = await db
    .selectFrom("flow_instances")
    .selectAll()
    .where("id", "=", key.id)
    .where("workspace_id", "=", key.workspaceId)
    .executeTakeFirst();
  return row && toInstance<S>(row);
}

/** An instance by id. @throws KamError STORE_NOT_FOUND. */
export async function requireInstance<S = unknown>(
  db: Db,
  key: { workspaceId: string; id: string },
): Promise<StoredInstance<S>> {
  const instance = await getInstance<S>(db, key);
  if (instance === undefined) throw notFound("instance", key.id);
  return instance;
}

/**
 * Writes an instance's new state and status if it is still at `expectedVersion`: the one
 * optimistic-lock check of a step. `incident` set (or cleared with `null`) with the status.
 * @throws KamError STORE_CONFLICT if another step came first, STORE_NOT_FOUND if it is gone.
 */
export async function updateInstance<S>(
  trx: Db,
  input: {
    workspaceId: string;
    id: string;
    expectedVersion: number;
    status: InstanceStatus;
    state: S;
    incident?: unknown;
    completedAt?: number | null;
    now: number;
  },
): Promise<StoredInstance<S>> {
  const row = await trx
    .updateTable("flow_instances")
    .set({
      status: input.status,
      state: toJson(input.state),
      version: input.expectedVersion + 1,
      updated_at: input.now,
      ...(input.incident !== undefined
        ? { incident: input.incident === null ? null : toJson(input.incident) }
        : {}),
      ...(input.completedAt !== undefined ? { completed_at: input.completedAt } : {}),
    })
    .where("id", "=", input.id)
    .where("workspace_id", "=", input.workspaceId)
    .where("version", "=", input.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return missedUpdate(trx, "flow_instances", "instance", input);
  return toInstance<S>(row);
}

/** Instances of a workspace, newest first, by status, flow or record. */
export async function listInstances(
  db: Db,
  filter: {
    workspaceId: string;
    status?: InstanceStatus;
    flowKey?: string;
    recordId?: string;
    /** Instances on any of these records (an empty list matches none). */
    recordIds?: readonly string[];
    limit?: number;
  },
): Promise<StoredInstance[]> {
  if (filter.recordIds !== undefined && filter.recordIds.length === 0) return [];
  let query = db
    .selectFrom("flow_instances")
    .selectAll()
    .where("workspace_id", "=", filter.workspaceId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.flowKey !== undefined) query = query.where("flow_key", "=", filter.flowKey);
  if (filter.recordId !== undefined) query = query.where("record_id", "=", filter.recordId);
  if (filter.recordIds !== undefined) query = query.where("record_id", "in", [...filter.recordIds]);
  const rows = await query
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((row) => toInstance(row));
}

/** One entry of an instance's history. */
export interface HistoryEntry {
  readonly instanceId: string;
  /** 1, 2, 3… per instance; the caller numbers entries (e.g. from a counter in the state). */
  readonly seq: number;
  readonly at: number;
  /** e.g. "node.entered", "branch.chosen", "approvers.resolved", "timer.fired", "tier.assigned". */
  readonly kind: string;
  readonly nodeId: string | null;
  /** The decision's inputs and result, with the rule or definition version it used. */
  readonly data: unknown;
}

/**
 * Appends history entries in the step's transaction. (instance, seq) is the primary key, so a
 * step applied twice fails here instead of logging twice.
 */
export async function appendHistory(
  trx: Db,
  workspaceId: string,
  entries: readonly HistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto("instance_history")
    .values(
      entries.map((e) => ({
        instance_id: e.instanceId,
        seq: e.seq,
        workspace_id: workspaceId,
        at: e.at,
        kind: e.kind,
        node_id: e.nodeId,
        data: toJson(e.data),
      })),
    )
    .execute();
}

/** An instance's history in order, from `afterSeq` (exclusive). */
export async function readHistory(
  db: Db,
  key: { workspaceId: string; instanceId: string; afterSeq?: number; limit?: number },
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("instance_history")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("instance_id", "=", key.instanceId)
    .where("seq", ">", key.afterSeq ?? 0)
    .orderBy("seq")
    .limit(key.limit ?? 1000)
    .execute();
  return rows.map((row) => ({
    instanceId: row.instance_id,
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    nodeId: row.node_id,
    data: fromJson(row.data),
  }));
}

/** The seq the next history entry of an instance gets (1 for none yet). */
export async function nextHistorySeq(
  db: Db,
  key: { workspaceId: string; instanceId: string },
): Promise<number> {
  const row = await db
    .selectFrom("instance_history")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("workspace_id", "=", key.workspaceId)
    .where("instance_id", "=", key.instanceId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}
