/**
 * @module runtime/jobs
 * Long work as durable jobs (`engine.jobs`): a CSV import of records, evaluate-all of a tier
 * model, and the install of a template pack (with its sample data). A job is a row in `jobs`; any process's runner claims it and does it a chunk at a time,
 * each chunk committed together with the job's progress (runtime/jobs/runner). Creating a job
 * only queues it: a host runs jobs with `run()` (one pass, e.g. in a CLI), or keeps a background
 * runner going with `kick()` — the server kicks it when a job is created and on every scheduler
 * tick, which also resumes jobs whose runner died once their lease has passed.
 */
import { KamError } from "../../errors/index.ts";
import { withIdempotency } from "../../store/index.ts";
import { cancelJob, getJob, insertJob, listJobs } from "../../store/jobs.repo.ts";
import type { PackDocument } from "../../templates/pack-document.ts";
import type { Actor, Runtime, Trx } from "../context.ts";
import type { ConflictPolicy } from "../template-admin.ts";
import { EVALUATE_ALL, type EvaluateAllPayload, publishedModel } from "./evaluate-all.ts";
import { emptyImportResult } from "./import-result.ts";
import { type Job, jobView } from "./job-view.ts";
import {
  checkImport,
  RECORD_IMPORT,
  type RecordImportPayload,
  type RecordImportRequest,
} from "./record-import.ts";
import { type RunOptions, type RunReport, runJobs } from "./runner.ts";
import {
  type SampleDataRequest,
  samplePlanOf,
  TEMPLATE_INSTALL,
  type TemplateInstallPayload,
} from "./template-install.ts";

export type { Job, JobStatusName } from "./job-view.ts";
export { jobStatuses } from "./job-view.ts";
export type { StoredIssue } from "./kinds.ts";
export type { RecordImportRequest } from "./record-import.ts";
export type { RunOptions, RunReport } from "./runner.ts";
export type {
  SampleDataRequest,
  TemplateInstallResult,
} from "./template-install.ts";
export { EVALUATE_ALL, RECORD_IMPORT, TEMPLATE_INSTALL };

/** Localized name of a job, for STORE_ errors. */
const JOB_ENTITY = { en: "job", "zh-CN": "作业" };

interface Acting {
  readonly actor?: Actor;
  readonly idempotencyKey?: string;
}

