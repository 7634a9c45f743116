/**
 * @module server/auth/callers-of
 * The caller cache of an engine (server/auth/caller-cache), created once and shared by every app
 * over that engine, told of the engine's org changes from the start.
 */
import type { Engine } from "../../engine/runtime/index.ts";
import { type CallerCache, createCallerCache } from "./caller-cache.ts";

/**
 * How long a resolved credential is used without reading it again: how late this process sees a
 * token revoked or a user disabled by another process (its own changes it sees at once).
 */
export const CALLER_CACHE_TTL_MS = 2000;

const byEngine = new WeakMap<Engine, CallerCache>();

/**
 * The caller cache of `engine`.
 * @example callersOf(deps.engine).forgetUser(caller.workspaceId, caller.userId);
 */
export function callersOf(engine: Engine): CallerCache {
  let cache = byEngine.get(engine);
  if (!cache) {
    const created = createCallerCache(CALLER_CACHE_TTL_MS);
    engine.changes.subscribe((change) => {
      if (change.type === "org.changed") created.forgetWorkspace(change.workspaceId);
    });
    byEngine.set(engine, created);
    cache = created;
  }
  return cache;
}
