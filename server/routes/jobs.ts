/**
 * @module server/routes/jobs
 * Jobs: long work the engine does in durable chunks (engine/runtime/jobs). Starting one answers
 * 202 with the queued job and kicks this process's runner; progress arrives over SSE (`job`
 * events, to the job's creator) and from `GET /jobs/{id}`, whose result is exact at any moment
 * (it is committed with every chunk). Everyone sees their own jobs; admins see every job of the
 * workspace. Another person's job is a 404, as another workspace's is.
 *
 * - `POST /jobs/record-import`: a CSV file of records (`text/csv` with `?form=`, or JSON
 *   `{ form, csv }`), rows owned by the caller in their team, as `POST /records` creates them;
 * - `POST /jobs/evaluate-all`: re-evaluates a tier model for every record of its form;
 * - `POST /jobs/{id}/cancel`: stops a job before its next chunk.
 */
import { type Context, Hono } from "hono";
import { type ErrorCode, KamError, type Locale, renderMessage } from "../../engine/errors/index.ts";
import type { Job, StoredIssue } from "../../engine/runtime/jobs/index.ts";
import {
  evaluateAllSchema,
  jobListSchema,
  jobReplySchema,
  recordImportSchema,
} from "../../schemas/api/jobs.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import { idempotencyKey } from "../http/idempotency.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { validBody } from "../http/validate.ts";
import { visibilityOf } from "../visibility.ts";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const JOB_ENTITY = { en: "job", "zh-CN": "作业" };

/** Docs of the `/jobs` routes (see server/http/route-docs). */
export const jobRouteDocs: RouteDoc[] = docsUnder("/api/v1/jobs", "jobs", [
  {
    method: "get",
    path: "/",
    response: jobListSchema.$id,
    summary: "My jobs, newest first (admins: every job of the workspace)",
    query: {
      mine: "true: only my jobs (for admins, who otherwise see all)",
      limit: `Page size, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})`,
      cursor: "nextCursor of the previous page",
    },
    success: { 200: "items, and nextCursor (null on the last page)" },
  },
  {
    method: "get",
    path: "/{id}",
    response: jobReplySchema.$id,
    summary: "A job: status, progress (done of total) and its result so far",
    success: { 200: "The job" },
    errors: [404],
  },
  {
    method: "post",
    path: "/{id}/cancel",
    response: jobReplySchema.$id,
    summary: "Cancel a queued or running job: it stops before its next chunk",
    description:
      "What was imported or evaluated until then stays, and the job's result says exactly what. " +
      "Cancelling a cancelled job changes nothing; a job that ended is 422.",
    success: { 200: "The cancelled job" },
    errors: [404, 422],
  },
  {
    method: "post",
    path: "/record-import",
    response: jobReplySchema.$id,
    summary: "Import records from a CSV file, as a job",
    description:
      "Send the file as `text/csv` with `?form=<key>` (and `?allOrNothing=true`; UTF-8, or " +
      "the charset the content type names, e.g. `text/csv; charset=gb18030`), or as JSON " +
      "`{ form, csv, allOrNothing }`. The header row names field paths of the form; cells are " +
      "converted by the fields' types (numbers, booleans, `;`-separated multi-selects, JSON for " +
      "attachments and sub-tables) and stored as text otherwise — a cell starting with = + - @ " +
      "is data, never a formula. A broken quote or an unknown column is a 400 pointing at " +
      "`/lines/<line>` or `/lines/1/<column>`. Each row is validated by the form: refused rows " +
      "are reported with their line and issues (pointers into the record), the others imported " +
      "— or none, with allOrNothing. Records are owned by the caller, in their team.",
    body: recordImportSchema.$id,
    query: {
      form: "Key of the form (text/csv bodies)",
      allOrNothing: "true: import every row or none (text/csv bodies)",
    },
    success: { 202: "The queued job (Location: its URL)" },
    errors: [403, 404, 409],
    idempotent: true,
  },
  {
    method: "post",
    path: "/evaluate-all",
    response: jobReplySchema.$id,
    summary: "Re-evaluate a tier model for every record of its form, as a job",
    description:
      "Tier changes are stored with their history and fire tier.changed triggers, as a record write does.",
    body: evaluateAllSchema.$id,
    success: { 202: "The queued job (Location: its URL)" },
    errors: [403, 404, 409],
    idempotent: true,
  },
]);

const message = (issue: StoredIssue, locale: Locale) => ({
  code: issue.code,
  pointer: issue.pointer,
  message: renderMessage(issue.code as ErrorCode, locale, issue.params),
});

/** Issues of a stored result (per item in `errors`, or the job's own in `issues`), in `locale`. */
function renderResult(result: unknown, locale: Locale): unknown {
  if (result === null || typeof result !== "object") return result;
  const { errors, issues } = result as {
    errors?: Array<{ issues: StoredIssue[] }>;
    issues?: StoredIssue[];
  };
  return {
    ...result,
    ...(Array.isArray(errors)
      ? {
          errors: errors.map((e) => ({ ...e, issues: e.issues.map((i) => message(i, locale)) })),
        }
      : {}),
    ...(Array.isArray(issues) ? { issues: issues.map((i) => message(i, locale)) } : {}),
  };
}

