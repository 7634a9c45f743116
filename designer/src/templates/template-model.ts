/**
 * @module designer/templates/template-model
 * What the template gallery reads from the API (a pack in full, an install plan, an install
 * job) and the pure helpers its screens share: the summary of a pack's contents, the default
 * sample size, a job's percentage. Pure, so it is unit-tested in node.
 */
import {
  MAX_SAMPLE_ACCOUNTS,
  type templatePolicies,
} from "../../../schemas/api/templates.schema.ts";

export { MAX_SAMPLE_ACCOUNTS };

/** The conflict policies of an install, in the order the selector shows them. */
export const POLICIES = [
  "fail",
  "skip",
  "new-version",
] as const satisfies readonly (typeof templatePolicies)[number][];
export type Policy = (typeof POLICIES)[number];

/** A definition as a pack embeds it (only what the gallery reads). */
export interface PackDefinition {
  readonly kind: string;
  readonly key: string;
  readonly name?: unknown;
  readonly description?: unknown;
  readonly dataSchema?: { readonly properties?: Readonly<Record<string, unknown>> };
  readonly tiers?: ReadonlyArray<{ readonly key: string; readonly label?: unknown }>;
  readonly nodes?: readonly unknown[];
  readonly trigger?: { readonly kind?: string; readonly type?: string; readonly form?: string };
}

/** A generator of records in a pack's sample-data spec. */
export interface SampleGenerator {
  readonly form: string;
  readonly accounts?: boolean;
  readonly count?: number;
  readonly per?: { readonly form: string; readonly min: number; readonly max: number };
}

export interface SampleSpec {
  readonly description?: unknown;
  readonly teams?: readonly unknown[];
  readonly people?: readonly unknown[];
  readonly records?: readonly SampleGenerator[];
}

/** GET /templates/{key}: `pack`. */
export interface PackDetail {
  readonly key: string;
  readonly name: unknown;
  readonly description?: unknown;
  readonly version: string;
  readonly industry: string;
  readonly roles?: ReadonlyArray<{ readonly key: string; readonly label: unknown }>;
  readonly contents?: { readonly dashboard?: { readonly kpis?: readonly string[] } };
  readonly embedded: {
    readonly forms: readonly PackDefinition[];
    readonly tierModels: readonly PackDefinition[];
    readonly flows: readonly PackDefinition[];
    readonly sampleData?: SampleSpec;
  };
}

export type PlanAction = "create" | "update" | "unchanged" | "skip" | "conflict";

export interface PlanItem {
  readonly kind: string;
  readonly key: string;
  readonly action: PlanAction;
  readonly currentVersion: number | null;
  readonly newVersion: number | null;
  readonly customized: boolean;
  readonly changes: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
  } | null;
}

/** An install plan (and an install's result, with installedAt). */
export interface InstallPlan {
  readonly pack: { readonly key: string; readonly version: string; readonly name: unknown };
  readonly installedVersion: string | null;
  readonly policy: Policy;
  readonly items: readonly PlanItem[];
  readonly counts: Readonly<Record<PlanAction, number>>;
  readonly unheldRoles: readonly string[];
  readonly kpiConfig: "set" | "unchanged" | "skip" | null;
  readonly installedAt?: number;
}

export interface JobIssue {
  readonly code: string;
  readonly pointer: string;
  readonly message: string;
}

/** A template-install job as GET /jobs/{id} answers it. */
export interface InstallJob {
  readonly id: string;
  readonly status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  readonly done: number;
  readonly total: number | null;
  readonly result: {
    readonly install: InstallPlan | null;
    readonly sample: { readonly people: number; readonly records: number } | null;
    readonly issues: readonly JobIssue[];
  } | null;
  readonly error: {
    readonly code: string;
    readonly pointer: string;
    readonly message?: string;
  } | null;
}

export const PLAN_ACTIONS: readonly PlanAction[] = [
  "create",
  "update",
  "unchanged",
  "skip",
  "conflict",
];

/** The badge colour of each plan action. */
export const ACTION_COLOR: Readonly<Record<PlanAction, string>> = {
  create: "green",
  update: "blue",
  unchanged: "default",
  skip: "orange",
  conflict: "red",
};

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/** Whether a job has ended (it will not change any more). */
export const jobEnded = (job: { readonly status: string }): boolean => ENDED.has(job.status);

/**
 * A job's progress in percent: done of total, 100 once it succeeded, 0 before a total is known.
 * @example jobPercent({ status: "running", done: 5, total: 20 }) // 25
 */
export function jobPercent(job: {
  readonly status: string;
  readonly done: number;
  readonly total: number | null;
}): number {
  if (job.status === "succeeded") return 100;
  if (!job.total) return 0;
  return Math.min(100, Math.round((job.done / job.total) * 100));
}

/** How many accounts a pack's sample data makes by default (its first account generator's count). */
export function defaultSampleAccounts(spec: SampleSpec | undefined): number {
  const generator = spec?.records?.find((r) => r.accounts);
  return Math.min(MAX_SAMPLE_ACCOUNTS, generator?.count ?? 20);
}

/** What a pack's sample data holds: teams, people and, per form, how its records are made. */
export interface SampleSummary {
  readonly teams: number;
  readonly people: number;
  readonly accounts: number;
  readonly forms: ReadonlyArray<{
    readonly form: string;
    readonly count?: number;
    readonly per?: { readonly form: string; readonly min: number; readonly max: number };
    readonly accounts: boolean;
  }>;
}

/**
 * Summarises a sample-data spec; generators of the same form (and the same mode) add up.
 * @example sampleSummary({ people: [{}], records: [{ form: "account", accounts: true, count: 3 }] })
 * // { teams: 0, people: 1, accounts: 3, forms: [{ form: "account", count: 3, accounts: true }] }
 */
export function sampleSummary(spec: SampleSpec): SampleSummary {
  const forms: Array<SampleSummary["forms"][number]> = [];
  let accounts = 0;
  for (const generator of spec.records ?? []) {
    const isAccount = generator.accounts === true;
    if (generator.per) {
      forms.push({ form: generator.form, per: generator.per, accounts: isAccount });
      continue;
    }
    const count = generator.count ?? 20;
    if (isAccount) accounts += count;
    const same = forms.findIndex((f) => f.form === generator.form && f.count !== undefined);
    const previous = forms[same];
    if (previous) forms[same] = { ...previous, count: (previous.count ?? 0) + count };
    else forms.push({ form: generator.form, count, accounts: isAccount });
  }
  return { teams: spec.teams?.length ?? 0, people: spec.people?.length ?? 0, accounts, forms };
}

/** The number of fields of a form definition (its data schema's properties). */
export const fieldCount = (form: PackDefinition): number =>
  Object.keys(form.dataSchema?.properties ?? {}).length;

/** The change lists of a plan item, as [kind, pointers] pairs without the empty ones. */
export function changeLists(
  item: PlanItem,
): Array<readonly ["added" | "removed" | "changed", readonly string[]]> {
  if (!item.changes) return [];
  return (["changed", "added", "removed"] as const)
    .map((kind) => [kind, item.changes?.[kind] ?? []] as const)
    .filter(([, pointers]) => pointers.length > 0);
}
