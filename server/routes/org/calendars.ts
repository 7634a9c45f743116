/**
 * @module server/routes/org/calendars
 * Business calendars, which SLA and wait durations count on: the workspace's (`/calendar`,
 * mainland China's until an admin saves one) and named ones (`/calendars/{key}`) assigned to
 * account records. Saving validates in full (400 for the shape, 422 with every issue and its
 * pointer for the content); a yearly CSV table imports as `text/csv` or as JSON `{ csv }`.
 */
import { type Context, Hono } from "hono";
import type { BusinessCalendarInput } from "../../../engine/calendars/index.ts";
import { KamError } from "../../../engine/errors/index.ts";
import { getWorkspace, listAccountCalendars } from "../../../engine/store/index.ts";
import { accountCalendarSchema, calendarImportSchema } from "../../../schemas/api/org.schema.ts";
import { businessCalendarSchema } from "../../../schemas/calendar.schema.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { requirePermission } from "../../auth/permissions.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { validBody } from "../../http/validate.ts";
import { visibleRecord } from "../../visibility.ts";
import { entities, notFound } from "./common.ts";

const tableNote =
  "Send the table as `text/csv` (header date,type,name) or as JSON `{ csv }`. The entries of every year it covers replace the calendar's; other years are kept.";

/** Docs of the calendar routes. */
export const calendarRouteDocs: RouteDoc[] = docsUnder("/api/v1", "calendars", [
  {
    method: "get",
    path: "/calendar",
    response: `${SCHEMA_BASE}api/calendar-reply.json`,
    summary: "The workspace's business calendar",
    success: { 200: "The calendar document" },
  },
  {
    method: "put",
    path: "/calendar",
    response: `${SCHEMA_BASE}api/calendar-reply.json`,
    summary: "Save the workspace's business calendar",
    body: businessCalendarSchema.$id,
    success: { 200: "The saved calendar" },
    errors: [403, 422],
  },
  {
    method: "post",
    path: "/calendar/import",
    response: `${SCHEMA_BASE}api/calendar-reply.json`,
    summary: "Import a yearly holiday table into the workspace's calendar",
    description: tableNote,
    body: calendarImportSchema.$id,
    success: { 200: "The saved calendar" },
    errors: [403, 422],
  },
  {
    method: "get",
    path: "/calendars",
    response: `${SCHEMA_BASE}api/calendar-list.json`,
    summary: "The named calendars",
    success: { 200: "Each key with its document" },
  },
  {
    method: "get",
    path: "/calendars/{key}",
    response: `${SCHEMA_BASE}api/calendar-reply.json`,
    summary: "A named calendar",
    success: { 200: "The calendar document" },
    errors: [404],
  },
  {
    method: "put",
    path: "/calendars/{key}",
    response: `${SCHEMA_BASE}api/calendar-reply.json`,
    summary: "Create or replace a named calendar",
    body: businessCalendarSchema.$id,
    success: { 200: "The saved calendar" },
    errors: [403, 422],
  },
  {
    method: "post",
    path: "/calendars/{key}/import",
    response: `${SCHEMA_BASE}api/calendar-reply.json`,
    summary: "Import a yearly holiday table into a named calendar",
    description: tableNote,
    body: calendarImportSchema.$id,
    success: { 200: "The saved calendar" },
    errors: [403, 404, 422],
  },
  {
    method: "get",
    path: "/account-calendars/{recordId}",
    response: `${SCHEMA_BASE}api/account-calendar-reply.json`,
    summary: "The named calendar an account record counts on (null: the workspace's)",
    success: { 200: "The assignment" },
    errors: [404],
  },
  {
    method: "put",
    path: "/account-calendars/{recordId}",
    response: `${SCHEMA_BASE}api/account-calendar-reply.json`,
    summary: "Assign a named calendar to an account record (null: back to the workspace's)",
    body: accountCalendarSchema.$id,
    success: { 200: "The assignment" },
    errors: [403, 404, 422],
  },
]);

/** The CSV of an import: a text/csv body, or JSON `{ csv }`. */
async function tableOf(c: Context): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  if (/^text\/csv\b/i.test(type)) return c.req.text();
  return (await validBody<{ csv: string }>(c, calendarImportSchema)).csv;
}

/** The calendar routes. */
export function calendarRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  /** The named calendar `key`; 404 when the workspace has none of that name. */
  async function named(workspaceId: string, key: string) {
    try {
      return await engine.calendars.get(workspaceId, key);
    } catch (error) {
      if (error instanceof KamError && error.code === "RUNTIME_CALENDAR_UNKNOWN")
        throw notFound(entities.calendar, key);
      throw error;
    }
  }

  app.get("/calendar", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    return c.json({ calendar: await engine.calendars.get(caller.workspaceId) });
  });

  app.put("/calendar", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "calendars.write");
    const calendar = await validBody<BusinessCalendarInput>(c, businessCalendarSchema);
    await engine.calendars.save(caller.workspaceId, calendar, { actor: caller.userId });
    return c.json({ calendar });
  });

  app.post("/calendar/import", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "calendars.write");
    const csv = await tableOf(c);
    const calendar = await engine.calendars.importTable(caller.workspaceId, csv, {
      actor: caller.userId,
    });
    return c.json({ calendar });
  });

  app.get("/calendars", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const workspace = await getWorkspace(store.db, caller.workspaceId);
    const calendars = (workspace?.settings.calendars ?? {}) as Record<string, unknown>;
    const items = Object.keys(calendars)
      .sort()
      .map((key) => ({ key, calendar: calendars[key] }));
    return c.json({ items });
  });

  app.get("/calendars/:key", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const key = c.req.param("key");
    return c.json({ key, calendar: await named(caller.workspaceId, key) });
  });

  app.put("/calendars/:key", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "calendars.write");
    const key = c.req.param("key");
    const calendar = await validBody<BusinessCalendarInput>(c, businessCalendarSchema);
    await engine.calendars.save(caller.workspaceId, calendar, { key, actor: caller.userId });
    return c.json({ key, calendar });
  });

  app.post("/calendars/:key/import", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "calendars.write");
    const key = c.req.param("key");
    await named(caller.workspaceId, key);
    const csv = await tableOf(c);
    const calendar = await engine.calendars.importTable(caller.workspaceId, csv, {
      key,
      actor: caller.userId,
    });
    return c.json({ key, calendar });
  });

  app.get("/account-calendars/:recordId", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "org.read");
    const recordId = c.req.param("recordId");
    // Row-level visibility: a record the caller may not see is a 404, as in /records/{id}.
    await visibleRecord(store, caller, recordId);
    const assigned = await listAccountCalendars(store.db, caller.workspaceId);
    return c.json({ recordId, calendar: assigned.get(recordId) ?? null });
  });

  app.put("/account-calendars/:recordId", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "calendars.write");
    const recordId = c.req.param("recordId");
    const { calendar } = await validBody<{ calendar: string | null }>(c, accountCalendarSchema);
    await visibleRecord(store, caller, recordId);
    await engine.calendars.assign(caller.workspaceId, { recordId, calendar }, caller.userId);
    return c.json({ recordId, calendar });
  });

  return app;
}
