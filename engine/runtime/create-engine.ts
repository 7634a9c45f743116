/**
 * @module runtime/create-engine
 * `createEngine({ store, clock })`: kamflow as a library with persistence. A headless user can
 * publish definitions, write records, start flows, act on tasks, fire timers and deliver the
 * outbox in a script; the server hosts the same object.
 */
import { hostname } from "node:os";
import type { BusinessCalendarInput } from "../calendars/index.ts";
import { KamError } from "../errors/index.ts";
import type { FlowEvent, JsonObject } from "../flows/index.ts";
import type { Clock } from "../ports.ts";
import { createRuleEngine } from "../rules/index.ts";
import {
  getInstance,
  getRecord,
  latestPublished,
  listInstanceTasks,
  newId,
  pruneHistory,
  readHistory,
  requireInstance,
  type Store,
  type StoredDefinition,
  type StoredRecord,
  type StoredTask,
  verifyAudit,
} from "../store/index.ts";
import { advance } from "./advance.ts";
import {
  type AddSigners,
  addSigners,
  type SetWaitingForCustomer,
  setWaitingForCustomer,
} from "./approval-actions.ts";
import {
  type ChangeListener,
  type CommittingHandler,
  createChangeFeed,
  type EngineChange,
} from "./changes.ts";
import { runCommand } from "./command.ts";
import type { FaultHook, Instance, Runtime } from "./context.ts";
import { definitionAdmin } from "./definition-admin.ts";
import { createDefinitionCache } from "./definition-cache.ts";
import { type PublishRequest, publish } from "./definitions.ts";
import { type StartRequest, startInstance } from "./instances.ts";
import { jobs } from "./jobs/index.ts";
import { kpiModule } from "./kpis/kpis.ts";
import {
  addAccountTeamMember,
  addMembership,
  createTeam,
  createUser,
  createWorkspace,
  delegate,
  grantRole,
} from "./org.ts";
import { orgAdmin } from "./org-admin.ts";
import { type DeliverOptions, type DeliveryCounts, deliverOutbox } from "./outbox.ts";
import { recordAdmin } from "./record-admin.ts";
import { createRecord, patchRecord } from "./records.ts";
import { runSchedules } from "./schedules.ts";
import { commentOn, remind, transferTask, withdrawInstance } from "./task-actions.ts";
import { type CompleteTask, claimTask, completeTask, inbox, viewTask } from "./tasks.ts";
import { templateAdmin } from "./template-admin.ts";
import { indexTierFields } from "./tier-indexes.ts";
import { evaluateTiers } from "./tiers.ts";
import { type FireOptions, fireDueTimers } from "./timers.ts";
import { fireTriggers } from "./triggers.ts";
import { createTtlCache } from "./ttl-cache.ts";
import { type InboundWebhook, startFromWebhook } from "./webhook-trigger.ts";
import { webhookAdmin } from "./webhooks.ts";
import {
  assignAccountCalendar,
  type CalendarTarget,
  calendarDocument,
  importCalendarTable,
  saveCalendar,
} from "./workspace-calendar.ts";

/** How stale the org directory and the published-definition lists may be across processes. */
const CACHE_TTL_MS = 2000;

export interface EngineOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Names this process in timer and outbox claims. @default `<hostname>:<pid>` */
  readonly owner?: string;
  /** Node entries one step may make before its instance becomes an incident. @default 1000 */
  readonly maxTransitions?: number;
  /** Test hook called before every write of a step (crash-consistency tests throw from it). */
  readonly faults?: FaultHook;
}

interface Acting {
  readonly actor?: string | null;
  readonly idempotencyKey?: string;
}

