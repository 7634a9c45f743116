/**
 * @module server/http/all-route-docs
 * Every route module's docs, in the order the docs page lists them.
 */
import { opsRouteDocs } from "../ops/routes.ts";
import { authRouteDocs } from "../routes/auth.ts";
import { definitionRouteDocs } from "../routes/definitions.ts";
import { eventRouteDocs } from "../routes/events.ts";
import { instanceRouteDocs } from "../routes/instances.ts";
import { jobRouteDocs } from "../routes/jobs.ts";
import { kpiRouteDocs } from "../routes/kpis.ts";
import { orgRouteDocs } from "../routes/org.ts";
import { record360RouteDocs } from "../routes/record-360.ts";
import { recordRouteDocs } from "../routes/records.ts";
import { taskRouteDocs } from "../routes/tasks.ts";
import { templateRouteDocs } from "../routes/templates.ts";
import { webhookRouteDocs } from "../routes/webhooks.ts";
import type { RouteDoc } from "./route-docs.ts";

/** The document routes themselves (served by server/app). */
const documentRouteDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "operations",
    summary: "This API's OpenAPI 3.1 document",
    auth: false,
    success: { 200: "The document" },
  },
  ...(
    [
      ["/api/docs", "Interactive API docs (HTML)", "text/html"],
      ["/api/docs/docs.js", "Script of the docs page", "text/javascript"],
      ["/api/docs/docs.css", "Stylesheet of the docs page", "text/css"],
    ] as const
  ).map(([path, summary, contentType]) => ({
    method: "get" as const,
    path,
    tag: "operations",
    summary,
    auth: false,
    contentType,
    success: { 200: summary },
  })),
];

export const allRouteDocs: readonly RouteDoc[] = [
  ...opsRouteDocs,
  ...documentRouteDocs,
  ...authRouteDocs,
  ...taskRouteDocs,
  ...instanceRouteDocs,
  ...eventRouteDocs,
  ...jobRouteDocs,
  ...webhookRouteDocs,
  ...kpiRouteDocs,
  ...definitionRouteDocs,
  ...templateRouteDocs,
  ...recordRouteDocs,
  ...record360RouteDocs,
  ...orgRouteDocs,
];
