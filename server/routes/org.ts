/**
 * @module server/routes/org
 * The organisation and its audit trail, mounted at `/api/v1`: users, roles (access memberships
 * and business roles), teams and the org chart, delegations, account teams, business calendars
 * and the audit log. Every write goes through `engine.org` or `engine.calendars`, which check
 * that each id belongs to the caller's workspace (404 otherwise) and append an audit event.
 */
import { Hono } from "hono";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";
import { accountTeamRouteDocs, accountTeamRoutes } from "./org/account-teams.ts";
import { auditRouteDocs, auditRoutes } from "./org/audit.ts";
import { calendarRouteDocs, calendarRoutes } from "./org/calendars.ts";
import { delegationRouteDocs, delegationRoutes } from "./org/delegations.ts";
import { roleRouteDocs, roleRoutes } from "./org/roles.ts";
import { teamRouteDocs, teamRoutes } from "./org/teams.ts";
import { userRouteDocs, userRoutes } from "./org/users.ts";

/** Docs of every organisation, calendar and audit route. */
export const orgRouteDocs: RouteDoc[] = [
  ...userRouteDocs,
  ...roleRouteDocs,
  ...teamRouteDocs,
  ...delegationRouteDocs,
  ...accountTeamRouteDocs,
  ...calendarRouteDocs,
  ...auditRouteDocs,
];

/** The organisation routes (full sub-paths: `/users`, `/teams`…). */
export function orgRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  app.route("/", userRoutes(deps));
  app.route("/", roleRoutes(deps));
  app.route("/", teamRoutes(deps));
  app.route("/", delegationRoutes(deps));
  app.route("/", accountTeamRoutes(deps));
  app.route("/", calendarRoutes(deps));
  app.route("/", auditRoutes(deps));
  return app;
}