/** Builds the runtime: the context plus the operations its modules call on each other. */
function createRuntime(options: EngineOptions): Runtime {
  const changes = createChangeFeed();
  const rt: Runtime = {
    store: changes.wrap(options.store),
    changes,
    clock: options.clock,
    rules: createRuleEngine({ clock: options.clock }),
    definitions: createDefinitionCache(options.clock),
    directories: createTtlCache(options.clock, CACHE_TTL_MS),
    published: createTtlCache(options.clock, CACHE_TTL_MS),
    calendars: createTtlCache(options.clock, CACHE_TTL_MS),
    owner: options.owner ?? `${hostname()}:${process.pid}`,
    maxDepth: 16,
    ...(options.maxTransitions ? { maxTransitions: options.maxTransitions } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    advance: (trx, instance, event, depth) => advance(rt, trx, instance, event, depth),
    startInstance: (trx, request, depth) => startInstance(rt, trx, request, depth),
    fireTriggers: (trx, workspaceId, event, depth) =>
      fireTriggers(rt, trx, workspaceId, event, depth),
    evaluateTiers: (trx, workspaceId, recordId, depth) =>
      evaluateTiers(rt, trx, workspaceId, recordId, depth),
  };
  return rt;
}

/**
 * Creates an engine over an open, migrated store.
 * @example
 * const store = await openStore("file:./data/kamflow.db");
 * await store.migrate();
 * const engine = createEngine({ store, clock: { now: () => Date.now() } });
 * const ws = await engine.workspaces.create("ACME");
 * await engine.definitions.publish(ws, accountForm, { actor: null });
 */
export function createEngine(options: EngineOptions) {
  const rt = createRuntime(options);
  const instanceCommand = (
    workspaceId: string,
    id: string,
    name: string,
    event: FlowEvent,
    acting: Acting,
  ) =>
    runCommand(
      rt,
      { workspaceId, name, idempotencyKey: acting.idempotencyKey, request: { id, event } },
      async (trx) => {
        const instance = (await requireInstance(trx, { workspaceId, id })) as Instance;
        if (instance.status === "completed" || instance.status === "cancelled") {
          throw new KamError("RUNTIME_INSTANCE_ENDED", "", { status: instance.status });
        }
        return rt.advance(trx, instance, event);
      },
    );

  return Object.freeze({
    store: options.store,
    /** The engine's clock (tests move a manual one). */
    clock: options.clock,
    workspaces: {
      create: (name: string, settings?: Record<string, unknown>) =>
        createWorkspace(rt, name, settings),
    },
    users: {
      create: (ws: string, user: Parameters<typeof createUser>[2]) => createUser(rt, ws, user),
    },
    teams: {
      create: (ws: string, team: Parameters<typeof createTeam>[2]) => createTeam(rt, ws, team),
    },
    memberships: {
      add: (ws: string, m: Parameters<typeof addMembership>[2]) => addMembership(rt, ws, m),
    },
    roles: { grant: (ws: string, g: Parameters<typeof grantRole>[2]) => grantRole(rt, ws, g) },
    delegations: {
      add: (ws: string, d: Parameters<typeof delegate>[2]) => delegate(rt, ws, d),
    },
    accountTeams: {
      add: (ws: string, m: Parameters<typeof addAccountTeamMember>[2]) =>
        addAccountTeamMember(rt, ws, m),
    },
    /** Audited, workspace-checked org management as the API does it (runtime/org-admin). */
    org: orgAdmin(rt),
    definitions: {
      /** Validates in full and publishes the next version; instances already running keep theirs. */
      publish: async (
        ws: string,
        document: unknown,
        acting: Acting & { note?: string } = {},
      ): Promise<StoredDefinition> => {
        const stored = await rt.store.transaction((trx) =>
          publish(rt, trx, {
            workspaceId: ws,
            document,
            actor: acting.actor ?? null,
            ...(acting.note ? { note: acting.note } : {}),
          } satisfies PublishRequest),
        );
        // After commit, so no concurrent reader caches the list without the new version.
        rt.published.invalidate(`${ws}:${stored.kind}`);
        if (stored.kind === "tier-model") await indexTierFields(rt.store, stored.body);
        return stored;
      },
      latest: (ws: string, kind: string, key: string) =>
        latestPublished(rt.store.db, { workspaceId: ws, kind, key }),
    },
    records: {
      create: (
        ws: string,
        form: string,
        data: unknown,
        acting: Acting & { ownerId?: string; teamId?: string } = {},
      ): Promise<StoredRecord> =>
        runCommand(
          rt,
          {
            workspaceId: ws,
            name: "record.create",
            idempotencyKey: acting.idempotencyKey,
            request: { form, data },
          },
          (trx) =>
            createRecord(rt, trx, {
              workspaceId: ws,
              form,
              data,
              actor: acting.actor ?? null,
              ownerId: acting.ownerId ?? acting.actor ?? null,
              teamId: acting.teamId ?? null,
            }),
        ),
      update: (
        ws: string,
        id: string,
        patch: JsonObject,
        acting: Acting & { expectedVersion?: number } = {},
      ): Promise<StoredRecord> =>
        runCommand(
          rt,
          {
            workspaceId: ws,
            name: "record.update",
            idempotencyKey: acting.idempotencyKey,
            request: { id, patch },
          },
          (trx) =>
            patchRecord(rt, trx, {
              workspaceId: ws,
              recordId: id,
              patch,
              actor: acting.actor ?? null,
              ...(acting.expectedVersion !== undefined
                ? { expectedVersion: acting.expectedVersion }
                : {}),
            }),
        ),
      get: (ws: string, id: string) => getRecord(rt.store.db, { workspaceId: ws, id }),
    },
    flows: {
      /** Starts a flow whose trigger is manual (or that has none). */
      start: (
        ws: string,
        flowKey: string,
        request: Acting & { input?: JsonObject; recordId?: string } = {},
      ): Promise<Instance> =>
        runCommand(
          rt,
          {
            workspaceId: ws,
            name: "flow.start",
            idempotencyKey: request.idempotencyKey,
            request: { flowKey, request },
          },
          async (trx) => {
            const flow = await latestPublished(trx, {
              workspaceId: ws,
              kind: "flow",
              key: flowKey,
            });
            const trigger = (flow?.body as { trigger?: { type: string } } | undefined)?.trigger;
            if (flow && trigger && trigger.type !== "manual") {
              throw new KamError("RUNTIME_TRIGGER_MISMATCH", "", {
                flow: flowKey,
                trigger: "manual",
              });
            }
            const started = await rt.startInstance(trx, {
              workspaceId: ws,
              flowKey,
              id: newId(),
              initiator: request.actor ?? null,
              recordId: request.recordId ?? null,
              ...(flow ? { definition: flow } : {}),
              ...(request.input ? { input: request.input } : {}),
            } satisfies StartRequest);
            return started as Instance;
          },
        ),
      runSchedules: (ws: string, options?: { timeZone?: string }) => runSchedules(rt, ws, options),
      /** Starts a flow from a signed inbound webhook (HMAC over the raw body). */
      startFromWebhook: (hook: InboundWebhook) => startFromWebhook(rt, hook),
    },
    instances: {
      get: async (ws: string, id: string) =>
        (await getInstance(rt.store.db, { workspaceId: ws, id })) as Instance | undefined,
      history: (ws: string, id: string) =>
        readHistory(rt.store.db, { workspaceId: ws, instanceId: id, limit: 10_000 }),
      tasks: (ws: string, id: string): Promise<StoredTask[]> =>
        listInstanceTasks(rt.store.db, { workspaceId: ws, instanceId: id }),
      comment: (command: Parameters<typeof commentOn>[1]) => commentOn(rt, command),
      withdraw: (command: Parameters<typeof withdrawInstance>[1]) => withdrawInstance(rt, command),
      remind: (command: Parameters<typeof remind>[1]) => remind(rt, command),
      cancel: (ws: string, id: string, acting: Acting = {}) =>
        instanceCommand(
          ws,
          id,
          "instance.cancel",
          { type: "cancel", ...(acting.actor ? { actor: acting.actor } : {}) },
          acting,
        ),
      /** Retries an incident: the interpreter's, or a step that could not be applied at all. */
      retry: (ws: string, id: string, acting: Acting = {}) =>
        runCommand(
          rt,
          {
            workspaceId: ws,
            name: "instance.retry",
            idempotencyKey: acting.idempotencyKey,
            request: { id },
          },
          async (trx) => {
            const instance = (await requireInstance(trx, { workspaceId: ws, id })) as Instance;
            if (instance.status !== "incident") throw new KamError("RUNTIME_NOT_INCIDENT", "");
            const failed = (instance.incident as { event?: FlowEvent } | null)?.event;
            const event: FlowEvent =
              instance.state.status === "incident" || !failed
                ? { type: "retry", ...(acting.actor ? { actor: acting.actor } : {}) }
                : failed;
            return rt.advance(trx, instance, event);
          },
        ),
    },
    calendars: {
      /** A calendar document: the workspace's (mainland China's by default) or the named one. */
      get: (ws: string, key?: string) => calendarDocument(rt.store.db, ws, key),
      /** Validates and saves the workspace's calendar, or a named one (`target.key`). */
      save: (ws: string, definition: BusinessCalendarInput, target?: CalendarTarget) =>
        saveCalendar(rt, ws, definition, target),
      /** Imports a yearly holiday table (CSV) into the workspace's or a named calendar. */
      importTable: (ws: string, csv: string, target?: CalendarTarget) =>
        importCalendarTable(rt, ws, csv, target),
      /** Makes an account record's clocks count on a named calendar (`null`: the workspace's). */
      assign: (
        ws: string,
        assignment: { recordId: string; calendar: string | null },
        actor?: string,
      ) => assignAccountCalendar(rt, ws, assignment, actor ?? null),
    },
    tasks: {
      inbox: (ws: string, userId: string) => inbox(rt, ws, userId),
      /** A task with its record (hidden fields removed) and the actions its node allows. */
      view: (ws: string, taskId: string) => viewTask(rt, { workspaceId: ws, taskId }),
      /** 认领: a candidate takes a pool task (`release`: gives it back to the pool). */
      claim: (command: Parameters<typeof claimTask>[1]) => claimTask(rt, command),
      complete: (command: CompleteTask) => completeTask(rt, command),
      transfer: (command: Parameters<typeof transferTask>[1]) => transferTask(rt, command),
      /** 加签: signers before or after the approver holding the task. */
      addSigners: (command: AddSigners) => addSigners(rt, command),
      /** "Waiting for customer": pauses (or resumes) the task's SLA clock. */
      waitForCustomer: (command: SetWaitingForCustomer) => setWaitingForCustomer(rt, command),
    },
    /**
     * Committed changes (steps, tasks, tiers), for live updates: `subscribe` returns an
     * unsubscribe; `onCommitting` runs a handler inside each transaction before it commits (the
     * cross-process fan-out publishes there, so a change is told if and only if it commits);
     * `receive` delivers another process's changes to this one's listeners.
     */
    changes: {
      subscribe: (listener: ChangeListener) => rt.changes.subscribe(listener),
      onCommitting: (handler: CommittingHandler) => rt.changes.onCommitting(handler),
      receive: (changes: readonly EngineChange[]) => rt.changes.receive(changes),
    },
    /** Drafts, validation, idempotent publish, archive and diff of definitions (the designer's). */
    definitionAdmin: definitionAdmin(rt),
    /** Soft delete of records and the what-if preview of a draft tier model. */
    recordAdmin: recordAdmin(rt),
    /** Long work in durable chunks: CSV import of records, evaluate-all of a tier model. */
    jobs: jobs(rt),
    /** Webhook subscriptions, their delivery log, redelivery and pings; registers the fan-out. */
    webhooks: webhookAdmin(rt),
    /** Template packs: dry-run, install, export (runtime/template-admin). */
    templates: templateAdmin(rt),
    /** The KPI configuration and the KPI report of a period (runtime/kpis). */
    kpis: kpiModule(rt),
    timers: { fireDue: (options?: FireOptions): Promise<number> => fireDueTimers(rt, options) },
    outbox: {
      deliver: (options: DeliverOptions): Promise<DeliveryCounts> => deliverOutbox(rt, options),
    },
    audit: { verify: (ws: string) => verifyAudit(rt.store.db, ws) },
    maintenance: {
      /**
       * Retention: deletes the history, fired timers and delivered outbox rows of instances that
       * ended more than `olderThanMs` ago, then checkpoints the SQLite WAL.
       */
      prune: async (olderThanMs: number) => {
        const counts = await pruneHistory(rt.store, { now: rt.clock.now(), olderThanMs });
        await rt.store.checkpoint();
        return counts;
      },
    },
  });
}

export type Engine = ReturnType<typeof createEngine>;