/** A job as the API shows it. */
export const jobView = (job: Job, locale: Locale) => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  done: job.done,
  total: job.total,
  params: job.params,
  result: renderResult(job.result, locale),
  error: job.error && message(job.error, locale),
  attempts: job.attempts,
  createdBy: job.createdBy,
  createdAt: job.createdAt,
  updatedAt: job.updatedAt,
  completedAt: job.completedAt,
});

const isAdmin = (caller: Caller) => caller.role === "admin";

/**
 * A `text/csv` body as text: UTF-8 unless the content type names another charset (Excel's
 * "CSV" in a Chinese locale saves GB18030/GBK). Bytes that are not valid in it are a 400.
 */
async function csvText(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  const charset = /charset="?([\w-]+)"?/i.exec(type)?.[1]?.toLowerCase() ?? "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new KamError("SHAPE_VALUE_NOT_ALLOWED", "/charset", { allowed: "utf-8, gb18030, gbk" });
  }
  try {
    return decoder.decode(await c.req.arrayBuffer());
  } catch {
    throw new KamError("SHAPE_FORMAT_INVALID", "", { format: `${charset} text` });
  }
}

/** The `/jobs` routes. */
export function jobRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine } = deps;

  /** A job the caller may see (their own; any, for admins), else 404. */
  async function visible(caller: Caller, id: string): Promise<Job> {
    const job = await engine.jobs.get(caller.workspaceId, id);
    if (!job || (!isAdmin(caller) && job.createdBy !== caller.userId))
      throw new KamError("STORE_NOT_FOUND", "", { entity: JOB_ENTITY, id });
    return job;
  }

  const started = (c: Context<AppEnv>, job: Job) => {
    engine.jobs.kick();
    c.header("Location", `/api/v1/jobs/${job.id}`);
    return c.json({ job: jobView(job, c.get("locale")) }, 202);
  };

  app.get("/", async (c) => {
    const caller = c.get("caller");
    const params = new URL(c.req.url).searchParams;
    const raw = params.get("limit");
    const limit = raw === null ? DEFAULT_LIMIT : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new KamError("SHAPE_OUT_OF_RANGE", "/limit", {
        comparison: "an integer from 1 to",
        limit: MAX_LIMIT,
      });
    const cursor = params.get("cursor");
    const mine = !isAdmin(caller) || params.get("mine") === "true";
    const rows = await engine.jobs.list(caller.workspaceId, {
      limit: limit + 1,
      ...(mine ? { createdBy: caller.userId } : {}),
      ...(cursor ? { before: cursor } : {}),
    });
    const items = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? (items.at(-1)?.id ?? null) : null;
    const locale = c.get("locale");
    return c.json({ items: items.map((j) => jobView(j, locale)), nextCursor });
  });

  app.get("/:id", async (c) => {
    const job = await visible(c.get("caller"), c.req.param("id"));
    return c.json({ job: jobView(job, c.get("locale")) });
  });

  app.post("/:id/cancel", async (c) => {
    const caller = c.get("caller");
    const job = await visible(caller, c.req.param("id"));
    const cancelled = await engine.jobs.cancel(caller.workspaceId, job.id);
    return c.json({ job: jobView(cancelled, c.get("locale")) });
  });

  app.post("/record-import", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.write");
    let request: { form: string; csv: string; allOrNothing?: boolean };
    if ((c.req.header("content-type") ?? "").includes("json")) {
      request = await validBody(c, recordImportSchema);
    } else {
      const params = new URL(c.req.url).searchParams;
      const form = params.get("form");
      if (!form) throw new KamError("SHAPE_PROPERTY_MISSING", "/form", { property: "form" });
      const all = params.get("allOrNothing");
      if (all !== null && all !== "true" && all !== "false")
        throw new KamError("SHAPE_VALUE_NOT_ALLOWED", "/allOrNothing", { allowed: "true, false" });
      request = { form, csv: await csvText(c), allOrNothing: all === "true" };
    }
    const { homeTeam } = await visibilityOf(deps.store, caller);
    const key = idempotencyKey(c);
    const job = await engine.jobs.importRecords(caller.workspaceId, request, {
      actor: caller.userId,
      ownerId: caller.userId,
      teamId: homeTeam,
      ...(key ? { idempotencyKey: key } : {}),
    });
    return started(c, await visible(caller, job.id));
  });

  app.post("/evaluate-all", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const body = await validBody<{ model: string }>(c, evaluateAllSchema);
    const key = idempotencyKey(c);
    const job = await engine.jobs.evaluateAll(caller.workspaceId, body.model, {
      actor: caller.userId,
      ...(key ? { idempotencyKey: key } : {}),
    });
    return started(c, await visible(caller, job.id));
  });

  return app;
}
