/**
 * @module server/routes/kpis
 * KPIs of a period (`GET /kpis?from=&to=&team=`): NPS, churn of high-value accounts,
 * upsell/cross-sell revenue, LTV change, ticket resolution time, SLA breach rate, and tier
 * distribution and movement. Anyone who may read records may ask; the figures count only the
 * records the caller may see (row-level visibility, server/visibility) — a member gets the KPIs
 * of their own and their teams' accounts, a manager those of their subtree, an admin the whole
 * workspace's. Where the figures come from (forms, fields, tiers, flows) is the workspace's KPI
 * configuration, which admins read and replace at `/kpis/config`.
 */
import { Hono } from "hono";
import { kpiConfigSchema, kpiReportSchema } from "../../schemas/api/kpis.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { validBody } from "../http/validate.ts";
import { visibilityOf } from "../visibility.ts";

/** Docs of the `/kpis` routes (see server/http/route-docs). */
export const kpiRouteDocs: RouteDoc[] = docsUnder("/api/v1/kpis", "kpis", [
  {
    method: "get",
    path: "/",
    response: kpiReportSchema.$id,
    summary: "KPIs of a period, over the records I may see",
    description:
      "Counts only records the caller may see (row-level visibility). Dates are read in the workspace's time zone.",
    query: {
      from: "Start: a date (2026-11-01, from its midnight) or an instant with an offset (default: 30 days before the end)",
      to: "End: a date (its whole day included) or an instant, exclusive (default: now)",
      team: "Only records of this team and its sub-teams (id)",
    },
    success: { 200: "The KPIs; a figure with nothing to measure is null" },
    errors: [404],
  },
  {
    method: "get",
    path: "/config",
    response: kpiConfigSchema.$id,
    summary: "The KPI configuration (admins)",
    success: { 200: "The configuration in force (the defaults when none was saved)" },
    errors: [403],
  },
  {
    method: "put",
    path: "/config",
    body: kpiConfigSchema.$id,
    response: kpiConfigSchema.$id,
    summary: "Replace the KPI configuration (admins)",
    success: { 200: "The saved configuration" },
    errors: [403],
  },
]);

/** The `/kpis` routes. */
export function kpiRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  app.get("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const { scope } = await visibilityOf(store, caller);
    const report = await engine.kpis.report(caller.workspaceId, {
      from: c.req.query("from") ?? null,
      to: c.req.query("to") ?? null,
      teamId: c.req.query("team") || null,
      scope,
    });
    return c.json(report);
  });

  app.get("/config", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "kpis.configure");
    return c.json(await engine.kpis.config(caller.workspaceId));
  });

  app.put("/config", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "kpis.configure");
    const config = await validBody<Record<string, unknown>>(c, kpiConfigSchema);
    return c.json(
      await engine.kpis.saveConfig(caller.workspaceId, config, { actor: caller.userId }),
    );
  });

  return app;
}
