/**
 * @module templates/sample-data
 * Turns a pack's sample-data spec into a plan of records, deterministically: one spec, one seed
 * and one `now` always give the same plan. Values that name other things — a person, the parent
 * record, an earlier sibling — are kept aside as references and resolved to ids when the plan is
 * applied (runtime/template-sample), so the plan itself is pure data.
 */
import type { TemplateSampleData } from "../../schemas/template-sample-data.schema.ts";
import {
  BRANDS,
  CITIES,
  GIVEN,
  LEGAL_FORMS,
  LEGAL_WEIGHTS,
  SURNAMES,
  TRADES,
} from "./chinese-names.ts";
import { seededRandom } from "./seeded-random.ts";

const DAY = 86_400_000;
/** Dates are calendar dates in China (UTC+8, no daylight saving). */
const CHINA_OFFSET = 8 * 3_600_000;

/** A value the applier resolves to an id. */
export type SampleRef =
  | { readonly person: string }
  | { readonly record: number }
  | { readonly role: string; readonly turn: number };

export interface SampleRecord {
  /** Position in the plan; references to records use it. */
  readonly index: number;
  readonly form: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Fields whose values are ids, resolved on apply. */
  readonly refs: Readonly<Record<string, SampleRef>>;
  /** The owner: the n-th (round-robin) holder of a business role. */
  readonly owner?: { readonly role: string; readonly turn: number };
  readonly accountTeam: ReadonlyArray<{ readonly role: string; readonly person: string }>;
}

export interface SamplePlan {
  readonly spec: TemplateSampleData;
  readonly records: readonly SampleRecord[];
}

export interface SampleOptions {
  /** "Today" for relative dates. */
  readonly now: number;
  /** Overrides the spec's seed. */
  readonly seed?: number;
  /** Number of account records (the generators marked `accounts`); children scale with them. */
  readonly accounts?: number;
}

type Random = () => number;
type Spec = Readonly<Record<string, unknown>> & { readonly gen: string };
type Generator = TemplateSampleData["records"][number];

const pickOne = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

