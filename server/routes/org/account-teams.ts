/**
 * @module server/routes/org/account-teams
 * The team of an account record: who holds which role (kam, executive-sponsor…) on it, which
 * approver specs can name. Admins and managers staff accounts; everyone may see the team of an
 * account record they may see. Every route goes through row-level visibility (server/visibility):
 * a record the caller may not see is a 404 here as in `/records/{id}`.
 */
import { Hono } from "hono";
import { listAccountTeam } from "../../../engine/store/index.ts";
import { accountTeamMemberSchema } from "../../../schemas/api/org.schema.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { requirePermission } from "../../auth/permissions.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { validBody } from "../../http/validate.ts";
import { visibleRecord } from "../../visibility.ts";
import { actingOf } from "./common.ts";

/** Docs of the account-team routes. */
export const accountTeamRouteDocs: RouteDoc[] = docsUnder("/api/v1", "account teams", [
  {
    method: "get",
    path: "/account-teams/{recordId}",
    response: `${SCHEMA_BASE}api/account-team.json`,
    summary: "The team of an account record",
    success: { 200: "Its members and their roles" },
    errors: [404],
  },
  {
    method: "post",
    path: "/account-teams/{recordId}/members",
    response: `${SCHEMA_BASE}api/account-member-reply.json`,
    summary: "Give a user a role on the account",
    body: accountTeamMemberSchema.$id,
    success: { 201: "The member" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "delete",
    path: "/account-teams/{recordId}/members/{memberId}",
    summary: "Take a member off the account team",
    success: { 204: "Removed" },
    errors: [403, 404],
  },
]);

/** The account-team routes. */
export function accountTeamRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  app.get("/account-teams/:recordId", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const recordId = c.req.param("recordId");
    await visibleRecord(store, caller, recordId);
    const items = await listAccountTeam(store.db, { workspaceId: caller.workspaceId, recordId });
    return c.json({ recordId, items });
  });

  app.post("/account-teams/:recordId/members", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "accountTeams.write");
    await visibleRecord(store, caller, c.req.param("recordId"));
    const body = await validBody<{ userId: string; role: string }>(c, accountTeamMemberSchema);
    const { result } = await engine.org.addAccountTeamMember(
      caller.workspaceId,
      { recordId: c.req.param("recordId"), ...body },
      actingOf(c),
    );
    return c.json({ member: result }, 201);
  });

  app.delete("/account-teams/:recordId/members/:memberId", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "accountTeams.write");
    await visibleRecord(store, caller, c.req.param("recordId"));
    await engine.org.removeAccountTeamMember(
      caller.workspaceId,
      { recordId: c.req.param("recordId"), id: c.req.param("memberId") },
      actingOf(c),
    );
    return c.body(null, 204);
  });

  return app;
}
