/**
 * @module server/routes/auth
 * Sign in and out, who am I, and API tokens. Login answers the same way for an unknown e-mail and
 * a wrong password (and spends the same scrypt time), and is rate-limited per address and e-mail.
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { KamError } from "../../engine/errors/index.ts";
import {
  deleteSession,
  findUsersByEmail,
  getAuthUser,
  getSession,
  getWorkspace,
  insertApiToken,
  insertSession,
  listApiTokens,
  revokeApiToken,
  workspaceRole,
} from "../../engine/store/index.ts";
import { loginRequestSchema, tokenRequestSchema } from "../../schemas/api/requests.schema.ts";
import {
  newTokenSchema,
  sessionSchema,
  tokenListSchema,
} from "../../schemas/api/responses.schema.ts";
import { authenticate, SESSION_COOKIE, sessionKey } from "../auth/authenticate.ts";
import { callersOf } from "../auth/callers-of.ts";
import { DUMMY_HASH, verifyPassword } from "../auth/password.ts";
import { requirePermission } from "../auth/permissions.ts";
import { digest, newSecret } from "../auth/secrets.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { validBody } from "../http/validate.ts";

/** How long a session lasts. */
const SESSION_MS = 8 * 60 * 60_000;

interface Login {
  email: string;
  password: string;
  workspaceId?: string;
}

/** Docs of the `/auth` routes. */
export const authRouteDocs: RouteDoc[] = docsUnder("/api/v1/auth", "auth", [
  {
    method: "post",
    path: "/login",
    summary: "Sign in: sets the session cookie, returns the CSRF token",
    response: sessionSchema.$id,
    auth: false,
    body: loginRequestSchema.$id,
    success: { 200: "The user, workspace, role and CSRF token" },
    errors: [429],
  },
  {
    method: "post",
    path: "/logout",
    summary: "Sign out",
    success: { 204: "Signed out" },
    // A cookie session's write without its CSRF token (server/auth/authenticate).
    errors: [403],
  },
  {
    method: "get",
    path: "/me",
    summary: "Who I am",
    response: sessionSchema.$id,
    success: { 200: "The user, workspace and role" },
  },
  {
    method: "get",
    path: "/tokens",
    summary: "My API tokens (never their secrets)",
    response: tokenListSchema.$id,
    success: { 200: "The tokens" },
  },
  {
    method: "post",
    path: "/tokens",
    summary: "Create an API token; its secret is shown once",
    response: newTokenSchema.$id,
    body: tokenRequestSchema.$id,
    success: { 201: "The token with its secret" },
    errors: [403],
  },
  {
    method: "delete",
    path: "/tokens/{id}",
    summary: "Revoke an API token",
    success: { 204: "Revoked" },
    errors: [403, 404],
  },
]);

/** The `/auth` routes. */
export function authRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { store, clock, limiter } = deps;

  app.post("/login", async (c) => {
    const body = await validBody<Login>(c, loginRequestSchema);
    const now = clock.now();
    const email = body.email.trim().toLowerCase();
    const address = c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
    const key = `${address}|${email}`;
    // The address comes from a header the client can set: failures also count per account,
    // so changing X-Forwarded-For on each guess does not reset the limit.
    const account = `*|${email}`;
    const wait = Math.max(limiter.retryAfter(key, now), limiter.retryAfter(account, now));
    if (wait > 0) throw new KamError("AUTH_RATE_LIMITED", "", { seconds: wait });
    const candidates = (await findUsersByEmail(store.db, email)).filter(
      (u) => body.workspaceId === undefined || u.workspaceId === body.workspaceId,
    );
    if (candidates.length > 1) throw new KamError("AUTH_WORKSPACE_REQUIRED", "/workspaceId");
    const user = candidates[0];
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.status !== "active" || !user.passwordHash) {
      limiter.fail(key, now);
      limiter.fail(account, now);
      throw new KamError("AUTH_CREDENTIALS_INVALID", "");
    }
    limiter.succeed(key);
    limiter.succeed(account);
    const sessionId = newSecret();
    const csrfToken = newSecret();
    await insertSession(store.db, {
      idHash: digest(sessionId),
      workspaceId: user.workspaceId,
      userId: user.id,
      csrfToken,
      now,
      expiresAt: now + SESSION_MS,
    });
    const secure =
      new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
    setCookie(c, SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: "Lax",
      secure,
      path: "/",
      maxAge: SESSION_MS / 1000,
    });
    const role = await workspaceRole(store.db, { workspaceId: user.workspaceId, userId: user.id });
    return c.json({
      user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
      workspaceId: user.workspaceId,
      role,
      csrfToken,
    });
  });

  const authed = new Hono<AppEnv>();
  authed.use(authenticate(deps));
  const callers = callersOf(deps.engine);

  authed.post("/logout", async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      await deleteSession(store.db, digest(cookie));
      // The session is refused from the very next request on.
      callers.forgetKey(sessionKey(digest(cookie)));
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  authed.get("/me", async (c) => {
    const caller = c.get("caller");
    const user = await getAuthUser(store.db, {
      workspaceId: caller.workspaceId,
      id: caller.userId,
    });
    const named = async (id: string) => ({
      id,
      name: (await getWorkspace(store.db, id))?.name ?? id,
    });
    // Every workspace where the same e-mail has an active account: the designer's switcher
    // signs in again into another one (a session belongs to one workspace).
    const accounts = user ? await findUsersByEmail(store.db, user.email) : [];
    const workspaces = [];
    for (const account of accounts)
      if (account.status === "active") workspaces.push(await named(account.workspaceId));
    // A reloaded page has lost the login answer's CSRF token; the same session gets it again
    // here (same-origin only: no CORS, and the session cookie is HttpOnly).
    const cookie = caller.via === "session" ? getCookie(c, SESSION_COOKIE) : undefined;
    const session = cookie ? await getSession(store.db, digest(cookie), clock.now()) : undefined;
    return c.json({
      user: { id: caller.userId, email: user?.email, name: user?.name, locale: user?.locale },
      workspaceId: caller.workspaceId,
      workspace: await named(caller.workspaceId),
      workspaces,
      role: caller.role,
      via: caller.via,
      ...(session ? { csrfToken: session.csrfToken } : {}),
    });
  });

  authed.get("/tokens", async (c) => {
    const caller = c.get("caller");
    return c.json({ items: await listApiTokens(store.db, caller) });
  });

  authed.post("/tokens", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tokens.manage");
    const body = await validBody<{ name: string }>(c, tokenRequestSchema);
    const token = newSecret("kam_");
    const id = await insertApiToken(store.db, {
      workspaceId: caller.workspaceId,
      userId: caller.userId,
      name: body.name,
      tokenHash: digest(token),
      now: clock.now(),
    });
    // The secret is shown once; only its digest is kept.
    return c.json({ id, name: body.name, token }, 201);
  });

  authed.delete("/tokens/:id", async (c) => {
    const caller = c.get("caller");
    const revoked = await revokeApiToken(store.db, {
      ...caller,
      id: c.req.param("id"),
      now: clock.now(),
    });
    // The revoked token is refused from the very next request on.
    if (revoked) callers.forgetUser(caller.workspaceId, caller.userId);
    if (!revoked)
      throw new KamError("STORE_NOT_FOUND", "", {
        entity: { "zh-CN": "令牌", en: "token" },
        id: c.req.param("id"),
      });
    return c.body(null, 204);
  });

  app.route("/", authed);
  return app;
}
