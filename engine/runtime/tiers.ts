/**
 * @module runtime/tiers
 * Re-evaluates the tier models that read a record's form whenever the record is written, stores
 * the assignment and its history, and fires `tier.changed` triggers when the effective tier moved.
 */

import {
  getTierAssignment,
  listDefinitions,
  requireRecord,
  saveTierEvaluation,
} from "../store/index.ts";
import type { TierModel } from "../tiers/index.ts";
import type { Runtime, Trx } from "./context.ts";
import { latestVersions } from "./latest-versions.ts";

/** Evaluates every published tier model of the record's form and stores what changed. */
export async function evaluateTiers(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  recordId: string,
  depth = 0,
): Promise<void> {
  const record = await requireRecord(trx, { workspaceId, id: recordId });
  const models = latestVersions(
    await rt.published.get(`${workspaceId}:tier-model`, () =>
      listDefinitions(trx, { workspaceId, kind: "tier-model", status: "published" }),
    ),
  );
  const now = rt.clock.now();
  for (const model of models) {
    if ((model.body as TierModel).form !== record.formKey) continue;
    const evaluate = rt.definitions.tierModel(model, models);
    const previous = await getTierAssignment(trx, { workspaceId, recordId, modelKey: model.key });
    const result = evaluate(record.data, { previousTier: previous?.tier ?? null, now });
    if (result.tier === null) continue;
    const { change } = await saveTierEvaluation(trx, {
      workspaceId,
      recordId,
      modelKey: model.key,
      modelVersion: model.version,
      score: result.score,
      tier: result.tier,
      breakdown: result.breakdown,
      now,
    });
    if (change) {
      rt.changes.note(trx, {
        type: "tier.changed",
        workspaceId,
        recordId,
        model: model.key,
        from: change.from,
        to: change.to,
      });
      await rt.fireTriggers(
        trx,
        workspaceId,
        { type: "tier.changed", model: model.key, recordId, from: change.from, to: change.to },
        depth,
      );
    }
  }
}
