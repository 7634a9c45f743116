/**
 * @module runtime/jobs/template-install
 * Installing a template pack as a job, so the API can answer at once and show progress:
 *
 * 1. the first chunk is the install itself (runtime/template-admin's `installIn`), all or
 *    nothing, committed with the job's progress; its result is the install result. A conflict
 *    (policy fail), a downgrade or a definition the workspace refuses fails the job with every
 *    issue in its result — the chunk is rolled back first (an `ItemFailure`), so nothing of the
 *    pack is saved;
 * 2. with sample data asked for, the next chunk creates the sample people and teams, and the
 *    chunks after it the planned records, a chunk at a time (done/total count records).
 *
 * The sample plan is deterministic given its "today", which the install chunk fixes in the job's
 * progress, so every chunk (and a runner resuming after a crash) plans the same records; the ids
 * of the records created so far are kept there too, for references to earlier records.
 */
import type { StoredDefinition } from "../../store/index.ts";
import type { ClaimedJob } from "../../store/jobs.repo.ts";
import type { PackDocument } from "../../templates/pack-document.ts";
import { planSampleData, type SamplePlan } from "../../templates/sample-data.ts";
import type { Runtime, Trx } from "../context.ts";
import {
  afterInstall,
  type ConflictPolicy,
  type InstallResult,
  installIn,
} from "../template-admin.ts";
import { type SamplePeople, writeSamplePeople, writeSampleRecords } from "../template-sample.ts";
import {
  type ChunkOutcome,
  itemWrite,
  type JobKind,
  type JobState,
  type StoredIssue,
} from "./kinds.ts";
import { trxSampleWriter } from "./sample-writer.ts";

export const TEMPLATE_INSTALL = "template-install";

/** How much sample data to add after the install. */
export interface SampleDataRequest {
  /** Account records to generate; their children scale with them. */
  readonly accounts: number;
}

/** The job's payload. */
export interface TemplateInstallPayload {
  /** The validated single-file pack. */
  readonly pack: PackDocument;
  readonly policy: ConflictPolicy;
  readonly sampleData: SampleDataRequest | null;
}

/** What the job reports. */
export interface TemplateInstallResult {
  /** The install's result (null until it ran, or when it failed). */
  readonly install: InstallResult | null;
  /** Sample people and records created so far (null without sample data). */
  readonly sample: { readonly people: number; readonly records: number } | null;
  /** Why the install was refused: every issue, with its pointer into the pack. */
  readonly issues: readonly StoredIssue[];
}

type Phase = "install" | "people" | "records";

interface Progress {
  readonly phase?: Phase;
  /** "Today" of the sample plan, fixed by the install chunk. */
  readonly sampleNow?: number;
  readonly people?: SamplePeople;
  /** Ids of the sample records created so far, in plan order. */
  readonly ids?: readonly string[];
}

/** The item key of the install: an `ItemFailure` under it rolls the chunk back (see kinds). */
const INSTALL_ITEM = "install";

/** The sample plan of a payload, or undefined when no sample data was asked for. */
export function samplePlanOf(payload: TemplateInstallPayload, now: number): SamplePlan | undefined {
  const spec = payload.pack.embedded.sampleData;
  if (!payload.sampleData || !spec) return undefined;
  return planSampleData(spec, { now, accounts: payload.sampleData.accounts });
}

/** The template-install job. */
export const templateInstallJob: JobKind = {
  kind: TEMPLATE_INSTALL,
  open(rt: Runtime, job: ClaimedJob, chunkSize: number) {
    const payload = job.payload as TemplateInstallPayload;
    const ws = job.workspaceId;
    let plan: { now: number; plan: SamplePlan | undefined } | undefined;
    const planAt = (now: number) => {
      if (plan?.now !== now) plan = { now, plan: samplePlanOf(payload, now) };
      return plan.plan;
    };
    /** What the last chunk wrote that needs doing once it has committed. */
    let published: StoredDefinition[] = [];
    let orgChanged = false;

    const resultOf = (state: JobState): TemplateInstallResult =>
      (state.result as TemplateInstallResult | null) ?? { install: null, sample: null, issues: [] };

    async function install(trx: Trx, state: JobState, issues?: readonly StoredIssue[]) {
      if (issues) {
        // The retry after the install failed: nothing is written, the job fails with the issues.
        return {
          ...state,
          result: { install: null, sample: null, issues },
          finished: true,
          failed: issues[0] as StoredIssue,
        } satisfies ChunkOutcome;
      }
      const written: StoredDefinition[] = [];
      const result = await itemWrite({ key: INSTALL_ITEM, position: 0 }, () =>
        installIn(
          rt,
          trx,
          ws,
          payload.pack,
          { actor: job.createdBy, policy: payload.policy },
          written,
        ),
      );
      published = written;
      const sampleNow = rt.clock.now();
      const records = planAt(sampleNow)?.records.length;
      const progress: Progress = { phase: "people", sampleNow };
      return {
        done: 0,
        total: records ?? 0,
        progress: { ...state.progress, ...progress },
        result: {
          install: result,
          sample: records === undefined ? null : { people: 0, records: 0 },
          issues: [],
        },
        finished: records === undefined,
      } satisfies ChunkOutcome;
    }

    return {
      async chunk(trx, state, skipped, maxItems = chunkSize): Promise<ChunkOutcome> {
        const progress = state.progress as Progress;
        const phase = progress.phase ?? "install";
        if (phase === "install") return install(trx, state, skipped.get(INSTALL_ITEM));
        const samplePlan = planAt(progress.sampleNow ?? 0) as SamplePlan;
        const result = resultOf(state);
        const writer = trxSampleWriter(rt, trx, ws);
        if (phase === "people") {
          const people = await writeSamplePeople(writer, samplePlan.spec);
          orgChanged = true;
          const next: Progress = { ...progress, phase: "records", people, ids: [] };
          return {
            ...state,
            progress: { ...state.progress, ...next },
            result: {
              ...result,
              sample: { people: Object.keys(people.people).length, records: 0 },
            },
            finished: samplePlan.records.length === 0,
          };
        }
        const ids = [...(progress.ids ?? [])];
        const end = Math.min(samplePlan.records.length, state.done + Math.min(chunkSize, maxItems));
        await writeSampleRecords(
          writer,
          samplePlan.records.slice(state.done, end),
          progress.people as SamplePeople,
          ids,
        );
        const next: Progress = { ...progress, ids };
        return {
          done: end,
          total: samplePlan.records.length,
          progress: { ...state.progress, ...next },
          result: {
            ...result,
            sample: { people: result.sample?.people ?? 0, records: ids.length },
          },
          finished: end >= samplePlan.records.length,
        };
      },

      async afterCommit() {
        if (published.length > 0) await afterInstall(rt, ws, published);
        published = [];
        if (orgChanged) rt.directories.invalidate(ws);
        orgChanged = false;
      },
    };
  },
};
