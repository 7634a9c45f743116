/**
 * @module templates/testing/scenario
 * The harness every pack's scenario tests run on: a fresh database, an empty workspace (Asia/
 * Shanghai, zh-CN), the pack installed exactly as `kamflow install` installs it, the pack's
 * sample people and teams, and a simulated clock that fires due timers, starts scheduled flows
 * and delivers the outbox as it moves. Notifications are captured rather than sent. Test-only.
 */

import type { JsonObject } from "../../engine/flows/index.ts";
import { type ManualClock, manualClock } from "../../engine/ports.ts";
import type { Engine } from "../../engine/runtime/create-engine.ts";
import { createEngine } from "../../engine/runtime/create-engine.ts";
import type { CompleteTask } from "../../engine/runtime/tasks.ts";
import type { InstallResult } from "../../engine/runtime/template-admin.ts";
import {
  applySamplePeople,
  applySampleRecords,
  type SamplePeople,
} from "../../engine/runtime/template-sample.ts";
import {
  effectiveTier,
  fromJson,
  getTierAssignment,
  type Store,
  type StoredRecord,
} from "../../engine/store/index.ts";
import { type TestDatabase, testDatabases } from "../../engine/store/testing/databases.ts";
import { loadBundledPack } from "../../engine/templates/bundled.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
import { planSampleData } from "../../engine/templates/sample-data.ts";
import { engineVersion } from "../../engine/version.ts";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** Epoch ms of a wall-clock time in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghai = (y: number, m: number, d: number, h = 0, min = 0) =>
  Date.UTC(y, m - 1, d, h - 8, min);

/** Monday 23 November 2026, 09:00 in Shanghai: a working day, at the start of office hours. */
export const DEFAULT_START = shanghai(2026, 11, 23, 9);

/** How far one step of `advance` moves at most: schedules are checked at least this often. */
const DEFAULT_STEP = HOUR;

export interface ScenarioOptions {
  /** Epoch ms the clock starts at. @default DEFAULT_START */
  readonly start?: number;
  /** Sample records to generate (the spec's account count); 0 makes only people and teams. */
  readonly accounts?: number;
  /** @default SQLite */
  readonly database?: TestDatabase;
}

