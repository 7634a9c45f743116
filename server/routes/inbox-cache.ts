/**
 * @module server/routes/inbox-cache
 * Each user's inbox, kept serialized (the JSON body and its ETag) so that reading it again — a
 * browser polling, an integration checking its work queue — costs neither a query nor a
 * serialization. An inbox is only tasks, and every task write of the engine tells a
 * `task.changed` change after it commits; on one (or an `instance.step`), every cached inbox of
 * that workspace is dropped before the next request can read it, so a task created, completed or
 * reassigned in this process shows on the very next request. Changes made by another process are
 * seen within `ttlMs`. Concurrent reads of the same missing inbox share one query; a query that
 * was under way when the workspace changed is answered but not kept.
 */
import { createHash } from "node:crypto";
import type { Clock } from "../../engine/ports.ts";
import type { Engine } from "../../engine/runtime/index.ts";

/** A serialized inbox. */
export interface InboxBody {
  /** `{"items":[…]}`, exactly what `c.json({ items })` sends. */
  readonly json: string;
  /** A strong ETag of `json`. */
  readonly etag: string;
}

export interface InboxCache {
  /** The inbox of `userId` in `workspaceId`, from the cache or a query. */
  get(workspaceId: string, userId: string): Promise<InboxBody>;
}

/** Reads an inbox from the database. */
export type InboxLoader = (workspaceId: string, userId: string) => Promise<readonly unknown[]>;

interface Stored {
  readonly body: InboxBody;
  readonly at: number;
}

/** Serializes an inbox, with its ETag. */
export function inboxBody(items: readonly unknown[]): InboxBody {
  const json = JSON.stringify({ items });
  const hash = createHash("sha1").update(json).digest("base64url");
  return { json, etag: `"${hash}"` };
}

/** Default bound of the serialized inboxes kept, in characters (about 32 MB of ASCII JSON). */
export const INBOX_CACHE_MAX_CHARS = 32 * 1024 * 1024;

/**
 * Creates a cache over `engine`'s change feed; `load` reads an inbox.
 * @param ttlMs How long an inbox is served without a query: the staleness bound for changes
 *   other processes make.
 * @param maxChars Past this many characters of JSON kept, the oldest inboxes are dropped.
 */
export function createInboxCache(
  engine: { readonly changes: Pick<Engine["changes"], "subscribe"> },
  clock: Clock,
  load: InboxLoader,
  ttlMs: number,
  maxChars = INBOX_CACHE_MAX_CHARS,
): InboxCache {
  // workspace → user → inbox, oldest first in both; a workspace's entries go together.
  const workspaces = new Map<string, Map<string, Stored>>();
  const loading = new Map<string, Map<string, Promise<InboxBody>>>();
  const generations = new Map<string, number>();
  let chars = 0;

  const dropWorkspace = (workspaceId: string) => {
    generations.set(workspaceId, (generations.get(workspaceId) ?? 0) + 1);
    for (const stored of workspaces.get(workspaceId)?.values() ?? [])
      chars -= stored.body.json.length;
    workspaces.delete(workspaceId);
    loading.delete(workspaceId);
  };
  engine.changes.subscribe((change) => {
    if (change.type === "task.changed" || change.type === "instance.step")
      dropWorkspace(change.workspaceId);
  });

  const keep = (workspaceId: string, userId: string, body: InboxBody, at: number) => {
    let users = workspaces.get(workspaceId);
    if (!users) {
      users = new Map();
      workspaces.set(workspaceId, users);
    }
    const previous = users.get(userId);
    if (previous) chars -= previous.body.json.length;
    users.delete(userId);
    users.set(userId, { body, at });
    chars += body.json.length;
    // Over the bound, the oldest inboxes of the oldest workspaces go (a loose order, not an LRU).
    while (chars > maxChars) {
      const oldest = workspaces.entries().next().value;
      if (oldest === undefined) break;
      const [oldestWorkspace, oldestUsers] = oldest;
      const first = oldestUsers.entries().next().value;
      if (first !== undefined) {
        oldestUsers.delete(first[0]);
        chars -= first[1].body.json.length;
      }
      if (oldestUsers.size === 0) workspaces.delete(oldestWorkspace);
    }
  };

  return {
    get(workspaceId, userId) {
      const now = clock.now();
      const hit = workspaces.get(workspaceId)?.get(userId);
      // A clock that moved backwards (tests) also reloads.
      if (hit && now - hit.at < ttlMs && now >= hit.at) return Promise.resolve(hit.body);
      const pending = loading.get(workspaceId)?.get(userId);
      if (pending) return pending;
      const generation = generations.get(workspaceId) ?? 0;
      const promise = load(workspaceId, userId).then((items) => {
        const body = inboxBody(items);
        // Kept only if the workspace did not change while the query ran.
        if ((generations.get(workspaceId) ?? 0) === generation)
          keep(workspaceId, userId, body, now);
        return body;
      });
      let users = loading.get(workspaceId);
      if (!users) {
        users = new Map();
        loading.set(workspaceId, users);
      }
      users.set(userId, promise);
      const done = () => {
        if (loading.get(workspaceId)?.get(userId) === promise) {
          users.delete(userId);
          if (users.size === 0 && loading.get(workspaceId) === users) loading.delete(workspaceId);
        }
      };
      promise.then(done, done);
      return promise;
    },
  };
}
