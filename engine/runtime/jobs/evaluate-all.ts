/**
 * @module runtime/jobs/evaluate-all
 * Re-evaluates one tier model for every live record of its form, as a job: a chunk of records at
 * a time in id order (the cursor is committed with each chunk), each evaluation stored with its
 * history as a record write stores it, and a `tier.changed` trigger fired where the tier in force
 * moved. Run it after publishing a new version of a model, or when its inputs changed outside
 * record writes (the clock, in `days_since`).
 */
import { KamError } from "../../errors/index.ts";
import {
  type Db,
  getTierAssignment,
  listDefinitions,
  listRecords,
  type StoredDefinition,
  saveTierEvaluation,
} from "../../store/index.ts";
import type { ClaimedJob } from "../../store/jobs.repo.ts";
import type { TierModel } from "../../tiers/index.ts";
import { fault, type Runtime, type Trx } from "../context.ts";
import { latestVersions } from "../latest-versions.ts";
import {
  type ChunkOutcome,
  itemWrite,
  type JobKind,
  MAX_ITEM_ISSUES,
  MAX_REPORTED_ERRORS,
  type StoredIssue,
} from "./kinds.ts";

export const EVALUATE_ALL = "evaluate-all";

/** The job's payload. */
export interface EvaluateAllPayload {
  /** Key of the tier model. */
  readonly model: string;
}

/** What evaluate-all reports. */
export interface EvaluateAllResult {
  evaluated: number;
  /** Records whose tier in force moved (or was assigned for the first time). */
  changed: number;
  failed: number;
  errors: Array<{ recordId: string; issues: StoredIssue[] }>;
  errorsTruncated: boolean;
}

function resultOf(stored: unknown): EvaluateAllResult {
  const r = (stored ?? {}) as Partial<EvaluateAllResult>;
  return {
    evaluated: r.evaluated ?? 0,
    changed: r.changed ?? 0,
    failed: r.failed ?? 0,
    errors: [...(r.errors ?? [])],
    errorsTruncated: r.errorsTruncated ?? false,
  };
}

/** The latest published version of `key` and the models it may read. */
export async function publishedModel(
  db: Db,
  workspaceId: string,
  key: string,
): Promise<{ model: StoredDefinition; models: StoredDefinition[] }> {
  const models = latestVersions(
    await listDefinitions(db, { workspaceId, kind: "tier-model", status: "published" }),
  );
  const model = models.find((m) => m.key === key);
  if (!model) throw new KamError("RUNTIME_NOT_PUBLISHED", "/model", { kind: "tier-model", key });
  return { model, models };
}

/** The evaluate-all job. */
export const evaluateAllJob: JobKind = {
  kind: EVALUATE_ALL,
  open(rt: Runtime, job: ClaimedJob, chunkSize: number) {
    const payload = job.payload as EvaluateAllPayload;
    const workspaceId = job.workspaceId;
    return {
      async chunk(trx: Trx, state, skipped, maxItems = chunkSize): Promise<ChunkOutcome> {
        const limit = Math.min(chunkSize, maxItems);
        const { model, models } = await publishedModel(trx, workspaceId, payload.model);
        const evaluate = rt.definitions.tierModel(model, models);
        const after = typeof state.progress.after === "string" ? state.progress.after : undefined;
        const page = await listRecords(trx, {
          workspaceId,
          formKey: (model.body as TierModel).form,
          limit,
          ...(after ? { afterId: after } : {}),
        });
        const result = resultOf(state.result);
        const now = rt.clock.now();
        for (const [position, record] of page.entries()) {
          const earlier = skipped.get(record.id);
          if (earlier) {
            result.failed++;
            if (result.errors.length < MAX_REPORTED_ERRORS)
              result.errors.push({
                recordId: record.id,
                issues: earlier.slice(0, MAX_ITEM_ISSUES),
              });
            else result.errorsTruncated = true;
            continue;
          }
          const changed = await itemWrite({ key: record.id, position }, async () => {
            const where = { workspaceId, recordId: record.id, modelKey: model.key };
            const previous = await getTierAssignment(trx, where);
            const evaluation = evaluate(record.data, { previousTier: previous?.tier ?? null, now });
            if (evaluation.tier === null) return false;
            const { change } = await saveTierEvaluation(trx, {
              ...where,
              modelVersion: model.version,
              score: evaluation.score,
              tier: evaluation.tier,
              breakdown: evaluation.breakdown,
              now,
            });
            if (!change) return false;
            rt.changes.note(trx, {
              type: "tier.changed",
              workspaceId,
              recordId: record.id,
              model: model.key,
              from: change.from,
              to: change.to,
            });
            await rt.fireTriggers(trx, workspaceId, {
              type: "tier.changed",
              model: model.key,
              recordId: record.id,
              from: change.from,
              to: change.to,
            });
            return true;
          });
          fault(rt, "job.item");
          result.evaluated++;
          if (changed) result.changed++;
        }
        const done = state.done + page.length;
        const last = page[page.length - 1];
        return {
          done,
          total: Math.max(state.total ?? 0, done),
          progress: { ...state.progress, ...(last ? { after: last.id } : {}) },
          result,
          finished: page.length < limit,
        };
      },
    };
  },
};
