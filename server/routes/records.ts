/**
 * @module server/routes/records
 * Records of the workspace's forms: list with field filters, sort and cursor pages; the same as a
 * CSV download (formulas escaped, csv/write); create; read;
 * patch under `If-Match` (the record's version); soft delete; and a record's tiers with their
 * history. Every read and write goes through row-level visibility (server/visibility): a record
 * the caller may not see is a 404, in a list it is absent. Record data is validated by the form's
 * latest published version; the issues' pointers point into the record's data.
 */
import { Hono } from "hono";
import { csvHeader, csvRecordLine } from "../../engine/csv/write.ts";
import { KamError } from "../../engine/errors/index.ts";
import type { JsonObject } from "../../engine/flows/index.ts";
import { expandDataSchema, type FormDataSchema } from "../../engine/forms/index.ts";
import {
  effectiveTier,
  entityNames,
  latestDefinitionVersion,
  latestPublished,
  listTierAssignments,
  queryRecords,
  type RecordPosition,
  readTierHistory,
  type StoredRecord,
  sortValueOf,
  teamInWorkspace,
  tierStandings,
  userInWorkspace,
} from "../../engine/store/index.ts";
import {
  recordCreateSchema,
  recordListSchema,
  recordPatchSchema,
  recordReplySchema,
  recordTiersSchema,
} from "../../schemas/api/records.schema.ts";
import { allows, requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import { etag, ifMatch, requireMatch } from "../http/etag.ts";
import { idempotencyKey } from "../http/idempotency.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { validBody } from "../http/validate.ts";
import { type Visibility, visibilityOf, visibleRecord } from "../visibility.ts";
import { encodeCursor, fieldKindsOf, MAX_LIMIT, parseListQuery } from "./record-list.ts";

/** What the records routes read of a form definition. */
interface FormBody {
  readonly dataSchema: FormDataSchema;
  readonly uiSchema?: {
    readonly sections?: ReadonlyArray<{ readonly fields?: readonly string[] }>;
    readonly order?: readonly string[];
  };
}

/**
 * The export's columns: the fields as the form shows them (its sections, then its order), then
 * any other field. Not the data schema's key order, which PostgreSQL's jsonb does not keep.
 */
function fieldOrder(body: FormBody, fields: readonly string[]): string[] {
  const known = new Set(fields);
  const shown = [
    ...(body.uiSchema?.sections ?? []).flatMap((s) => s.fields ?? []),
    ...(body.uiSchema?.order ?? []),
  ].filter((f) => known.has(f));
  return [...new Set([...shown, ...fields])];
}

/** Records read per page of an export. */
const EXPORT_PAGE = 500;

/** A record as the API shows it. */
const view = (r: StoredRecord) => ({
  id: r.id,
  form: r.formKey,
  data: r.data,
  version: r.version,
  ownerId: r.ownerId,
  teamId: r.teamId,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** Docs of the `/records` routes (see server/http/route-docs). */
export const recordRouteDocs: RouteDoc[] = docsUnder("/api/v1/records", "records", [
  {
    method: "get",
    path: "/",
    response: recordListSchema.$id,
    summary: "Records of a form I may see: filtered, sorted, a page at a time",
    query: {
      form: "Key of the form (required)",
      "filter[field]": "Equals (a top-level field of the form)",
      "filter[field][op]":
        "op: eq, ne, gt, gte, lt, lte, in (comma-separated), contains (text); numbers compare as numbers",
      sort: "A field, createdAt, updatedAt or id; a leading - sorts descending (default: id, i.e. creation order)",
      limit: `Page size, 1–${MAX_LIMIT} (default 50)`,
      cursor: "nextCursor of the previous page (same sort)",
      ownerId: "Only records of this owner (me: mine)",
      teamId: "Only records of this team",
      include:
        "tiers: each item also carries `tiers`, its standing per tier model (tier in force, score, the tier before the last change and when)",
    },
    success: { 200: "items, and nextCursor (null on the last page)" },
    errors: [404],
  },
  {
    method: "get",
    path: "/export",
    summary:
      "Records of a form I may see as a CSV file (UTF-8 with BOM), filtered and sorted as the list; text that a spreadsheet would run as a formula is escaped",
    query: {
      form: "Key of the form (required)",
      "filter[field][op]": "As the list",
      sort: "As the list",
      ownerId: "As the list (me: mine)",
      teamId: "As the list",
    },
    success: {
      200: "text/csv: a header of field names, then one line per record (the import's format)",
    },
    errors: [404],
  },
  {
    method: "post",
    path: "/",
    response: recordReplySchema.$id,
    summary: "Create a record",
    body: recordCreateSchema.$id,
    success: { 201: "The record (ETag: its version)" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "get",
    path: "/{id}",
    response: recordReplySchema.$id,
    summary: "A record",
    success: { 200: "The record (ETag: its version)" },
    errors: [404],
  },
  {
    method: "patch",
    path: "/{id}",
    response: recordReplySchema.$id,
    summary: "Change fields of a record (If-Match: its version, required)",
    body: recordPatchSchema.$id,
    success: { 200: "The record at its new version" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "delete",
    path: "/{id}",
    summary: "Soft-delete a record (If-Match optional)",
    success: { 204: "Deleted: it no longer appears in lists and reads" },
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: "/{id}/tiers",
    response: recordTiersSchema.$id,
    summary:
      "A record's tier per model (the tier in force, the evaluation, any override) and the history of changes",
    success: { 200: "assignments and history, oldest first" },
    errors: [404],
  },
]);

/** The `/records` routes. */
export function recordRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  const visible = (caller: Caller, id: string, visibility?: Visibility) =>
    visibleRecord(store, caller, id, visibility);

  /** The fields of the version records are written with; of the last archived one, if none. */
  async function formBodyOf(workspaceId: string, form: string): Promise<FormBody> {
    const where = { workspaceId, kind: "form", key: form };
    const definition =
      (await latestPublished(store.db, where)) ??
      (await latestDefinitionVersion(store.db, { ...where, statuses: ["archived"] }));
    if (!definition)
      throw new KamError("RUNTIME_NOT_PUBLISHED", "/form", { kind: "form", key: form });
    return definition.body as FormBody;
  }

  app.get("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const params = new URL(c.req.url).searchParams;
    const form = params.get("form");
    if (!form) throw new KamError("SHAPE_PROPERTY_MISSING", "/form", { property: "form" });
    const { dataSchema } = await formBodyOf(caller.workspaceId, form);
    const request = parseListQuery(params, fieldKindsOf(expandDataSchema(dataSchema)));
    const owner = params.get("ownerId");
    const team = params.get("teamId");
    const { scope } = await visibilityOf(store, caller);
    const rows = await queryRecords(store, {
      workspaceId: caller.workspaceId,
      scope,
      formKey: form,
      filters: request.filters,
      sort: request.sort,
      limit: request.limit + 1,
      ...(request.after ? { after: request.after } : {}),
      ...(owner ? { ownerId: owner === "me" ? caller.userId : owner } : {}),
      ...(team ? { teamId: team } : {}),
    });
    const items = rows.slice(0, request.limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > request.limit && last
        ? encodeCursor(request.sortToken, {
            value: sortValueOf(last, request.sort.key),
            id: last.id,
          })
        : null;
    if (params.get("include") !== "tiers") return c.json({ items: items.map(view), nextCursor });
    const standings = await tierStandings(store.db, {
      workspaceId: caller.workspaceId,
      recordIds: items.map((r) => r.id),
      now: deps.clock.now(),
    });
    return c.json({
      items: items.map((r) => ({ ...view(r), tiers: standings.get(r.id) ?? {} })),
      nextCursor,
    });
  });

  app.get("/export", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const params = new URL(c.req.url).searchParams;
    const form = params.get("form");
    if (!form) throw new KamError("SHAPE_PROPERTY_MISSING", "/form", { property: "form" });
    const definition = await formBodyOf(caller.workspaceId, form);
    const dataSchema = expandDataSchema(definition.dataSchema);
    const fields = fieldOrder(definition, Object.keys(dataSchema.properties ?? {}));
    params.delete("limit");
    params.delete("cursor");
    const request = parseListQuery(params, fieldKindsOf(dataSchema));
    const { scope } = await visibilityOf(store, caller);
    const owner = params.get("ownerId");
    const team = params.get("teamId");
    const page = (after: RecordPosition | undefined) =>
      queryRecords(store, {
        workspaceId: caller.workspaceId,
        scope,
        formKey: form,
        filters: request.filters,
        sort: request.sort,
        limit: EXPORT_PAGE,
        ...(after ? { after } : {}),
        ...(owner ? { ownerId: owner === "me" ? caller.userId : owner } : {}),
        ...(team ? { teamId: team } : {}),
      });
    // Page by page as the client reads, so a large export never sits whole in memory.
    let after: RecordPosition | undefined;
    let done = false;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvHeader(fields)}\r\n`));
      },
      async pull(controller) {
        if (done) return controller.close();
        const rows = await page(after);
        const lines = rows.map((r) => `${csvRecordLine(fields, r.data as JsonObject)}\r\n`);
        if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
        const last = rows.at(-1);
        if (rows.length < EXPORT_PAGE || !last) done = true;
        else after = { value: sortValueOf(last, request.sort.key), id: last.id };
      },
    });
    const file = `${form}-${new Date(deps.clock.now()).toISOString().slice(0, 10)}.csv`;
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
        "cache-control": "no-store",
      },
    });
  });

  app.post("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.write");
    const body = await validBody<{
      form: string;
      data: JsonObject;
      ownerId?: string;
      teamId?: string;
    }>(c, recordCreateSchema);
    const visibility = await visibilityOf(store, caller);
    if (body.ownerId && !(await userInWorkspace(store.db, caller.workspaceId, body.ownerId)))
      throw new KamError("STORE_NOT_FOUND", "/ownerId", {
        entity: entityNames.user,
        id: body.ownerId,
      });
    if (body.teamId && !(await teamInWorkspace(store.db, caller.workspaceId, body.teamId)))
      throw new KamError("STORE_NOT_FOUND", "/teamId", {
        entity: entityNames.team,
        id: body.teamId,
      });
    const ownerId = body.ownerId ?? caller.userId;
    const teamId = body.teamId ?? visibility.homeTeam;
    if (!allows(caller.role, "records.assign") && !visibility.mayAssign(ownerId, teamId))
      throw new KamError("AUTH_FORBIDDEN", "", { role: caller.role, action: "records.assign" });
    const key = idempotencyKey(c);
    const record = await engine.records.create(caller.workspaceId, body.form, body.data, {
      actor: caller.userId,
      ownerId,
      ...(teamId ? { teamId } : {}),
      ...(key ? { idempotencyKey: key } : {}),
    });
    // A replayed key returns the first result: only to someone who may see it.
    if (key) await visible(caller, record.id, visibility);
    c.header("ETag", etag(record.version));
    return c.json({ record: view(record) }, 201);
  });

  app.get("/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const record = await visible(caller, c.req.param("id"));
    c.header("ETag", etag(record.version));
    return c.json({ record: view(record) });
  });

  app.patch("/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.write");
    const body = await validBody<{ data: JsonObject }>(c, recordPatchSchema);
    const current = await visible(caller, c.req.param("id"));
    const sent = ifMatch(c);
    const key = idempotencyKey(c);
    // With an Idempotency-Key, a repeat (sent with the If-Match of the first) must reach the
    // engine to be replayed; a stale version then fails there, as STORE_CONFLICT (also 409).
    if (!key || sent === undefined) requireMatch(sent, current.version);
    const expectedVersion = sent === "*" ? current.version : Number(sent);
    if (!Number.isInteger(expectedVersion)) requireMatch(sent, current.version);
    const record = await engine.records.update(caller.workspaceId, current.id, body.data, {
      actor: caller.userId,
      expectedVersion,
      ...(key ? { idempotencyKey: key } : {}),
    });
    c.header("ETag", etag(record.version));
    return c.json({ record: view(record) });
  });

  app.delete("/:id", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.delete");
    const current = await visible(caller, c.req.param("id"));
    const sent = ifMatch(c);
    if (sent !== undefined) requireMatch(sent, current.version);
    await engine.recordAdmin.softDelete(caller.workspaceId, current.id, {
      actor: caller.userId,
      expectedVersion: current.version,
    });
    return c.body(null, 204);
  });

  app.get("/:id/tiers", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const record = await visible(caller, c.req.param("id"));
    const where = { workspaceId: caller.workspaceId, recordId: record.id };
    const [assignments, history] = await Promise.all([
      listTierAssignments(store.db, where),
      readTierHistory(store.db, where),
    ]);
    const now = deps.clock.now();
    return c.json({
      assignments: assignments.map((a) => ({
        modelKey: a.modelKey,
        modelVersion: a.modelVersion,
        tier: effectiveTier(a, now),
        evaluatedTier: a.tier,
        score: a.score,
        breakdown: a.breakdown,
        override: a.override,
        assignedAt: a.assignedAt,
      })),
      history,
    });
  });

  return app;
}
