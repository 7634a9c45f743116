/**
 * @module runtime/records
 * Writing records: validated by the form's latest published version (computed fields written by
 * the engine, never taken from input), stored with an optimistic lock, audited; then the tier
 * models of the form are re-evaluated, record triggers fire, and instances waiting for a
 * condition on the record re-check it.
 */

import { DefinitionError, KamError } from "../errors/index.ts";
import type { JsonObject } from "../flows/index.ts";
import { applyPatch } from "../flows/support/paths.ts";
import {
  appendAudit,
  insertRecord,
  latestPublished,
  listInstances,
  requireRecord,
  type StoredRecord,
  updateRecord,
} from "../store/index.ts";
import type { Actor, Instance, Runtime, Trx } from "./context.ts";
import { isStepping } from "./steps-in-progress.ts";

export interface RecordWrite {
  readonly workspaceId: string;
  readonly actor: Actor;
  /** The flow making the change, if a flow step makes it (loop guard for its own trigger). */
  readonly byFlow?: string;
  /** The instance making the change: it re-checks its own waits in its step, not here. */
  readonly byInstance?: string;
  readonly depth?: number;
}

async function validated(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  form: string,
  data: unknown,
  previous?: unknown,
): Promise<Record<string, unknown>> {
  const stored = await latestPublished(trx, { workspaceId, kind: "form", key: form });
  if (!stored) throw new KamError("RUNTIME_NOT_PUBLISHED", "", { kind: "form", key: form });
  const result = rt.definitions
    .form(stored)
    .validateRecord(data, previous === undefined ? {} : { previous: previous as never });
  if (!result.ok) throw new DefinitionError(result.issues);
  return result.value as Record<string, unknown>;
}

/** Creates a record of `form`; validates, audits, tiers, and fires `record.created` triggers. */
export async function createRecord(
  rt: Runtime,
  trx: Trx,
  write: RecordWrite & {
    form: string;
    data: unknown;
    ownerId?: string | null;
    teamId?: string | null;
    id?: string;
  },
): Promise<StoredRecord> {
  const now = rt.clock.now();
  const data = await validated(rt, trx, write.workspaceId, write.form, write.data);
  const record = await insertRecord(trx, {
    workspaceId: write.workspaceId,
    formKey: write.form,
    data,
    ownerId: write.ownerId ?? write.actor,
    teamId: write.teamId ?? null,
    createdBy: write.actor,
    now,
    ...(write.id ? { id: write.id } : {}),
  });
  await appendAudit(trx, {
    workspaceId: write.workspaceId,
    at: now,
    actorId: write.actor,
    action: "record.create",
    entityKind: "record",
    entityId: record.id,
    after: data,
  });
  rt.changes.note(trx, {
    type: "record.changed",
    workspaceId: write.workspaceId,
    recordId: record.id,
    form: write.form,
    change: "created",
    version: record.version,
    data,
    actor: write.actor,
  });
  const depth = write.depth ?? 0;
  await rt.evaluateTiers(trx, write.workspaceId, record.id, depth);
  await rt.fireTriggers(
    trx,
    write.workspaceId,
    { type: "record.created", form: write.form, recordId: record.id, data, actor: write.actor },
    depth,
  );
  return record;
}

/** Field paths whose values differ between two records (top-level fields). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/**
 * Updates a record with a patch of dotted field paths. Without `expectedVersion` the current
 * version is used (flow steps write inside the step's transaction, so nothing can interleave).
 */
export async function patchRecord(
  rt: Runtime,
  trx: Trx,
  write: RecordWrite & { recordId: string; patch: JsonObject; expectedVersion?: number },
): Promise<StoredRecord> {
  const now = rt.clock.now();
  const current = await requireRecord(trx, { workspaceId: write.workspaceId, id: write.recordId });
  const before = current.data as Record<string, unknown>;
  const merged = applyPatch(before as JsonObject, write.patch);
  const data = await validated(rt, trx, write.workspaceId, current.formKey, merged, before);
  const record = await updateRecord(trx, {
    workspaceId: write.workspaceId,
    id: current.id,
    expectedVersion: write.expectedVersion ?? current.version,
    data,
    now,
  });
  const changed = changedFields(before, data);
  if (changed.length === 0) return record;
  await appendAudit(trx, {
    workspaceId: write.workspaceId,
    at: now,
    actorId: write.actor,
    action: "record.update",
    entityKind: "record",
    entityId: record.id,
    before,
    after: data,
  });
  rt.changes.note(trx, {
    type: "record.changed",
    workspaceId: write.workspaceId,
    recordId: record.id,
    form: current.formKey,
    change: "updated",
    version: record.version,
    data,
    changed,
    actor: write.actor,
  });
  const depth = write.depth ?? 0;
  await rt.evaluateTiers(trx, write.workspaceId, record.id, depth);
  await rt.fireTriggers(
    trx,
    write.workspaceId,
    {
      type: "record.updated",
      form: current.formKey,
      recordId: record.id,
      data,
      previous: before,
      changed,
      ...(write.byFlow ? { byFlow: write.byFlow } : {}),
    },
    depth,
  );
  await wakeRecordWaits(rt, trx, write, record.id, changed);
  return record;
}

/**
 * Tells the instances on this record that wait for a condition on it (a wait node's
 * `until`) that it changed, so they re-check now rather than at their next timer. Only
 * instances with such a path are signalled: any other would log an ignored event.
 */
async function wakeRecordWaits(
  rt: Runtime,
  trx: Trx,
  write: RecordWrite,
  recordId: string,
  changedFields: readonly string[],
): Promise<void> {
  const waiting = await listInstances(trx, {
    workspaceId: write.workspaceId,
    recordId,
    status: "waiting",
    limit: 1000,
  });
  for (const stored of waiting) {
    if (stored.id === write.byInstance || isStepping(trx, stored.id)) continue;
    const tokens = (
      stored.state as { tokens?: Array<{ status?: string; wait?: { record?: boolean } }> }
    ).tokens;
    if (!tokens?.some((t) => t.status === "waiting" && t.wait?.record === true)) continue;
    await rt.advance(
      trx,
      stored as Instance,
      { type: "record.changed", recordId, changedFields },
      (write.depth ?? 0) + 1,
    );
  }
}
