/**
 * @module runtime/changes
 * What changed, told to listeners after it is committed: an instance stepped, a task was created,
 * changed hands or closed, a record's tier moved. The server turns these into live updates for
 * the people allowed to see them. Changes are collected per transaction and delivered only when
 * it commits — a rolled-back step (or a retried one) tells nobody anything.
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
    };

export type ChangeListener = (change: EngineChange) => void;

/** Collects changes per transaction and delivers them after commit. */
export interface ChangeFeed {
  /** Notes a change made in `trx` (a no-op outside a feed transaction). */
  note(trx: Transaction<Database>, change: EngineChange): void;
  subscribe(listener: ChangeListener): () => void;
  /** `store` whose transactions deliver their changes once committed. */
  wrap(store: Store): Store;
}

/** A feed with no listeners yet. */
export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
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
    wrap(store) {
      return {
        db: store.db,
        dialect: store.dialect,
        migrate: () => store.migrate(),
        checkpoint: () => store.checkpoint(),
        close: () => store.close(),
        async transaction(fn) {
          const changes: EngineChange[] = [];
          const result = await store.transaction((trx) => {
            changes.length = 0; // a retried attempt starts over
            pending.set(trx, changes);
            return fn(trx);
          });
          if (changes.length > 0 && listeners.size > 0) deliver(changes);
          return result;
        },
      };
    },
  };
}
