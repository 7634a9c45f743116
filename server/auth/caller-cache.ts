/**
 * @module server/auth/caller-cache
 * Who a credential belongs to, remembered for a few seconds, so an API request does not read
 * the token (or session), the user and their memberships on every call. An entry is the answer
 * of those three reads; only credentials that resolved to an active caller are kept (an unknown
 * one is looked up every time).
 *
 * What this process changes, it forgets at once: the server drops a user's entries when they
 * revoke a token or sign out, and the whole workspace's on every org change the engine tells
 * (`org.changed`: a user disabled or departed, a membership or role changed, a password reset
 * that ends sessions). A change made by another process (the CLI, a second server) is seen within
 * `ttlMs` — the same bound as the engine's own caches (runtime/ttl-cache). A lookup that was
 * under way when something was forgotten is not kept, so it cannot bring a stale answer back.
 */
import type { Caller } from "../http/env.ts";

/** What one credential resolved to. */
export interface CallerEntry {
  readonly caller: Caller;
  /** API tokens: the token's id and when its use was last recorded (mutable: throttles writes). */
  readonly tokenId?: string;
  lastUsedAt?: number | null;
  /** Sessions: the CSRF token and when the session expires. */
  readonly csrfToken?: string;
  readonly expiresAt?: number;
}

export interface CallerCache {
  /** The entry of `key` if it is younger than the TTL at `now`. */
  get(key: string, now: number): CallerEntry | undefined;
  /** A mark to pass to `set`: taken before a lookup, it tells whether anything was forgotten since. */
  mark(): number;
  /** Keeps `entry` for `key`, unless something was forgotten since `mark`. */
  set(key: string, entry: CallerEntry, now: number, mark: number): void;
  /** Forgets one credential (a signed-out session). */
  forgetKey(key: string): void;
  /** Forgets every credential of a user (a revoked token). */
  forgetUser(workspaceId: string, userId: string): void;
  /** Forgets every credential of a workspace (its org changed). */
  forgetWorkspace(workspaceId: string): void;
}

interface Stored {
  readonly entry: CallerEntry;
  readonly at: number;
}

/**
 * Creates the cache.
 * @param ttlMs How long an entry is used: the staleness bound for changes other processes make.
 * @param maxEntries Past this, the oldest entry is dropped.
 */
export function createCallerCache(ttlMs: number, maxEntries = 10_000): CallerCache {
  const entries = new Map<string, Stored>();
  let forgotten = 0;
  const forgetWhere = (matches: (caller: Caller) => boolean) => {
    forgotten++;
    for (const [key, stored] of entries) if (matches(stored.entry.caller)) entries.delete(key);
  };
  return {
    get(key, now) {
      const stored = entries.get(key);
      if (stored === undefined) return undefined;
      // A clock that moved backwards (tests) also reloads.
      if (now - stored.at >= ttlMs || now < stored.at) {
        entries.delete(key);
        return undefined;
      }
      return stored.entry;
    },
    mark: () => forgotten,
    set(key, entry, now, mark) {
      if (mark !== forgotten) return;
      entries.delete(key);
      entries.set(key, { entry, at: now });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    forgetKey(key) {
      forgotten++;
      entries.delete(key);
    },
    forgetUser(workspaceId, userId) {
      forgetWhere((c) => c.workspaceId === workspaceId && c.userId === userId);
    },
    forgetWorkspace(workspaceId) {
      forgetWhere((c) => c.workspaceId === workspaceId);
    },
  };
}
