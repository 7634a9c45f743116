/**
 * @module server/routes/tasks
 * My inbox and every action on a task: complete, approve, reject, return (退回), transfer (转交),
 * add signers (加签), waiting for customer, and bulk approve with a result per task. Who may act
 * is the engine's rule (holding the task, the node's permissions); the role must allow acting at
 * all. `Idempotency-Key` makes a repeated POST return the first result.
 */
import { type Context, Hono } from "hono";
import { KamError } from "../../engine/errors/index.ts";
import type { JsonObject } from "../../engine/flows/index.ts";
import {
  getInstance,
  getTask,
  readInboxContext,
  type StoredTask,
} from "../../engine/store/index.ts";
import {
  bulkApproveSchema,
  taskDecisionSchema,
  taskSignersSchema,
  taskTransferSchema,
  taskWaitingSchema,
} from "../../schemas/api/requests.schema.ts";
import {
  bulkResultSchema,
  instanceReplySchema,
  taskListSchema,
  taskReplySchema,
  taskViewSchema,
} from "../../schemas/api/responses.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import { noneMatchHits } from "../http/etag.ts";
import { keyed } from "../http/idempotency.ts";
import { isKamError, problemOf } from "../http/problem.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { optionalBody, validBody } from "../http/validate.ts";
import { createInboxCache } from "./inbox-cache.ts";

/**
 * How long an inbox is served from memory without a query: how late it shows a change another
 * process made (this process's own changes show at once).
 */
export const INBOX_CACHE_TTL_MS = 2000;

interface Decision {
  data?: JsonObject;
  comment?: string;
  returnTo?: string;
  expectedVersion?: number;
}

const notFound = (id: string) =>
  new KamError("STORE_NOT_FOUND", "", { entity: { "zh-CN": "任务", en: "task" }, id });

/**
 * Whether the caller may see a task: they hold it, started its request, or manage the
 * workspace. Others get 404, so a task id reveals nothing.
 */
async function visibleTask(deps: ServerDeps, caller: Caller, id: string): Promise<StoredTask> {
  const task = await getTask(deps.store.db, { workspaceId: caller.workspaceId, id });
  if (!task) throw notFound(id);
  const holds = task.assigneeId === caller.userId || task.candidates.includes(caller.userId);
  if (holds || caller.role === "admin" || caller.role === "manager") return task;
  const instance = await getInstance(deps.store.db, {
    workspaceId: caller.workspaceId,
    id: task.instanceId,
  });
  if (instance?.initiatorId === caller.userId) return task;
  throw notFound(id);
}

const decisionErrors = [403, 404, 409, 422];

