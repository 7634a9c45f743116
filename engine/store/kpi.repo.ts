/**
 * @module store/kpi.repo
 * The rows KPIs are computed from (runtime/kpis computes them; these queries only read): the live
 * records of a form with their owner and team (row-level visibility is applied to these), each
 * record's versions from the audit log (a field's value at any moment is the data of the last
 * `record.create`/`record.update` event before it), a tier model's history, completed flow
 * instances, SLA outcomes from instance history, and the accounts a user is on the team of.
 *
 * Every row carries the owner and team of the record it belongs to, so visibility and the team
 * filter are applied the same way to accounts, tickets, instances and tier changes.
 */
import { fromJson } from "./json.ts";
import type { Db } from "./store-errors.ts";

/** Who a KPI row belongs to, for visibility: its record's id, owner and team (null: no record). */
export interface KpiOwnership {
  readonly recordId: string | null;
  readonly ownerId: string | null;
  readonly teamId: string | null;
}

/** A live record as KPIs read it. */
export interface KpiRecordRow extends KpiOwnership {
  readonly recordId: string;
  readonly createdAt: number;
  readonly data: Record<string, unknown>;
}

/** One version of a record's data, from the audit log. */
export interface RecordVersionRow {
  readonly recordId: string;
  readonly at: number;
  readonly data: Record<string, unknown>;
}

/** One change of a record's effective tier under a model. */
export interface TierChangeRow extends KpiOwnership {
  readonly recordId: string;
  readonly from: string | null;
  readonly to: string;
  readonly at: number;
}

/** A completed flow instance. */
export interface CompletedInstanceRow extends KpiOwnership {
  readonly instanceId: string;
  readonly flowKey: string;
  readonly outcome: string | null;
  readonly startedAt: number;
  readonly completedAt: number;
}

/** An SLA target met or breached. */
export interface SlaOutcomeRow extends KpiOwnership {
  readonly kind: "sla.met" | "sla.breached";
  readonly at: number;
}

/** Ids bound per query (SQLite allows 32,766 parameters; PostgreSQL 65,535). */
const ID_CHUNK = 500;

/**
 * Live (not deleted) records of `formKey` created in [`createdFrom`, `createdBefore`), or only
 * those of `ids` when given.
 */
export async function listKpiRecords(
  db: Db,
  q: {
    workspaceId: string;
    formKey: string;
    createdBefore: number;
    createdFrom?: number;
    ids?: readonly string[];
  },
): Promise<KpiRecordRow[]> {
  const query = (ids?: readonly string[]) => {
    let select = db
      .selectFrom("records")
      .select(["id", "owner_id", "team_id", "created_at", "data"])
      .where("workspace_id", "=", q.workspaceId)
      .where("form_key", "=", q.formKey)
      .where("deleted_at", "is", null)
      .where("created_at", "<", q.createdBefore);
    if (q.createdFrom !== undefined) select = select.where("created_at", ">=", q.createdFrom);
    if (ids !== undefined) select = select.where("id", "in", [...ids]);
    return select.orderBy("id").execute();
  };
  let rows: Awaited<ReturnType<typeof query>>;
  if (q.ids === undefined) rows = await query();
  else {
    rows = [];
    const unique = [...new Set(q.ids)];
    for (let i = 0; i < unique.length; i += ID_CHUNK)
      rows.push(...(await query(unique.slice(i, i + ID_CHUNK))));
  }
  return rows.map((r) => ({
    recordId: r.id,
    ownerId: r.owner_id,
    teamId: r.team_id,
    createdAt: r.created_at,
    data: fromJson<Record<string, unknown>>(r.data),
  }));
}

/**
 * The versions of the live records of `formKey` written before `before`, oldest first: the data
 * of every `record.create` and `record.update` audit event.
 */
export async function listRecordVersions(
  db: Db,
  q: { workspaceId: string; formKey: string; before: number },
): Promise<RecordVersionRow[]> {
  const rows = await db
    .selectFrom("audit_events as a")
    .innerJoin("records as r", (join) =>
      join.onRef("r.id", "=", "a.entity_id").onRef("r.workspace_id", "=", "a.workspace_id"),
    )
    .select(["a.entity_id", "a.at", "a.after"])
    .where("a.workspace_id", "=", q.workspaceId)
    .where("a.entity_kind", "=", "record")
    .where("a.action", "in", ["record.create", "record.update"])
    .where("a.at", "<", q.before)
    .where("r.form_key", "=", q.formKey)
    .where("r.deleted_at", "is", null)
    .orderBy("a.seq")
    .execute();
  return rows.map((r) => ({
    recordId: r.entity_id,
    at: r.at,
    data: r.after === null ? {} : fromJson<Record<string, unknown>>(r.after),
  }));
}

