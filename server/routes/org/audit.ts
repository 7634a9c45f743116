/**
 * @module server/routes/org/audit
 * The audit log, for admins: every change with who made it, when, and the entity's state before
 * and after — queried by entity, actor, action and time range, newest first, in cursor pages —
 * and a verification of its hash chain (an edited, deleted or reordered event is found).
 */
import { Hono } from "hono";
import { KamError } from "../../../engine/errors/index.ts";
import { queryAudit } from "../../../engine/store/index.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { requirePermission } from "../../auth/permissions.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { intParam, timeParam } from "./common.ts";

/** Default and largest page size. */
const PAGE = 50;
const MAX_PAGE = 200;

/** Docs of the audit routes. */
export const auditRouteDocs: RouteDoc[] = docsUnder("/api/v1", "audit", [
  {
    method: "get",
    path: "/audit",
    response: `${SCHEMA_BASE}api/audit-page.json`,
    summary: "Audit events, newest first (admins)",
    query: {
      entityKind: "record, task, instance, definition, user, team, membership, role, delegation…",
      entityId: "Id of the entity",
      actorId: "Who acted",
      action: "e.g. record.update, user.create, delegation.end",
      from: "Epoch ms or ISO 8601 date-time, inclusive",
      to: "Epoch ms or ISO 8601 date-time, exclusive",
      cursor: "`nextCursor` of the previous page",
      limit: `Page size, at most ${MAX_PAGE} (default ${PAGE})`,
    },
    success: { 200: "A page of events and the cursor of the next (null on the last)" },
    errors: [403],
  },
  {
    method: "get",
    path: "/audit/verify",
    response: `${SCHEMA_BASE}api/audit-verification.json`,
    summary: "Verify the workspace's audit hash chain (admins)",
    success: { 200: "ok and the number of events, or the first bad event and why" },
    errors: [403],
  },
]);

/** The audit routes. */
export function auditRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  app.get("/audit", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "audit.read");
    const cursor = c.req.query("cursor");
    if (cursor !== undefined && !/^[1-9]\d{0,15}$/.test(cursor))
      throw new KamError("SHAPE_FORMAT_INVALID", "/cursor", { format: "cursor" });
    const text = (name: string) => {
      const value = c.req.query(name);
      return value ? { [name]: value } : {};
    };
    const from = timeParam(c, "from");
    const to = timeParam(c, "to");
    const page = await queryAudit(store.db, {
      workspaceId: caller.workspaceId,
      ...text("entityKind"),
      ...text("entityId"),
      ...text("actorId"),
      ...text("action"),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(cursor ? { beforeSeq: Number(cursor) } : {}),
      limit: intParam(c, "limit", MAX_PAGE) ?? PAGE,
    });
    return c.json({
      items: page.items,
      nextCursor: page.nextSeq === null ? null : String(page.nextSeq),
    });
  });

  app.get("/audit/verify", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "audit.read");
    return c.json(await engine.audit.verify(caller.workspaceId));
  });

  return app;
}
