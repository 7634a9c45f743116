/**
 * @module runtime/record-admin
 * Record operations beside create and update: soft delete (audited; the record keeps its history
 * and references, and disappears from reads), and the what-if preview of a draft tier model over
 * every live record of its form, compared with the tiers in force — nothing is written.
 */
import { KamError } from "../errors/index.ts";
import {
  appendAudit,
  listDefinitions,
  listModelAssignments,
  listRecords,
  requireRecord,
  type StoredRecord,
  softDeleteRecord,
} from "../store/index.ts";
import {
  type PreviewRecord,
  previewTierModel,
  type TierModel,
  type TierPreview,
} from "../tiers/index.ts";
import { runCommand } from "./command.ts";
import type { Actor, Runtime } from "./context.ts";
import { assertDefinition } from "./definition-checks.ts";
import { latestVersions } from "./latest-versions.ts";

/** Records read per query while collecting a preview's input. */
const PAGE = 1000;

/** The operations, bound to one runtime (see `createEngine`). */
export function recordAdmin(rt: Runtime) {
  return {
    /**
     * Soft-deletes a record at `expectedVersion` (default: its current version).
     * @throws KamError STORE_NOT_FOUND, or STORE_CONFLICT when it changed since that version.
     */
    softDelete: (
      ws: string,
      id: string,
      request: { actor?: Actor; expectedVersion?: number; idempotencyKey?: string } = {},
    ): Promise<StoredRecord> =>
      runCommand(
        rt,
        {
          workspaceId: ws,
          name: "record.delete",
          idempotencyKey: request.idempotencyKey,
          request: { id, expectedVersion: request.expectedVersion ?? null },
        },
        async (trx) => {
          const current = await requireRecord(trx, { workspaceId: ws, id });
          const now = rt.clock.now();
          const deleted = await softDeleteRecord(trx, {
            workspaceId: ws,
            id,
            expectedVersion: request.expectedVersion ?? current.version,
            now,
          });
          await appendAudit(trx, {
            workspaceId: ws,
            at: now,
            actorId: request.actor ?? null,
            action: "record.delete",
            entityKind: "record",
            entityId: id,
            before: current.data,
          });
          return deleted;
        },
      ),

    /**
     * Evaluates a draft tier model against every live record of its form, without writing:
     * "from" is each record's tier in force under the model's key (an override while it runs),
     * "to" the draft's tier.
     * @throws DefinitionError with every issue when the draft is invalid.
     */
    previewTierModel: async (
      ws: string,
      document: unknown,
      options: { samplesPerCell?: number } = {},
    ): Promise<TierPreview> => {
      const db = rt.store.db;
      if ((document as { kind?: unknown } | null)?.kind !== "tier-model")
        throw new KamError("DEFINITION_KIND_UNKNOWN", "/kind", { kinds: ["tier-model"] });
      // Golden examples are not checked here: a what-if explores a change, and an example the
      // change breaks is what the designer is looking for, not a reason to refuse the preview
      // (saving a draft reports them, publishing refuses them).
      const { examples: _examples, ...withoutExamples } = document as Record<string, unknown>;
      await assertDefinition(db, ws, withoutExamples);
      const draft = document as TierModel;
      const models = latestVersions(
        await listDefinitions(db, { workspaceId: ws, kind: "tier-model", status: "published" }),
      )
        .filter((m) => m.key !== draft.key)
        .map((m) => m.body as TierModel);
      const now = rt.clock.now();
      const inForce = new Map<string, string>();
      for (const a of await listModelAssignments(db, { workspaceId: ws, modelKey: draft.key })) {
        const overridden =
          a.overrideTier !== null && (a.overrideExpiresAt === null || a.overrideExpiresAt > now);
        inForce.set(a.recordId, overridden ? (a.overrideTier as string) : a.tier);
      }
      const records: PreviewRecord[] = [];
      for (let afterId: string | undefined; ; ) {
        const page = await listRecords(db, {
          workspaceId: ws,
          formKey: draft.form,
          limit: PAGE,
          ...(afterId ? { afterId } : {}),
        });
        for (const r of page)
          records.push({ id: r.id, data: r.data, currentTier: inForce.get(r.id) ?? null });
        if (page.length < PAGE) break;
        afterId = page[page.length - 1]?.id;
      }
      return previewTierModel(draft, null, records, {
        clock: rt.clock,
        models,
        ...(options.samplesPerCell !== undefined ? { samplesPerCell: options.samplesPerCell } : {}),
      });
    },
  };
}

export type RecordAdmin = ReturnType<typeof recordAdmin>;
