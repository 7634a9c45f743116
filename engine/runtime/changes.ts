/**
 * @module runtime/changes
 * What changed, told to listeners after it is committed: an instance stepped, a task was created,
 * changed hands or closed, a record's tier moved. The server turns these into live updates for
 * the people allowed to see them. Changes are collected per transaction and delivered only when
 * it commits — a rolled-back step (or a retried one) tells nobody anything.
 *
 * Committing handlers (`onCommitting`) see a transaction's changes inside it, after its work and
 * before its commit: what they write (webhook deliveries in the outbox) commits with the change
 * or not at all, and a handler that throws rolls the whole transaction back.
 */
import type { Transaction } from "kysely";
import type { Database, Store } from "../store/index.ts";

/** One committed change. */
export type EngineChange =
  | {
      readonly type: "instance.step";
      readonly workspaceId: string;
      readonly instanceId: string;
      readonly flowKey: string;
      readonly status: string;
      readonly initiatorId: string | null;
      readonly recordId: string | null;
      /** The event that made the step, e.g. `task.completed`, `timer.fired`. */
      readonly event: string;
    }
  | {
      readonly type: "task.changed";
      readonly workspaceId: string;
      readonly taskId: string;
      readonly instanceId: string;
      readonly change: "created" | "updated" | "closed";
      /** Everyone whose inbox it enters or leaves. */
      readonly holders: readonly string[];
      readonly dueAt?: number | null;
    }
  | {
      readonly type: "tier.changed";
      readonly workspaceId: string;
      readonly recordId: string;
      readonly model: string;
      readonly from: string | null;
      readonly to: string;
    }
  | {
      readonly type: "record.changed";
      readonly workspaceId: string;
      readonly recordId: string;
      readonly form: string;
      readonly change: "created" | "updated";
      readonly version: number;
      /** The record's data after the write. */
      readonly data: unknown;
      /** Top-level fields that changed (updates only). */
      readonly changed?: readonly string[];
      readonly actor: string | null;
    }
  | {
      /**
       * The workspace's people changed: users, memberships, teams, roles, delegations or
       * passwords (org writes, runtime/org and runtime/org-command). Caches of who may do what
       * (the server's authentication cache) drop the workspace's entries.
       */
      readonly type: "org.changed";
      readonly workspaceId: string;
    }
  | {
      readonly type: "job.progress";
      readonly workspaceId: string;
      readonly jobId: string;
      readonly kind: string;
      /** queued, running, succeeded, failed or cancelled. */
      readonly status: string;
      readonly done: number;
      readonly total: number | null;
      /** Who created the job: the one told about its progress. */
      readonly createdBy: string | null;
    };

export type ChangeListener = (change: EngineChange) => void;

/** Runs inside a transaction after its work, before its commit, with the changes it noted. */
export type CommittingHandler = (
  trx: Transaction<Database>,
  changes: readonly EngineChange[],
) => Promise<void>;

/** Collects changes per transaction and delivers them after commit. */
export interface ChangeFeed {
  /** Notes a change made in `trx` (a no-op outside a feed transaction). */
  note(trx: Transaction<Database>, change: EngineChange): void;
  subscribe(listener: ChangeListener): () => void;
  /** Adds a handler every feed transaction runs before it commits; returns a remover. */
  onCommitting(handler: CommittingHandler): () => void;
  /** `store` whose transactions deliver their changes once committed. */
  wrap(store: Store): Store;
  /**
   * Delivers changes another process committed (told over LISTEN/NOTIFY, server/fanout) to this
   * process's listeners, as if they had been committed here. Committing handlers do not run:
   * the other process ran them in its transaction.
   */
  receive(changes: readonly EngineChange[]): void;
}

/** A feed with no listeners yet. */
export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  const committing = new Set<CommittingHandler>();
  const pending = new WeakMap<object, EngineChange[]>();
  const deliver = (changes: readonly EngineChange[]) => {
    for (const change of changes) {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // A listener's failure (a closed connection) must not undo or stop anything else.
        }
      }
    }
  };
  return {
    note(trx, change) {
      pending.get(trx)?.push(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    receive(changes) {
      if (listeners.size > 0) deliver(changes);
    },
    onCommitting(handler) {
      committing.add(handler);
      return () => committing.delete(handler);
    },
    wrap(store) {
      return {
        db: store.db,
        dialect: store.dialect,
        migrate: () => store.migrate(),
        checkpoint: () => store.checkpoint(),
        close: () => store.close(),
        async transaction(fn) {
          const changes: EngineChange[] = [];
          const result = await store.transaction(async (trx) => {
            changes.length = 0; // a retried attempt starts over
            pending.set(trx, changes);
            const value = await fn(trx);
            for (const handler of committing) await handler(trx, changes);
            return value;
          });
          if (changes.length > 0 && listeners.size > 0) deliver(changes);
          return result;
        },
      };
    },
  };
}
