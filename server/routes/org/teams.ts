/**
 * @module server/routes/org/teams
 * Teams and the org chart that manager-chain approvers walk up: the tree with each team's
 * manager and members, creating teams, renaming or moving them (never below themselves),
 * setting the manager, adding and removing members.
 */
import { Hono } from "hono";
import {
  getTeam,
  listMemberships,
  listTeams,
  type Role,
  type StoredMembership,
  type StoredTeam,
} from "../../../engine/store/index.ts";
import {
  teamCreateSchema,
  teamMemberSchema,
  teamUpdateSchema,
} from "../../../schemas/api/org.schema.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { requirePermission } from "../../auth/permissions.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { validBody } from "../../http/validate.ts";
import { actingOf, entities, notFound } from "./common.ts";

/** A team in the tree: its members and the teams below it. */
export interface TeamNode extends StoredTeam {
  readonly members: readonly { membershipId: string; userId: string; role: Role }[];
  readonly children: readonly TeamNode[];
}

/** The org chart over flat teams and their memberships. */
function chartOf(teams: readonly StoredTeam[], memberships: readonly StoredMembership[]) {
  const ids = new Set(teams.map((t) => t.id));
  const membersOf = (id: string) =>
    memberships
      .filter((m) => m.teamId === id)
      .map((m) => ({ membershipId: m.id, userId: m.userId, role: m.role }));
  /** A team with its members and, recursively, the teams below it. */
  const node = (team: StoredTeam, path: ReadonlySet<string> = new Set([team.id])): TeamNode => ({
    ...team,
    members: membersOf(team.id),
    children: teams
      .filter((t) => t.parentId === team.id && !path.has(t.id))
      .map((t) => node(t, new Set([...path, t.id]))),
  });
  return {
    node,
    /** Top-level teams (and any whose parent is gone) with everything below them. */
    roots: () =>
      teams.filter((t) => t.parentId === null || !ids.has(t.parentId)).map((t) => node(t)),
  };
}

/** Docs of the team routes. */
export const teamRouteDocs: RouteDoc[] = docsUnder("/api/v1", "teams", [
  {
    method: "get",
    path: "/teams",
    response: `${SCHEMA_BASE}api/team-list.json`,
    summary: "The org chart: top-level teams, each with its manager, members and sub-teams",
    success: { 200: "The tree" },
  },
  {
    method: "post",
    path: "/teams",
    response: `${SCHEMA_BASE}api/team-record-reply.json`,
    summary: "Create a team",
    body: teamCreateSchema.$id,
    success: { 201: "The team" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "get",
    path: "/teams/{id}",
    response: `${SCHEMA_BASE}api/team-reply.json`,
    summary: "A team with its members and sub-teams",
    success: { 200: "The team" },
    errors: [404],
  },
  {
    method: "patch",
    path: "/teams/{id}",
    response: `${SCHEMA_BASE}api/team-record-reply.json`,
    summary: "Rename, move in the chart, or set or clear the manager",
    body: teamUpdateSchema.$id,
    success: { 200: "The team" },
    errors: [403, 404, 422],
  },
  {
    method: "post",
    path: "/teams/{id}/members",
    response: `${SCHEMA_BASE}api/membership-reply.json`,
    summary: "Add a member, with an access role within the team",
    body: teamMemberSchema.$id,
    success: { 201: "The membership" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "delete",
    path: "/teams/{id}/members/{userId}",
    summary: "Take a user out of the team",
    success: { 204: "Removed" },
    errors: [403, 404, 422],
  },
]);

/** The team routes. */
export function teamRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  const chart = async (workspaceId: string) => {
    const [teams, memberships] = await Promise.all([
      listTeams(store.db, workspaceId),
      listMemberships(store.db, { workspaceId }),
    ]);
    return { teams, memberships };
  };

  app.get("/teams", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const { teams, memberships } = await chart(caller.workspaceId);
    return c.json({ items: chartOf(teams, memberships).roots() });
  });

  app.post("/teams", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const body = await validBody<{
      key: string;
      name: string;
      parentId?: string;
      managerId?: string;
    }>(c, teamCreateSchema);
    const { result } = await engine.org.createTeam(caller.workspaceId, body, actingOf(c));
    return c.json({ team: result }, 201);
  });

  app.get("/teams/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const id = c.req.param("id");
    const team = await getTeam(store.db, { workspaceId: caller.workspaceId, id });
    if (!team) throw notFound(entities.team, id);
    const { teams, memberships } = await chart(caller.workspaceId);
    return c.json({ team: chartOf(teams, memberships).node(team) });
  });

  app.patch("/teams/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const patch = await validBody<{
      name?: string;
      parentId?: string | null;
      managerId?: string | null;
    }>(c, teamUpdateSchema);
    const team = await engine.org.updateTeam(caller.workspaceId, c.req.param("id"), patch, {
      actor: caller.userId,
    });
    return c.json({ team });
  });

  app.post("/teams/:id/members", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    const body = await validBody<{ userId: string; role?: Role }>(c, teamMemberSchema);
    const teamId = c.req.param("id");
    const team = await getTeam(store.db, { workspaceId: caller.workspaceId, id: teamId });
    if (!team) throw notFound(entities.team, teamId);
    const { result } = await engine.org.addMembership(
      caller.workspaceId,
      { userId: body.userId, teamId, role: body.role ?? "member" },
      actingOf(c),
    );
    return c.json({ membership: result }, 201);
  });

  app.delete("/teams/:id/members/:userId", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.write");
    await engine.org.removeTeamMember(
      caller.workspaceId,
      { teamId: c.req.param("id"), userId: c.req.param("userId") },
      actingOf(c),
    );
    return c.body(null, 204);
  });

  return app;
}
