/**
 * @module server/routes/org/roles
 * Roles, granted and revoked by admins: access memberships (admin, designer, manager, member,
 * viewer — workspace-wide or within a team; a user's role is the most privileged they hold) and
 * business roles (kam, sales-director…) that approver specs name.
 */
import { Hono } from "hono";
import { listBusinessRoles, listMemberships, type Role } from "../../../engine/store/index.ts";
import {
  businessRoleCreateSchema,
  membershipCreateSchema,
} from "../../../schemas/api/org.schema.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { requirePermission } from "../../auth/permissions.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { validBody } from "../../http/validate.ts";
import { actingOf } from "./common.ts";

/** Docs of the role routes. */
export const roleRouteDocs: RouteDoc[] = docsUnder("/api/v1", "roles", [
  {
    method: "get",
    path: "/memberships",
    response: `${SCHEMA_BASE}api/membership-list.json`,
    summary: "Access roles held (admins and managers)",
    query: { userId: "Only this user's", teamId: "Only within this team" },
    success: { 200: "The memberships" },
    errors: [403],
  },
  {
    method: "post",
    path: "/memberships",
    response: `${SCHEMA_BASE}api/membership-reply.json`,
    summary: "Grant an access role, workspace-wide or within a team",
    body: membershipCreateSchema.$id,
    success: { 201: "The membership" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "delete",
    path: "/memberships/{id}",
    summary: "Revoke an access role (the last active admin keeps theirs)",
    success: { 204: "Revoked" },
    errors: [403, 404, 422],
  },
  {
    method: "get",
    path: "/business-roles",
    response: `${SCHEMA_BASE}api/business-role-list.json`,
    summary: "Business roles held (admins and managers)",
    query: { userId: "Only this user's", role: "Only this role key" },
    success: { 200: "The grants" },
    errors: [403],
  },
  {
    method: "post",
    path: "/business-roles",
    response: `${SCHEMA_BASE}api/business-role-reply.json`,
    summary: "Grant a business role (kam, sales-director…)",
    body: businessRoleCreateSchema.$id,
    success: { 201: "The grant" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "delete",
    path: "/business-roles/{id}",
    summary: "Revoke a business role",
    success: { 204: "Revoked" },
    errors: [403, 404],
  },
]);

/** The role routes. */
export function roleRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  app.get("/memberships", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.readAll");
    const userId = c.req.query("userId");
    const teamId = c.req.query("teamId");
    const items = await listMemberships(store.db, {
      workspaceId: caller.workspaceId,
      ...(userId ? { userId } : {}),
      ...(teamId ? { teamId } : {}),
    });
    return c.json({ items });
  });

  app.post("/memberships", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const body = await validBody<{ userId: string; role: Role; teamId?: string }>(
      c,
      membershipCreateSchema,
    );
    const { result } = await engine.org.addMembership(caller.workspaceId, body, actingOf(c));
    return c.json({ membership: result }, 201);
  });

  app.delete("/memberships/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    await engine.org.removeMembership(caller.workspaceId, c.req.param("id"), actingOf(c));
    return c.body(null, 204);
  });

  app.get("/business-roles", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.readAll");
    const userId = c.req.query("userId");
    const role = c.req.query("role");
    const items = await listBusinessRoles(store.db, {
      workspaceId: caller.workspaceId,
      ...(userId ? { userId } : {}),
      ...(role ? { role } : {}),
    });
    return c.json({ items });
  });

  app.post("/business-roles", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const body = await validBody<{ userId: string; role: string; teamId?: string }>(
      c,
      businessRoleCreateSchema,
    );
    const { result } = await engine.org.grantRole(caller.workspaceId, body, actingOf(c));
    return c.json({ role: result }, 201);
  });

  app.delete("/business-roles/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    await engine.org.revokeRole(caller.workspaceId, c.req.param("id"), actingOf(c));
    return c.body(null, 204);
  });

  return app;
}
