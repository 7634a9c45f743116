/**
 * @module runtime/context
 * What every runtime service shares: the store, the clock, one rule engine, the caches of
 * compiled definitions, and the fault hook tests use to fail a step at any effect.
 */
import type { Transaction } from "kysely";
import type { Directory, FlowEvent, InstanceState } from "../flows/index.ts";
import type { Clock } from "../ports.ts";
import type { RuleEngine } from "../rules/index.ts";
import type { Database, Store, StoredDefinition, StoredInstance } from "../store/index.ts";
import type { ChangeFeed } from "./changes.ts";
import type { DefinitionCache } from "./definition-cache.ts";
import type { StartRequest } from "./instances.ts";
import type { TtlCache } from "./ttl-cache.ts";
import type { WorkspaceCalendars } from "./workspace-calendar.ts";

/** A stored instance with the interpreter's state. */
export type Instance = StoredInstance<InstanceState>;

export type Trx = Transaction<Database>;

/** Called before each write a step makes; a test throws here to prove nothing half-applies. */
export type FaultHook = (point: string) => void;

/** Who did something: a user id, or the engine itself (timers, triggers, schedules). */
export type Actor = string | null;

export interface RuntimeContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly rules: RuleEngine;
  readonly definitions: DefinitionCache;
  /** Org directories by workspace (invalidated by this engine's org writes). */
  readonly directories: TtlCache<Directory>;
  /** Business calendars by workspace: its own, named ones and the accounts assigned to them. */
  readonly calendars: TtlCache<WorkspaceCalendars>;
  /** Published definitions by workspace and kind, as triggers and tiers read them. */
  readonly published: TtlCache<readonly StoredDefinition[]>;
  readonly faults?: FaultHook;
  /** Committed changes, for live updates. */
  readonly changes: ChangeFeed;
  /** Names this process in timer and outbox claims. */
  readonly owner: string;
  /** Node entries one step may make before the instance becomes an incident. */
  readonly maxTransitions?: number;
  /** Nesting of subflow starts and completions inside one transaction. */
  readonly maxDepth: number;
}

/** An event a trigger may start flows on. */
export type TriggerEvent =
  | {
      readonly type: "record.created";
      readonly form: string;
      readonly recordId: string;
      readonly data: object;
      /** Who created the record: the requester of the flows it starts ("my requests"). */
      readonly actor?: string | null;
    }
  | {
      readonly type: "record.updated";
      readonly form: string;
      readonly recordId: string;
      readonly data: object;
      /** The record's data before the change. */
      readonly previous?: object;
      readonly changed: readonly string[];
      /** The flow whose own step made the change: it is not started again by it (loop guard). */
      readonly byFlow?: string;
    }
  | {
      readonly type: "tier.changed";
      readonly model: string;
      readonly recordId: string;
      readonly from: string | null;
      readonly to: string;
    }
  | {
      readonly type: "flow.completed";
      readonly flow: string;
      readonly instanceId: string;
      readonly outcome: string;
      readonly recordId: string | null;
    };

/** Work that must wait until the current instance's new state is saved (same transaction). */
export type FollowUp = () => Promise<void>;

/** The operations runtime modules call on each other, wired once in `createEngine`. */
export interface RuntimeOps {
  /** Applies one event to an instance: step, effects, new state, history, audit. */
  advance(trx: Trx, instance: Instance, event: FlowEvent, depth?: number): Promise<Instance>;
  /** Creates and starts an instance of a published flow; undefined when `startKey` was used. */
  startInstance(trx: Trx, request: StartRequest, depth?: number): Promise<Instance | undefined>;
  fireTriggers(trx: Trx, workspaceId: string, event: TriggerEvent, depth?: number): Promise<void>;
  /** Re-evaluates the tier models of a record's form and fires `tier.changed` triggers. */
  evaluateTiers(trx: Trx, workspaceId: string, recordId: string, depth?: number): Promise<void>;
}

export type Runtime = RuntimeContext & RuntimeOps;

/** Invokes the fault hook, if any. */
export function fault(context: RuntimeContext, point: string): void {
  context.faults?.(point);
}
