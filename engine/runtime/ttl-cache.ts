/**
 * @module runtime/ttl-cache
 * A per-workspace cache of data that changes rarely (the org directory, the published flows
 * triggers look at). This engine invalidates an entry when it writes that data itself; changes
 * made by another process are seen within `ttlMs`.
 */
import type { Clock } from "../ports.ts";

export interface TtlCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  invalidate(key: string): void;
}

export function createTtlCache<V>(clock: Clock, ttlMs: number, maxEntries = 1000): TtlCache<V> {
  const entries = new Map<string, { at: number; value: V }>();
  return {
    async get(key, load) {
      const now = clock.now();
      const hit = entries.get(key);
      // A clock moved backwards (tests) also reloads.
      if (hit && now - hit.at < ttlMs && now >= hit.at) return hit.value;
      const value = await load();
      entries.set(key, { at: now, value });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return value;
    },
    invalidate: (key) => {
      entries.delete(key);
    },
  };
}
