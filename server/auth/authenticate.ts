/**
 * @module server/auth/authenticate
 * Finds the caller of an API request: a bearer API token (integrations) or the session cookie
 * (browsers, which must also send the session's CSRF token on every request that changes
 * something). Disabled and departed users are refused like unknown ones. The caller's role is
 * read from their memberships on every request, so a demotion takes effect at once.
 */
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { KamError } from "../../engine/errors/index.ts";
import type { Clock } from "../../engine/ports.ts";
import {
  findApiToken,
  getAuthUser,
  getSession,
  type Store,
  touchApiToken,
  workspaceRole,
} from "../../engine/store/index.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import { digest, sameSecret } from "./secrets.ts";

/** Name of the session cookie. */
export const SESSION_COOKIE = "kam_session";
/** Header carrying the CSRF token of a browser session. */
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Token use is recorded at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

async function active(store: Store, workspaceId: string, userId: string) {
  const user = await getAuthUser(store.db, { workspaceId, id: userId });
  return user?.status === "active";
}

/** The middleware: sets `caller` or answers 401/403. */
export function authenticate(store: Store, clock: Clock) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const now = clock.now();
    let caller: Caller | undefined;
    const authorization = c.req.header("authorization");
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      const token = await findApiToken(store.db, digest(authorization.slice(7).trim()));
      if (token && (await active(store, token.workspaceId, token.userId))) {
        caller = {
          userId: token.userId,
          workspaceId: token.workspaceId,
          role: await workspaceRole(store.db, token),
          via: "token",
        };
        if (token.lastUsedAt === null || now - token.lastUsedAt > TOUCH_EVERY_MS)
          await touchApiToken(store.db, token.id, now);
      }
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie ? await getSession(store.db, digest(cookie), now) : undefined;
      if (session && (await active(store, session.workspaceId, session.userId))) {
        if (!SAFE_METHODS.has(c.req.method)) {
          const sent = c.req.header(CSRF_HEADER) ?? "";
          if (!sameSecret(sent, session.csrfToken)) throw new KamError("AUTH_CSRF_INVALID", "");
        }
        caller = {
          userId: session.userId,
          workspaceId: session.workspaceId,
          role: await workspaceRole(store.db, session),
          via: "session",
        };
      }
    }
    if (!caller) throw new KamError("AUTH_REQUIRED", "");
    c.set("caller", caller);
    await next();
  });
}