function weighted<T>(random: Random, values: readonly T[], weights?: readonly number[]): T {
  if (!weights || weights.length !== values.length) return pickOne(random, values);
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < values.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

/** A standard normal deviate (Box–Muller). */
function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

const isoDate = (ms: number) => new Date(ms + CHINA_OFFSET).toISOString().slice(0, 10);

interface Context {
  readonly random: Random;
  readonly now: number;
  readonly n: number;
  readonly data: Record<string, unknown>;
  readonly parent: Readonly<Record<string, unknown>> | undefined;
  readonly names: Set<string>;
}

function companyName(spec: Spec, ctx: Context): string {
  const trade = spec.trade as { field: string; words: Record<string, string[]> } | undefined;
  const words = trade ? trade.words[String(ctx.data[trade.field])] : undefined;
  for (let attempt = 0; ; attempt++) {
    const name =
      pickOne(ctx.random, CITIES) +
      pickOne(ctx.random, BRANDS) +
      pickOne(ctx.random, words ?? TRADES) +
      weighted(ctx.random, LEGAL_FORMS, LEGAL_WEIGHTS);
    // Names on a licence are unique; after a few clashes, a branch makes it so.
    if (!ctx.names.has(name)) return name;
    if (attempt > 20) return `${name}（第${ctx.n}分公司）`;
  }
}

function fillText(pattern: string, ctx: Context): string {
  return pattern.replace(/\{(parent\.)?([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, parent, field) => {
    if (field === "n" && !parent) return String(ctx.n);
    const value = parent ? ctx.parent?.[field] : ctx.data[field];
    return value === undefined || value === null ? "" : String(value);
  });
}

type Plain = (spec: Spec, ctx: Context) => unknown;

const num = (spec: Spec, key: string, fallback = 0) =>
  typeof spec[key] === "number" ? (spec[key] as number) : fallback;

function daysFromNow(spec: Spec, ctx: Context): number {
  const days = num(spec, "fromDays") + ctx.random() * (num(spec, "toDays") - num(spec, "fromDays"));
  return ctx.now + Math.round(days * DAY);
}

/**
 * The plain generators, by `gen` (schemas/template-sample-data lists them). `person`, `parent`
 * and `earlier-sibling` make references instead (see planSampleData).
 */
const plainGenerators: Readonly<Record<string, Plain>> = {
  company: companyName,
  "person-name": (_, { random }) => pickOne(random, SURNAMES) + pickOne(random, GIVEN),
  pick: (spec, { random }) =>
    weighted(random, spec.values as unknown[], spec.weights as number[] | undefined),
  "pick-some": (spec, { random }) => {
    const values = [...(spec.values as unknown[])];
    const min = num(spec, "min", 1);
    const count = Math.min(
      values.length,
      min + Math.floor(random() * (num(spec, "max", 3) - min + 1)),
    );
    const chosen: unknown[] = [];
    while (chosen.length < count)
      chosen.push(values.splice(Math.floor(random() * values.length), 1)[0]);
    return chosen;
  },
  int: (spec, { random }) =>
    Math.floor(num(spec, "min") + random() * (num(spec, "max") - num(spec, "min") + 1)),
  number: (spec, { random }) =>
    round(
      num(spec, "min") + random() * (num(spec, "max") - num(spec, "min")),
      num(spec, "decimals", 2),
    ),
  "long-tail": (spec, { random }) => {
    const value = num(spec, "median") * Math.exp(num(spec, "spread", 1.1) * normal(random));
    const step = num(spec, "round", 1000);
    const clipped = Math.min(num(spec, "max"), Math.max(num(spec, "min"), value));
    return step > 0 ? Math.round(clipped / step) * step : clipped;
  },
  date: (spec, ctx) => isoDate(daysFromNow(spec, ctx)),
  datetime: (spec, ctx) =>
    new Date(Math.floor(daysFromNow(spec, ctx) / 60_000) * 60_000).toISOString(),
  bool: (spec, { random }) => random() < num(spec, "p", 0.5),
  const: (spec) => spec.value,
  phone: (_, { random }) =>
    `1${pickOne(random, ["3", "5", "8", "9"])}${String(Math.floor(random() * 1e9)).padStart(9, "0")}`,
  email: (_, { random, n }) => `user${n}.${Math.floor(random() * 1e6)}@example.com`,
  sequence: (spec, { n }) =>
    `${(spec.prefix as string | undefined) ?? ""}${String(n).padStart(4, "0")}`,
  text: (spec, ctx) => fillText(spec.pattern as string, ctx),
};

/** The value of one plain (non-reference) generator. */
const generate = (spec: Spec, ctx: Context): unknown => plainGenerators[spec.gen]?.(spec, ctx);

/** How many records each top-level generator makes. */
function countOf(generator: Generator, options: SampleOptions): number {
  if (generator.accounts && options.accounts !== undefined) return options.accounts;
  return generator.count ?? 20;
}

/**
 * Plans the records of a spec.
 * @example
 * const plan = planSampleData(spec, { now: Date.now(), accounts: 200 });
 */
export function planSampleData(spec: TemplateSampleData, options: SampleOptions): SamplePlan {
  const random = seededRandom(options.seed ?? spec.seed ?? 1);
  const records: SampleRecord[] = [];
  const byForm = new Map<string, SampleRecord[]>();
  const turns = new Map<string, number>();
  const turn = (role: string) => {
    const next = turns.get(role) ?? 0;
    turns.set(role, next + 1);
    return next;
  };
  const names = new Set<string>();

  for (const generator of spec.records) {
    const made: SampleRecord[] = [];
    const parents: Array<SampleRecord | undefined> = generator.per
      ? (byForm.get(generator.per.form) ?? [])
      : [undefined];
    for (const parent of parents) {
      const count = generator.per
        ? generator.per.min + Math.floor(random() * (generator.per.max - generator.per.min + 1))
        : countOf(generator, options);
      const siblings: number[] = [];
      for (let i = 0; i < count; i++) {
        const data: Record<string, unknown> = {};
        const refs: Record<string, SampleRef> = {};
        const ctx: Context = {
          random,
          now: options.now,
          n: made.length + 1,
          data,
          parent: parent?.data,
          names,
        };
        for (const [field, raw] of Object.entries(generator.fields)) {
          const spec = raw as Spec;
          if (spec.present !== undefined && random() >= (spec.present as number)) continue;
          if (spec.gen === "parent" && parent) refs[field] = { record: parent.index };
          else if (spec.gen === "earlier-sibling") {
            if (siblings.length > 0) refs[field] = { record: pickOne(random, siblings) };
          } else if (spec.gen === "person") {
            refs[field] =
              typeof spec.person === "string"
                ? { person: spec.person }
                : { role: String(spec.role), turn: turn(`field:${String(spec.role)}`) };
          } else {
            const value = generate(spec, ctx);
            if (value !== undefined) data[field] = value;
            if (spec.gen === "company" && typeof value === "string") names.add(value);
          }
        }
        const record: SampleRecord = {
          index: records.length,
          form: generator.form,
          data,
          refs,
          ...(generator.owner
            ? { owner: { role: generator.owner.role, turn: turn(`owner:${generator.owner.role}`) } }
            : {}),
          accountTeam: generator.accountTeam ?? [],
        };
        records.push(record);
        made.push(record);
        siblings.push(record.index);
      }
    }
    byForm.set(generator.form, [...(byForm.get(generator.form) ?? []), ...made]);
  }
  return { spec, records };
}