/** Docs of the `/tasks` routes (see server/http/route-docs). */
export const taskRouteDocs: RouteDoc[] = docsUnder("/api/v1/tasks", "tasks", [
  {
    method: "get",
    path: "/",
    summary: "My inbox: open tasks I hold, soonest due first",
    description:
      "Answers with an ETag; a request whose If-None-Match names it gets 304 while the inbox " +
      "is unchanged. Cached in the server: a change another server process makes shows within " +
      `${INBOX_CACHE_TTL_MS / 1000} s.`,
    query: {
      include:
        "context: each task also carries `context` — its flow (key, version, name), node label, initiator, record (id, form, title) and next SLA deadline (when, which level, what it will do)",
    },
    response: taskListSchema.$id,
    success: { 200: "The tasks, with SLA due times", 304: "Unchanged since the ETag sent" },
  },
  {
    method: "post",
    path: "/bulk-approve",
    summary: "Approve the selected tasks, each on its own",
    response: bulkResultSchema.$id,
    body: bulkApproveSchema.$id,
    success: { 200: "A result per task" },
    errors: [403],
  },
  {
    method: "get",
    path: "/{id}",
    summary: "A task with its record (hidden fields removed) and the actions its step allows",
    response: taskViewSchema.$id,
    success: { 200: "The task view" },
    errors: [404],
  },
  {
    method: "post",
    path: "/{id}/claim",
    summary: "Claim a pool task (认领): I become its only holder",
    response: taskReplySchema.$id,
    success: { 200: "The claimed task" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/{id}/release",
    summary: "Give a claimed task back to its pool",
    response: taskReplySchema.$id,
    success: { 200: "The task, open again" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/{id}/complete",
    summary: "Complete a form task",
    response: instanceReplySchema.$id,
    body: taskDecisionSchema.$id,
    success: { 200: "The instance after the step" },
    errors: decisionErrors,
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/approve",
    summary: "Approve",
    response: instanceReplySchema.$id,
    body: taskDecisionSchema.$id,
    success: { 200: "The instance after the step" },
    errors: decisionErrors,
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/reject",
    summary: "Reject",
    response: instanceReplySchema.$id,
    body: taskDecisionSchema.$id,
    success: { 200: "The instance after the step" },
    errors: decisionErrors,
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/return",
    summary: "Return the request to an earlier step (退回)",
    response: instanceReplySchema.$id,
    body: taskDecisionSchema.$id,
    success: { 200: "The instance after the step" },
    errors: decisionErrors,
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/transfer",
    summary: "Hand the task to another user (转交)",
    response: taskReplySchema.$id,
    body: taskTransferSchema.$id,
    success: { 200: "The task" },
    errors: decisionErrors,
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/signers",
    summary: "Add signers before or after me (加签)",
    response: instanceReplySchema.$id,
    body: taskSignersSchema.$id,
    success: { 200: "The instance after the step" },
    errors: decisionErrors,
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/waiting",
    summary: "Pause or resume the SLA clock: waiting for customer",
    response: instanceReplySchema.$id,
    body: taskWaitingSchema.$id,
    success: { 200: "The instance after the step" },
    errors: decisionErrors,
  },
]);

/** The `/tasks` routes. */
export function taskRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine } = deps;
  const inboxes = createInboxCache(engine, deps.clock, engine.tasks.inbox, INBOX_CACHE_TTL_MS);
  // The designer's inbox: each task with its request, record title and next SLA deadline. Its
  // own cache, invalidated by the same changes (a record retitled shows within the TTL).
  const contextInboxes = createInboxCache(
    engine,
    deps.clock,
    async (workspaceId, userId) => {
      const tasks = await engine.tasks.inbox(workspaceId, userId);
      const contexts = await readInboxContext(deps.store.db, { workspaceId, tasks });
      return tasks.map((task) => ({ ...task, context: contexts.get(task.id) ?? null }));
    },
    INBOX_CACHE_TTL_MS,
  );

  app.get("/", async (c) => {
    const caller = c.get("caller");
    const cache = c.req.query("include") === "context" ? contextInboxes : inboxes;
    const inbox = await cache.get(caller.workspaceId, caller.userId);
    // Plain header records keep @hono/node-server on its fast path (see server/http/response-headers).
    const headers = { etag: inbox.etag, "cache-control": "private, no-cache" };
    if (noneMatchHits(c.req.header("if-none-match"), inbox.etag))
      return new Response(null, { status: 304, headers });
    return new Response(inbox.json, {
      status: 200,
      headers: { "content-type": "application/json", ...headers },
    });
  });

  app.post("/bulk-approve", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tasks.act");
    const body = await validBody<{ taskIds: string[]; comment?: string }>(c, bulkApproveSchema);
    const results = [];
    for (const taskId of body.taskIds) {
      try {
        const instance = await engine.tasks.complete({
          workspaceId: caller.workspaceId,
          taskId,
          actor: caller.userId,
          outcome: "approve",
          ...(body.comment ? { comment: body.comment } : {}),
        });
        results.push({ taskId, status: 200, instanceStatus: instance.status });
      } catch (error) {
        if (!isKamError(error)) throw error;
        const problem = problemOf(error, c.get("locale"));
        results.push({ taskId, status: problem.status, problem });
      }
    }
    return c.json({ results });
  });

  app.get("/:id", async (c) => {
    const caller = c.get("caller");
    const task = await visibleTask(deps, caller, c.req.param("id"));
    return c.json(await engine.tasks.view(caller.workspaceId, task.id));
  });

  const decide =
    (outcome: "complete" | "approve" | "reject" | "return") => async (c: Context<AppEnv>) => {
      const caller = c.get("caller");
      requirePermission(caller, "tasks.act");
      const body = await optionalBody<Decision>(c, taskDecisionSchema);
      const instance = await engine.tasks.complete({
        workspaceId: caller.workspaceId,
        taskId: c.req.param("id") ?? "",
        actor: caller.userId,
        outcome,
        ...(body.data ? { data: body.data } : {}),
        ...(body.comment ? { comment: body.comment } : {}),
        ...(body.returnTo ? { returnTo: body.returnTo } : {}),
        ...(body.expectedVersion ? { expectedVersion: body.expectedVersion } : {}),
        ...keyed(c),
      });
      return c.json({ instance });
    };
  app.post("/:id/complete", decide("complete"));
  app.post("/:id/approve", decide("approve"));
  app.post("/:id/reject", decide("reject"));
  app.post("/:id/return", decide("return"));

  app.post("/:id/claim", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tasks.act");
    const task = await engine.tasks.claim({
      workspaceId: caller.workspaceId,
      taskId: c.req.param("id"),
      actor: caller.userId,
    });
    return c.json({ task });
  });

  app.post("/:id/release", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tasks.act");
    const task = await engine.tasks.claim({
      workspaceId: caller.workspaceId,
      taskId: c.req.param("id"),
      actor: caller.userId,
      release: true,
    });
    return c.json({ task });
  });

  app.post("/:id/transfer", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tasks.act");
    const body = await validBody<{ to: string; comment?: string }>(c, taskTransferSchema);
    const task = await engine.tasks.transfer({
      workspaceId: caller.workspaceId,
      taskId: c.req.param("id"),
      actor: caller.userId,
      to: body.to,
      ...(body.comment ? { comment: body.comment } : {}),
      ...keyed(c),
    });
    return c.json({ task });
  });

  app.post("/:id/signers", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tasks.act");
    const body = await validBody<{
      position: "before" | "after";
      users: string[];
      comment?: string;
    }>(c, taskSignersSchema);
    const instance = await engine.tasks.addSigners({
      workspaceId: caller.workspaceId,
      taskId: c.req.param("id"),
      actor: caller.userId,
      position: body.position,
      users: body.users,
      ...(body.comment ? { comment: body.comment } : {}),
      ...keyed(c),
    });
    return c.json({ instance });
  });

  app.post("/:id/waiting", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "tasks.act");
    const body = await validBody<{ waiting: boolean; reason?: string }>(c, taskWaitingSchema);
    const instance = await engine.tasks.waitForCustomer({
      workspaceId: caller.workspaceId,
      taskId: c.req.param("id"),
      actor: caller.userId,
      waiting: body.waiting,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    return c.json({ instance });
  });

  return app;
}
