/**
 * @module store/audit-query.repo
 * Reading a workspace's audit log: by entity, actor, action and time range, newest first, in
 * pages keyed by `seq` (a cursor that stays valid while events are appended).
 */
import { fromJsonOrNull } from "./json.ts";
import type { Db } from "./store-errors.ts";

/** One audit event as readers see it. */
export interface StoredAuditEvent {
  readonly seq: number;
  readonly at: number;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityKind: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly hash: string;
}

export interface AuditQuery {
  readonly workspaceId: string;
  readonly entityKind?: string;
  readonly entityId?: string;
  readonly actorId?: string;
  readonly action?: string;
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Only events older than this seq (the previous page's last seq). */
  readonly beforeSeq?: number;
  /** @default 50 */
  readonly limit?: number;
}

/** A page of events, newest first; `nextSeq` is the cursor of the next page, if any. */
export async function queryAudit(
  db: Db,
  query: AuditQuery,
): Promise<{ items: StoredAuditEvent[]; nextSeq: number | null }> {
  const limit = query.limit ?? 50;
  let select = db
    .selectFrom("audit_events")
    .select([
      "seq",
      "at",
      "actor_id",
      "action",
      "entity_kind",
      "entity_id",
      "before",
      "after",
      "hash",
    ])
    .where("workspace_id", "=", query.workspaceId);
  if (query.entityKind !== undefined) select = select.where("entity_kind", "=", query.entityKind);
  if (query.entityId !== undefined) select = select.where("entity_id", "=", query.entityId);
  if (query.actorId !== undefined) select = select.where("actor_id", "=", query.actorId);
  if (query.action !== undefined) select = select.where("action", "=", query.action);
  if (query.from !== undefined) select = select.where("at", ">=", query.from);
  if (query.to !== undefined) select = select.where("at", "<", query.to);
  if (query.beforeSeq !== undefined) select = select.where("seq", "<", query.beforeSeq);
  const rows = await select
    .orderBy("seq", "desc")
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((r) => ({
    seq: Number(r.seq),
    at: Number(r.at),
    actorId: r.actor_id,
    action: r.action,
    entityKind: r.entity_kind,
    entityId: r.entity_id,
    before: fromJsonOrNull(r.before),
    after: fromJsonOrNull(r.after),
    hash: r.hash,
  }));
  const last = items.at(-1);
  return { items, nextSeq: rows.length > limit && last ? last.seq : null };
}