/** Changes of the effective tier under `modelKey` of live records, before `before`, oldest first. */
export async function listTierChanges(
  db: Db,
  q: { workspaceId: string; modelKey: string; before: number },
): Promise<TierChangeRow[]> {
  const rows = await db
    .selectFrom("tier_history as h")
    .innerJoin("records as r", (join) =>
      join.onRef("r.id", "=", "h.record_id").onRef("r.workspace_id", "=", "h.workspace_id"),
    )
    .select(["h.record_id", "h.from_tier", "h.to_tier", "h.at", "r.owner_id", "r.team_id"])
    .where("h.workspace_id", "=", q.workspaceId)
    .where("h.model_key", "=", q.modelKey)
    .where("h.at", "<", q.before)
    .where("r.deleted_at", "is", null)
    .orderBy("h.at")
    .orderBy("h.id")
    .execute();
  return rows.map((r) => ({
    recordId: r.record_id,
    from: r.from_tier,
    to: r.to_tier,
    at: r.at,
    ownerId: r.owner_id,
    teamId: r.team_id,
  }));
}

/**
 * Instances of `flowKeys` completed (not cancelled) in [from, to), with the outcome of their end
 * and the owner and team of their record (null for an instance without a live record).
 */
export async function listCompletedInstances(
  db: Db,
  q: { workspaceId: string; flowKeys: readonly string[]; from: number; to: number },
): Promise<CompletedInstanceRow[]> {
  if (q.flowKeys.length === 0) return [];
  const rows = await db
    .selectFrom("flow_instances as i")
    .leftJoin("records as r", (join) =>
      join
        .onRef("r.id", "=", "i.record_id")
        .onRef("r.workspace_id", "=", "i.workspace_id")
        .on("r.deleted_at", "is", null),
    )
    .select([
      "i.id",
      "i.flow_key",
      "i.state",
      "i.created_at",
      "i.completed_at",
      "r.id as record_id",
      "r.owner_id",
      "r.team_id",
    ])
    .where("i.workspace_id", "=", q.workspaceId)
    .where("i.flow_key", "in", [...q.flowKeys])
    .where("i.status", "=", "completed")
    .where("i.completed_at", ">=", q.from)
    .where("i.completed_at", "<", q.to)
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({
    instanceId: r.id,
    flowKey: r.flow_key,
    outcome: fromJson<{ outcome?: string }>(r.state).outcome ?? null,
    startedAt: r.created_at,
    completedAt: r.completed_at ?? r.created_at,
    recordId: r.record_id,
    ownerId: r.owner_id,
    teamId: r.team_id,
  }));
}

/** `sla.met` and `sla.breached` entries of every flow's history in [from, to). */
export async function listSlaOutcomes(
  db: Db,
  q: { workspaceId: string; from: number; to: number },
): Promise<SlaOutcomeRow[]> {
  const rows = await db
    .selectFrom("instance_history as h")
    .innerJoin("flow_instances as i", "i.id", "h.instance_id")
    .leftJoin("records as r", (join) =>
      join
        .onRef("r.id", "=", "i.record_id")
        .onRef("r.workspace_id", "=", "i.workspace_id")
        .on("r.deleted_at", "is", null),
    )
    .select(["h.kind", "h.at", "r.id as record_id", "r.owner_id", "r.team_id"])
    .where("h.workspace_id", "=", q.workspaceId)
    .where("i.workspace_id", "=", q.workspaceId)
    .where("h.kind", "in", ["sla.met", "sla.breached"])
    .where("h.at", ">=", q.from)
    .where("h.at", "<", q.to)
    .execute();
  return rows.map((r) => ({
    kind: r.kind as SlaOutcomeRow["kind"],
    at: r.at,
    recordId: r.record_id,
    ownerId: r.owner_id,
    teamId: r.team_id,
  }));
}

/** Ids of the records whose account team names `userId` (they see those accounts). */
export async function listAccountTeamRecords(
  db: Db,
  q: { workspaceId: string; userId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom("account_team_members")
    .select("record_id")
    .where("workspace_id", "=", q.workspaceId)
    .where("user_id", "=", q.userId)
    .execute();
  return [...new Set(rows.map((r) => r.record_id))];
}

/**
 * The `kind/key` of every definition of `kinds` that has a published version (the sources a
 * KPI configuration names must be published to be measured).
 */
export async function listPublishedKeys(
  db: Db,
  q: { workspaceId: string; kinds: readonly string[] },
): Promise<Set<string>> {
  if (q.kinds.length === 0) return new Set();
  const rows = await db
    .selectFrom("definitions")
    .select(["kind", "key"])
    .distinct()
    .where("workspace_id", "=", q.workspaceId)
    .where("kind", "in", [...q.kinds])
    .where("status", "=", "published")
    .execute();
  return new Set(rows.map((r) => `${r.kind}/${r.key}`));
}