export interface Notification {
  readonly to: readonly string[];
  readonly instanceId: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface Scenario {
  readonly engine: Engine;
  readonly store: Store;
  readonly ws: string;
  readonly clock: ManualClock;
  readonly pack: PackDocument;
  readonly install: InstallResult;
  /** Sample person key → user id. */
  readonly people: Readonly<Record<string, string>>;
  /** Sample team key → team id. */
  readonly teams: Readonly<Record<string, string>>;
  /** Ids of generated sample records (with `accounts`). */
  readonly sampleRecords: readonly string[];
  /** Creates a record as a person (record triggers fire). */
  createRecord(
    form: string,
    data: Record<string, unknown>,
    options?: { as?: string; owner?: string },
  ): Promise<StoredRecord>;
  /** Patches a record as a person. */
  updateRecord(id: string, patch: JsonObject, options?: { as?: string }): Promise<StoredRecord>;
  /** Moves the clock forward by `ms`, firing due timers, schedules and the outbox on the way. */
  advance(ms: number, options?: { step?: number }): Promise<void>;
  /** Open tasks of a person. */
  inbox(person: string): ReturnType<Engine["tasks"]["inbox"]>;
  /** Completes a task as a person. */
  complete(
    person: string,
    taskId: string,
    options?: {
      outcome?: CompleteTask["outcome"];
      returnTo?: string;
      data?: JsonObject;
      comment?: string;
    },
  ): ReturnType<Engine["tasks"]["complete"]>;
  /** Notifications sent so far, oldest first. */
  notifications(): Promise<Notification[]>;
  /** Instances of the workspace (of one flow when given), oldest first. */
  instances(
    flowKey?: string,
  ): Promise<Array<{ id: string; flowKey: string; status: string; recordId: string | null }>>;
  /** The record's tier in force under a model, or null. */
  tier(recordId: string, modelKey: string): Promise<string | null>;
  close(): Promise<void>;
}

/** Loads a bundled pack or fails the test with its issues. */
export async function bundledPack(key: string): Promise<PackDocument> {
  const loaded = await loadBundledPack(key, { engineVersion });
  if (loaded === undefined) throw new Error(`no bundled pack "${key}"`);
  if (!loaded.ok) {
    const lines = loaded.issues.map(
      (i) => `${String(i.params?.file ?? "")}${i.pointer}: ${i.message}`,
    );
    throw new Error(`pack "${key}" is invalid:\n${lines.join("\n")}`);
  }
  return loaded.value;
}

/** Opens a scenario: the pack installed into an empty workspace. */
export async function openScenario(
  packKey: string,
  options: ScenarioOptions = {},
): Promise<Scenario> {
  const pack = await bundledPack(packKey);
  const database = options.database ?? (testDatabases()[0] as TestDatabase);
  const store = await database.open();
  const clock = manualClock(options.start ?? DEFAULT_START);
  const engine = createEngine({ store, clock, owner: "scenario" });
  const ws = await engine.workspaces.create(`scenario ${packKey}`, {
    timeZone: "Asia/Shanghai",
    locale: "zh-CN",
  });
  const install = await engine.templates.install(ws, pack, { policy: "fail" });
  const spec = pack.embedded.sampleData;
  const sample: SamplePeople = spec
    ? await applySamplePeople(engine, ws, spec)
    : { people: {}, teams: {}, holders: {} };
  const sampleRecords =
    spec && (options.accounts ?? 0) > 0
      ? await applySampleRecords(
          engine,
          ws,
          planSampleData(spec, { now: clock.now(), accounts: options.accounts as number }),
          sample,
        )
      : [];

  const person = (key: string | undefined): string | null => {
    if (key === undefined) return null;
    const id = sample.people[key];
    if (id === undefined) throw new Error(`no sample person "${key}"`);
    return id;
  };
  const perform = async () => ({ ok: true });

  async function tick(): Promise<void> {
    // Several passes: a fired timer may create work that is due at once (a zero-delay level).
    for (let pass = 0; pass < 10; pass++) {
      const fired = await engine.timers.fireDue({ limit: 1000 });
      const started = await engine.flows.runSchedules(ws, { timeZone: "Asia/Shanghai" });
      const delivered = await engine.outbox.deliver({ perform, limit: 1000 });
      if (fired + started + delivered.delivered === 0) return;
    }
  }

  async function nextDue(): Promise<number | undefined> {
    const row = await store.db
      .selectFrom("timers")
      .select((eb) => eb.fn.min("due_at").as("due"))
      .where("workspace_id", "=", ws)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return row?.due === null || row?.due === undefined ? undefined : Number(row.due);
  }

  return {
    engine,
    store,
    ws,
    clock,
    pack,
    install,
    people: sample.people,
    teams: sample.teams,
    sampleRecords,
    createRecord: async (form, data, opts = {}) => {
      const record = await engine.records.create(ws, form, data, {
        actor: person(opts.as),
        ...(opts.owner !== undefined ? { ownerId: person(opts.owner) as string } : {}),
      });
      await tick();
      return record;
    },
    updateRecord: async (id, patch, opts = {}) => {
      const record = await engine.records.update(ws, id, patch, { actor: person(opts.as) });
      await tick();
      return record;
    },
    advance: async (ms, opts = {}) => {
      const target = clock.now() + ms;
      const step = opts.step ?? DEFAULT_STEP;
      await tick();
      while (clock.now() < target) {
        const due = await nextDue();
        let next = Math.min(target, clock.now() + step);
        if (due !== undefined && due > clock.now() && due < next) next = due;
        clock.set(next);
        await tick();
      }
    },
    inbox: (key) => engine.tasks.inbox(ws, person(key) as string),
    complete: (key, taskId, opts = {}) =>
      engine.tasks.complete({
        workspaceId: ws,
        taskId,
        actor: person(key) as string,
        outcome: opts.outcome ?? "complete",
        ...(opts.returnTo !== undefined ? { returnTo: opts.returnTo } : {}),
        ...(opts.data !== undefined ? { data: opts.data } : {}),
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
      }),
    notifications: async () => {
      const rows = await store.db
        .selectFrom("outbox")
        .select(["instance_id", "payload"])
        .where("workspace_id", "=", ws)
        .where("kind", "=", "notification")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map((row) => {
        const payload = fromJson<Record<string, unknown>>(row.payload);
        const to = Array.isArray(payload.to) ? (payload.to as string[]) : [];
        return { to, instanceId: row.instance_id, payload };
      });
    },
    instances: async (flowKey) => {
      let query = store.db
        .selectFrom("flow_instances")
        .select(["id", "flow_key", "status", "record_id"])
        .where("workspace_id", "=", ws);
      if (flowKey !== undefined) query = query.where("flow_key", "=", flowKey);
      const rows = await query.orderBy("created_at").orderBy("id").execute();
      return rows.map((r) => ({
        id: r.id,
        flowKey: r.flow_key,
        status: r.status,
        recordId: r.record_id,
      }));
    },
    tier: async (recordId, modelKey) => {
      const assignment = await getTierAssignment(store.db, {
        workspaceId: ws,
        recordId,
        modelKey,
      });
      return assignment ? effectiveTier(assignment, clock.now()) : null;
    },
    close: () => store.close(),
  };
}