/** The jobs module, bound to one runtime (see `createEngine`). */
export function jobs(rt: Runtime) {
  const note = (trx: Trx, job: Job) =>
    rt.changes.note(trx, {
      type: "job.progress",
      workspaceId: job.workspaceId,
      jobId: job.id,
      kind: job.kind,
      status: job.status,
      done: job.done,
      total: job.total,
      createdBy: job.createdBy,
    });

  const get = async (ws: string, id: string): Promise<Job | undefined> => {
    const job = await getJob(rt.store.db, { workspaceId: ws, id });
    return job && jobView(job);
  };

  /** Queues a job, once per idempotency key. */
  async function queue(
    ws: string,
    job: { kind: string; payload: unknown; params: object; total: number | null; result?: unknown },
    acting: Acting,
  ): Promise<Job> {
    const insert = async (trx: Trx) => {
      const stored = await insertJob(trx, {
        workspaceId: ws,
        kind: job.kind,
        payload: job.payload,
        total: job.total,
        progress: { params: job.params },
        result: job.result ?? null,
        createdBy: acting.actor ?? null,
        now: rt.clock.now(),
      });
      const view = jobView(stored);
      note(trx, view);
      return view;
    };
    const key = acting.idempotencyKey;
    if (!key) return rt.store.transaction(insert);
    const id = await rt.store.transaction(async (trx) => {
      const command = {
        workspaceId: ws,
        key,
        command: `job.${job.kind}`,
        request: job.payload,
        now: rt.clock.now(),
      };
      const { response } = await withIdempotency(trx, command, async () => (await insert(trx)).id);
      return response;
    });
    return (await get(ws, id)) as Job;
  }

  let active: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  return {
    /**
     * Queues a CSV import of records of `request.form`, after checking the file's header against
     * the form. The rows become records of `ownerId` (default: the actor) in `teamId`.
     * @throws KamError RUNTIME_NOT_PUBLISHED; DefinitionError with the line and column of a
     * broken quote or an unknown header (`/lines/1/<column>`).
     * @example
     * const job = await engine.jobs.importRecords(ws, { form: "account", csv }, { actor: kam });
     * await engine.jobs.run();
     * (await engine.jobs.get(ws, job.id))?.result; // { imported, failed, importedLines, errors, … }
     */
    importRecords: async (
      ws: string,
      request: RecordImportRequest,
      acting: Acting & { ownerId?: string | null; teamId?: string | null } = {},
    ): Promise<Job> => {
      const total = await checkImport(rt, rt.store.db, ws, request);
      const allOrNothing = request.allOrNothing ?? false;
      const payload: RecordImportPayload = {
        form: request.form,
        csv: request.csv,
        allOrNothing,
        ownerId: acting.ownerId ?? acting.actor ?? null,
        teamId: acting.teamId ?? null,
      };
      const params = { form: request.form, allOrNothing };
      return queue(
        ws,
        { kind: RECORD_IMPORT, payload, params, total, result: emptyImportResult() },
        acting,
      );
    },

    /**
     * Queues the re-evaluation of a published tier model for every record of its form.
     * @throws KamError RUNTIME_NOT_PUBLISHED when no version of the model is published.
     */
    evaluateAll: async (ws: string, model: string, acting: Acting = {}): Promise<Job> => {
      const { model: stored } = await publishedModel(rt.store.db, ws, model);
      const form = (stored.body as { form: string }).form;
      const count = await rt.store.db
        .selectFrom("records")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("workspace_id", "=", ws)
        .where("form_key", "=", form)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      const payload: EvaluateAllPayload = { model };
      return queue(
        ws,
        { kind: EVALUATE_ALL, payload, params: { model, form }, total: Number(count?.count ?? 0) },
        acting,
      );
    },

    /**
     * Queues the install of a validated pack (runtime/jobs/template-install): the install, all
     * or nothing, then the pack's sample data when asked for. A conflict fails the job, not this
     * call (the workspace may change before the job runs).
     * @throws KamError PACK_SAMPLE_DATA_MISSING when sample data is asked of a pack without any.
     * @example
     * const job = await engine.jobs.installTemplate(ws, pack, { policy: "skip", actor: admin });
     */
    installTemplate: (
      ws: string,
      pack: PackDocument,
      request: Acting & { policy?: ConflictPolicy; sampleData?: SampleDataRequest } = {},
    ): Promise<Job> => {
      const payload: TemplateInstallPayload = {
        pack,
        policy: request.policy ?? "fail",
        sampleData: request.sampleData ?? null,
      };
      if (payload.sampleData && !pack.embedded.sampleData)
        throw new KamError("PACK_SAMPLE_DATA_MISSING", "/sampleData", { key: pack.key });
      const records = samplePlanOf(payload, rt.clock.now())?.records.length ?? 0;
      const params = {
        pack: pack.key,
        version: pack.version,
        policy: payload.policy,
        sampleData: payload.sampleData,
      };
      return queue(ws, { kind: TEMPLATE_INSTALL, payload, params, total: records }, request);
    },

    /** A job of the workspace, or undefined. */
    get,

    /** Jobs of the workspace (of one creator), newest first; `before`: the last id of a page. */
    list: async (
      ws: string,
      filter: { createdBy?: string; before?: string; limit?: number } = {},
    ): Promise<Job[]> =>
      (
        await listJobs(rt.store.db, {
          workspaceId: ws,
          limit: filter.limit ?? 50,
          ...(filter.createdBy !== undefined ? { createdBy: filter.createdBy } : {}),
          ...(filter.before !== undefined ? { before: filter.before } : {}),
        })
      ).map(jobView),

    /**
     * Cancels a queued or running job: it stops before its next chunk, and its result reports
     * what it did until then. Cancelling a cancelled job changes nothing.
     * @throws KamError STORE_NOT_FOUND; STORE_STATE_INVALID when it already ended.
     */
    cancel: (ws: string, id: string): Promise<Job> =>
      rt.store.transaction(async (trx) => {
        const cancelled = await cancelJob(trx, { workspaceId: ws, id, now: rt.clock.now() });
        if (cancelled) {
          const view = jobView(cancelled);
          note(trx, view);
          return view;
        }
        const job = await getJob(trx, { workspaceId: ws, id });
        if (!job) throw new KamError("STORE_NOT_FOUND", "", { entity: JOB_ENTITY, id });
        const view = jobView(job);
        if (view.status === "cancelled") return view;
        throw new KamError("STORE_STATE_INVALID", "", {
          entity: JOB_ENTITY,
          id,
          status: view.status,
          expected: "queued | running",
        });
      }),

    /** One pass: claims and runs jobs until none is left (see RunOptions). */
    run: (options?: RunOptions): Promise<RunReport> => runJobs(rt, options),

    /**
     * Makes sure this engine's background runner is going (a no-op after `stop()`); returns at
     * once. Unexpected errors (each also noted on its job) go to `onError`, by default a process
     * warning.
     */
    kick(options: { onError?: (error: unknown) => void } = {}): void {
      if (stopped) return;
      if (active) {
        again = true;
        return;
      }
      const report =
        options.onError ??
        ((error: unknown) =>
          process.emitWarning(error instanceof Error ? error : String(error), "KamflowJob"));
      active = (async () => {
        try {
          do {
            again = false;
            const result = await runJobs(rt, { shouldStop: () => stopped });
            for (const { error } of result.errors) report(error);
          } while (again && !stopped);
        } catch (error) {
          report(error);
        } finally {
          active = undefined;
        }
      })();
    },

    /** Resolves when the background runner has nothing more to do. */
    settled: async (): Promise<void> => {
      while (active) await active;
    },

    /** Stops the background runner (graceful shutdown): it releases its job between chunks. */
    stop: async (): Promise<void> => {
      stopped = true;
      while (active) await active;
    },

    /** Lets `kick()` run jobs again after `stop()`. */
    start: (): void => {
      stopped = false;
    },
  };
}

export type Jobs = ReturnType<typeof jobs>;
