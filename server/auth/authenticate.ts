/**
 * @module server/auth/authenticate
 * Finds the caller of an API request: a bearer API token (integrations) or the session cookie
 * (browsers, which must also send the session's CSRF token on every request that changes
 * something). Disabled and departed users are refused like unknown ones. What a credential
 * resolves to (token or session, user, role) is kept for a few seconds (server/auth/caller-cache):
 * this process's own revocations, sign-outs and org changes (a demotion, a user disabled) take
 * effect on the very next request; another process's within CALLER_CACHE_TTL_MS.
 */
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { KamError } from "../../engine/errors/index.ts";
import {
  findApiToken,
  getAuthUser,
  getSession,
  type Store,
  touchApiToken,
  workspaceRole,
} from "../../engine/store/index.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { CallerCache, CallerEntry } from "./caller-cache.ts";
import { callersOf } from "./callers-of.ts";
import { digest, sameSecret } from "./secrets.ts";

/** Name of the session cookie. */
export const SESSION_COOKIE = "kam_session";
/** Header carrying the CSRF token of a browser session. */
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Token use is recorded at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

/** The cache key of an API token's digest. */
export const tokenKey = (tokenHash: string) => `t:${tokenHash}`;
/** The cache key of a session id's digest. */
export const sessionKey = (idHash: string) => `s:${idHash}`;

async function active(store: Store, workspaceId: string, userId: string) {
  const user = await getAuthUser(store.db, { workspaceId, id: userId });
  return user?.status === "active";
}

/** What a token resolves to: its live row, an active user, their role. */
async function loadToken(store: Store, tokenHash: string): Promise<CallerEntry | undefined> {
  const token = await findApiToken(store.db, tokenHash);
  if (!token || !(await active(store, token.workspaceId, token.userId))) return undefined;
  return {
    caller: {
      userId: token.userId,
      workspaceId: token.workspaceId,
      role: await workspaceRole(store.db, token),
      via: "token",
    },
    tokenId: token.id,
    lastUsedAt: token.lastUsedAt,
  };
}

/** What a session resolves to: its live row, an active user, their role. */
async function loadSession(
  store: Store,
  idHash: string,
  now: number,
): Promise<CallerEntry | undefined> {
  const session = await getSession(store.db, idHash, now);
  if (!session || !(await active(store, session.workspaceId, session.userId))) return undefined;
  return {
    caller: {
      userId: session.userId,
      workspaceId: session.workspaceId,
      role: await workspaceRole(store.db, session),
      via: "session",
    },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** The cached entry of `key`, else `load`'s answer (kept when it found a caller). */
async function resolve(
  cache: CallerCache,
  key: string,
  now: number,
  load: () => Promise<CallerEntry | undefined>,
): Promise<CallerEntry | undefined> {
  const hit = cache.get(key, now);
  if (hit) return hit;
  const mark = cache.mark();
  const loaded = await load();
  if (loaded) cache.set(key, loaded, now, mark);
  return loaded;
}

/** The middleware: sets `caller` or answers 401/403. */
export function authenticate(deps: Pick<ServerDeps, "engine" | "store" | "clock">) {
  const { store, clock } = deps;
  const cache = callersOf(deps.engine);
  return createMiddleware<AppEnv>(async (c, next) => {
    const now = clock.now();
    let entry: CallerEntry | undefined;
    const authorization = c.req.header("authorization");
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      const hash = digest(authorization.slice(7).trim());
      entry = await resolve(cache, tokenKey(hash), now, () => loadToken(store, hash));
      if (entry?.tokenId !== undefined) {
        const last = entry.lastUsedAt ?? null;
        if (last === null || now - last > TOUCH_EVERY_MS) {
          // Marked first, so concurrent requests of the same token record its use once.
          entry.lastUsedAt = now;
          await touchApiToken(store.db, entry.tokenId, now);
        }
      }
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) {
        const hash = digest(cookie);
        entry = await resolve(cache, sessionKey(hash), now, () => loadSession(store, hash, now));
        // A remembered session still ends on time.
        if (entry?.expiresAt !== undefined && entry.expiresAt <= now) entry = undefined;
      }
      if (entry && !SAFE_METHODS.has(c.req.method)) {
        const sent = c.req.header(CSRF_HEADER) ?? "";
        if (!sameSecret(sent, entry.csrfToken ?? "")) throw new KamError("AUTH_CSRF_INVALID", "");
      }
    }
    if (!entry) throw new KamError("AUTH_REQUIRED", "");
    c.set("caller", entry.caller);
    await next();
  });
}
