/**
 * @module store/audit.repo
 * The audit log: one hash-chained sequence of events per workspace. Each event's hash is
 * `sha256(prev_hash + canonical JSON of the event)`, the event including its `seq`, so editing,
 * deleting or reordering events breaks the chain, and `verifyAudit` finds the first bad event.
 *
 * Appends are serialised per workspace by the `audit_heads` row (the last seq and hash): the
 * upsert that takes the next seq locks that row until the transaction ends, so concurrent
 * appends queue instead of forking the chain. The unique (workspace_id, seq) is the safety net:
 * an insert that would fork the chain fails.
 */
import { KamError } from "../errors/index.ts";
import { newId } from "./ids.ts";
import { canonicalJson, fromJsonOrNull, sha256Hex, toJson } from "./json.ts";
import { type Db, isUniqueViolation } from "./store-errors.ts";

/** One change to record: who did what to which entity, and its state before and after. */
export interface AuditEventInput {
  readonly workspaceId: string;
  readonly at: number;
  readonly actorId: string | null;
  /** e.g. "record.update", "definition.publish", "task.complete", "tier.change", "login". */
  readonly action: string;
  readonly entityKind: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AppendedAudit {
  readonly seq: number;
  readonly hash: string;
}

/** The chained content of an event; what the hash covers. */
function eventHash(prevHash: string, seq: number, e: AuditEventInput): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        workspaceId: e.workspaceId,
        seq,
        at: e.at,
        actorId: e.actorId,
        action: e.action,
        entityKind: e.entityKind,
        entityId: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
      }),
  );
}

/**
 * Appends an event to its workspace's chain, inside the caller's transaction (so the event
 * commits with the change it records, or not at all).
 * @throws KamError STORE_AUDIT_CONTENDED if another append took this seq (retry the transaction).
 * @example
 * await store.transaction(async (trx) => {
 *   const after = await updateRecord(trx, { ... });
 *   await appendAudit(trx, { workspaceId, at: now, actorId, action: "record.update",
 *     entityKind: "record", entityId: after.id, before, after: after.data });
 * });
 */
export async function appendAudit(trx: Db, event: AuditEventInput): Promise<AppendedAudit> {
  const head = await trx
    .insertInto("audit_heads")
    .values({ workspace_id: event.workspaceId, seq: 1, hash: "" })
    .onConflict((oc) =>
      oc.column("workspace_id").doUpdateSet((eb) => ({ seq: eb("audit_heads.seq", "+", 1) })),
    )
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
  // The upsert only advanced seq: `hash` is still the previous event's hash.
  const seq = Number(head.seq);
  const prevHash = head.hash;
  const hash = eventHash(prevHash, seq, event);
  try {
    await trx
      .insertInto("audit_events")
      .values({
        id: newId(),
        workspace_id: event.workspaceId,
        seq,
        at: event.at,
        actor_id: event.actorId,
        action: event.action,
        entity_kind: event.entityKind,
        entity_id: event.entityId,
        before: event.before === undefined ? null : toJson(event.before),
        after: event.after === undefined ? null : toJson(event.after),
        prev_hash: prevHash,
        hash,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new KamError("STORE_AUDIT_CONTENDED", "", {}, { cause: error });
    throw error;
  }
  await trx
    .updateTable("audit_heads")
    .set({ hash })
    .where("workspace_id", "=", event.workspaceId)
    .execute();
  return { seq, hash };
}

/** Why verification stopped at an event. */
export type AuditFault =
  /** The event's content does not match its hash (edited). */
  | "hash-mismatch"
  /** The event does not continue the previous event's hash (an earlier event was replaced). */
  | "chain-broken"
  /** A seq is missing or out of place (deleted or reordered events). */
  | "seq-gap"
  /** The last events are gone: the chain ends before the workspace's recorded head. */
  | "head-mismatch";

export type AuditVerification =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: AuditFault };

/**
 * Re-computes a workspace's chain from the first event and compares it with the stored hashes
 * and the recorded head. Reads in pages, so it runs in constant memory.
 * @example
 * const result = await verifyAudit(store.db, workspaceId);
 * if (!result.ok) alert(`audit log tampered at event ${result.firstBadSeq} (${result.reason})`);
 */
export async function verifyAudit(
  db: Db,
  workspaceId: string,
  options: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  // The chain starts at 1; a row numbered below it (forged in front) is outside the chain.
  const before = await db
    .selectFrom("audit_events")
    .select("seq")
    .where("workspace_id", "=", workspaceId)
    .where("seq", "<", 1)
    .orderBy("seq")
    .limit(1)
    .executeTakeFirst();
  if (before) return { ok: false, firstBadSeq: Number(before.seq), reason: "chain-broken" };
  let expectedSeq = 1;
  let prevHash = "";
  for (;;) {
    const page = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, firstBadSeq: expectedSeq, reason: "seq-gap" };
      if (row.prev_hash !== prevHash)
        return { ok: false, firstBadSeq: seq, reason: "chain-broken" };
      const computed = eventHash(prevHash, seq, {
        workspaceId: row.workspace_id,
        at: Number(row.at),
        actorId: row.actor_id,
        action: row.action,
        entityKind: row.entity_kind,
        entityId: row.entity_id,
        before: fromJsonOrNull(row.before),
        after: fromJsonOrNull(row.after),
      });
      if (computed !== row.hash) return { ok: false, firstBadSeq: seq, reason: "hash-mismatch" };
      prevHash = row.hash;
      expectedSeq++;
    }
    if (page.length < pageSize) break;
  }
  const count = expectedSeq - 1;
  const head = await db
    .selectFrom("audit_heads")
    .select(["seq", "hash"])
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  const headSeq = head === undefined ? 0 : Number(head.seq);
  if (headSeq !== count || (head !== undefined && head.hash !== prevHash)) {
    return { ok: false, firstBadSeq: count + 1, reason: "head-mismatch" };
  }
  return { ok: true, count };
}
