/**
 * @module server/routes/org/users
 * Users: the directory (admins and managers see e-mails, status and roles; everyone else sees
 * names only), creating a user with a password or a generated one shown once, disabling or
 * marking a user departed, an admin's password reset and changing my own password.
 */
import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { KamError } from "../../../engine/errors/index.ts";
import {
  getAuthUser,
  getOrgUser,
  listBusinessRoles,
  listMemberships,
  listOrgUsers,
  type OrgUser,
  type UserStatus,
  userStatuses,
} from "../../../engine/store/index.ts";
import {
  passwordChangeSchema,
  userCreateSchema,
  userUpdateSchema,
} from "../../../schemas/api/org.schema.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { SESSION_COOKIE } from "../../auth/authenticate.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../auth/password.ts";
import { allows, requirePermission } from "../../auth/permissions.ts";
import { digest } from "../../auth/secrets.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { validBody } from "../../http/validate.ts";
import { actingOf, entities, notFound, oneOf } from "./common.ts";

interface NewUserBody {
  email: string;
  name: string;
  locale?: string;
  role?: OrgUser["role"];
  password?: string;
}

/** A password to hand over: 16 random base64url characters (96 bits). */
const generatedPassword = () => randomBytes(12).toString("base64url");

/** What someone without `org.readAll` sees of another user. */
const nameOnly = (user: OrgUser) => ({ id: user.id, name: user.name });

/** Docs of the user routes. */
export const userRouteDocs: RouteDoc[] = docsUnder("/api/v1", "users", [
  {
    method: "get",
    path: "/users",
    response: `${SCHEMA_BASE}api/user-list.json`,
    summary: "Users of the workspace (names only unless admin or manager)",
    query: { status: "active, disabled or departed" },
    success: { 200: "The users, by name" },
  },
  {
    method: "post",
    path: "/users",
    response: `${SCHEMA_BASE}api/user-created.json`,
    summary: "Create a user; a generated password is returned once",
    body: userCreateSchema.$id,
    success: { 201: "The user, and `password` when it was generated" },
    errors: [403, 409, 422],
    idempotent: true,
  },
  {
    method: "post",
    path: "/users/me/password",
    summary: "Change my password (my other sessions end)",
    description: "A wrong current password answers 401 and counts towards the sign-in limit.",
    body: passwordChangeSchema.$id,
    success: { 204: "Changed" },
    errors: [429],
  },
  {
    method: "get",
    path: "/users/{id}",
    response: `${SCHEMA_BASE}api/user-detail.json`,
    summary: "A user: with roles for admins, managers and the user; the name for others",
    success: { 200: "The user" },
    errors: [404],
  },
  {
    method: "patch",
    path: "/users/{id}",
    response: `${SCHEMA_BASE}api/user-reply.json`,
    summary: "Rename, change the locale, disable or mark departed",
    description:
      "A disabled or departed user cannot sign in (sessions and tokens stop at once) and is skipped by approver resolution. The last active admin cannot be disabled.",
    body: userUpdateSchema.$id,
    success: { 200: "The user" },
    errors: [403, 404, 422],
  },
  {
    method: "post",
    path: "/users/{id}/reset-password",
    response: `${SCHEMA_BASE}api/generated-password.json`,
    summary: "Reset a user's password to a generated one, returned once; their sessions end",
    success: { 200: "The new password" },
    errors: [403, 404],
  },
]);

/** The user routes. */
export function userRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store, clock, limiter } = deps;

  app.get("/users", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const status = oneOf<UserStatus>(c, "status", userStatuses);
    const users = await listOrgUsers(store.db, {
      workspaceId: caller.workspaceId,
      ...(status ? { status } : {}),
    });
    const full = allows(caller.role, "org.readAll");
    return c.json({ items: full ? users : users.map(nameOnly) });
  });

  app.post("/users", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const body = await validBody<NewUserBody>(c, userCreateSchema);
    const password = body.password ?? generatedPassword();
    const { result, replayed } = await engine.org.createUser(
      caller.workspaceId,
      {
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(password),
        ...(body.locale ? { locale: body.locale } : {}),
        ...(body.role ? { role: body.role } : {}),
      },
      actingOf(c),
    );
    // A generated password is shown once: not again on a replay (it was not set then).
    const shown = body.password === undefined && !replayed ? { password } : {};
    return c.json({ user: result, ...shown }, 201);
  });

  app.post("/users/me/password", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "profile.write");
    const body = await validBody<{ currentPassword: string; newPassword: string }>(
      c,
      passwordChangeSchema,
    );
    const now = clock.now();
    const key = `password|${caller.workspaceId}|${caller.userId}`;
    const wait = limiter.retryAfter(key, now);
    if (wait > 0) throw new KamError("AUTH_RATE_LIMITED", "", { seconds: wait });
    const user = await getAuthUser(store.db, {
      workspaceId: caller.workspaceId,
      id: caller.userId,
    });
    const ok = await verifyPassword(body.currentPassword, user?.passwordHash ?? DUMMY_HASH);
    if (!ok || !user?.passwordHash) {
      limiter.fail(key, now);
      throw new KamError("AUTH_CREDENTIALS_INVALID", "/currentPassword");
    }
    limiter.succeed(key);
    const cookie = caller.via === "session" ? getCookie(c, SESSION_COOKIE) : undefined;
    await engine.org.setPassword(
      caller.workspaceId,
      {
        userId: caller.userId,
        passwordHash: await hashPassword(body.newPassword),
        reason: "change",
        ...(cookie ? { keepSession: digest(cookie) } : {}),
      },
      actingOf(c),
    );
    return c.body(null, 204);
  });

  app.get("/users/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const id = c.req.param("id");
    const user = await getOrgUser(store.db, { workspaceId: caller.workspaceId, id });
    if (!user) throw notFound(entities.user, id);
    if (!allows(caller.role, "org.readAll") && caller.userId !== id)
      return c.json({ user: nameOnly(user) });
    const key = { workspaceId: caller.workspaceId, userId: id };
    const [memberships, businessRoles] = await Promise.all([
      listMemberships(store.db, key),
      listBusinessRoles(store.db, key),
    ]);
    return c.json({ user, memberships, businessRoles });
  });

  app.patch("/users/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const patch = await validBody<{ name?: string; locale?: string; status?: UserStatus }>(
      c,
      userUpdateSchema,
    );
    const user = await engine.org.updateUser(caller.workspaceId, c.req.param("id"), patch, {
      actor: caller.userId,
    });
    return c.json({ user });
  });

  app.post("/users/:id/reset-password", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const password = generatedPassword();
    await engine.org.setPassword(
      caller.workspaceId,
      {
        userId: c.req.param("id"),
        passwordHash: await hashPassword(password),
        reason: "reset",
      },
      { actor: caller.userId },
    );
    return c.json({ password });
  });

  return app;
}
