/**
 * @module server/routes/instances
 * Flow instances (requests): start a manually triggered flow, list, inspect with the full
 * history and tasks, and act on one — comment, withdraw (the initiator, 撤回), remind (催办),
 * cancel and retry an incident (managers and admins).
 */
import { Hono } from "hono";
import { KamError } from "../../engine/errors/index.ts";
import type { JsonObject } from "../../engine/flows/index.ts";
import { getInstance, type InstanceStatus, listInstances } from "../../engine/store/index.ts";
import { instanceNoteSchema, startInstanceSchema } from "../../schemas/api/requests.schema.ts";
import {
  instanceDetailSchema,
  instanceListSchema,
  instanceReplySchema,
  remindResultSchema,
} from "../../schemas/api/responses.schema.ts";
import { allows, requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import { keyed } from "../http/idempotency.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { optionalBody, validBody } from "../http/validate.ts";
import { visibleRecord } from "../visibility.ts";

const notFound = (id: string) =>
  new KamError("STORE_NOT_FOUND", "", { entity: { "zh-CN": "流程实例", en: "instance" }, id });

const STATUSES: readonly string[] = ["running", "waiting", "completed", "cancelled", "incident"];

/** Docs of the `/instances` routes. */
export const instanceRouteDocs: RouteDoc[] = docsUnder("/api/v1/instances", "instances", [
  {
    method: "post",
    path: "/",
    summary: "Start a manually triggered flow",
    response: instanceReplySchema.$id,
    body: startInstanceSchema.$id,
    success: { 201: "The started instance" },
    errors: [403, 404, 422],
    idempotent: true,
  },
  {
    method: "get",
    path: "/",
    summary: "Requests: mine, or all for managers",
    response: instanceListSchema.$id,
    query: {
      status: "running, waiting, completed, cancelled or incident",
      flow: "Flow key",
      recordId: "Record id",
      mine: "true: only mine",
    },
    success: { 200: "Instances, newest first" },
  },
  {
    method: "get",
    path: "/{id}",
    summary: "An instance with its full history and tasks",
    response: instanceDetailSchema.$id,
    success: { 200: "Instance, history, tasks" },
    errors: [404],
  },
  {
    method: "post",
    path: "/{id}/comments",
    summary: "Comment on a request",
    body: instanceNoteSchema.$id,
    success: { 204: "Recorded" },
    errors: [404, 422],
  },
  {
    method: "post",
    path: "/{id}/withdraw",
    summary: "Withdraw my request before its first approver acted (撤回)",
    response: instanceReplySchema.$id,
    body: instanceNoteSchema.$id,
    success: { 200: "The cancelled instance" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/remind",
    summary: "Remind the people my request waits on (催办)",
    response: remindResultSchema.$id,
    success: { 200: "Who was reminded" },
    errors: [403, 404, 429],
  },
  {
    method: "post",
    path: "/{id}/cancel",
    summary: "Cancel an instance",
    response: instanceReplySchema.$id,
    success: { 200: "The cancelled instance" },
    errors: [403, 404, 409],
    idempotent: true,
  },
  {
    method: "post",
    path: "/{id}/retry",
    summary: "Retry an incident",
    response: instanceReplySchema.$id,
    success: { 200: "The instance after the retry" },
    errors: [403, 404, 422],
    idempotent: true,
  },
]);

/** The `/instances` routes. */
export function instanceRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;

  /** An instance the caller may see: theirs, one they have a task on, or any for managers. */
  async function visible(caller: Caller, id: string) {
    const instance = await getInstance(store.db, { workspaceId: caller.workspaceId, id });
    if (!instance) throw notFound(id);
    if (instance.initiatorId === caller.userId || allows(caller.role, "instances.manage"))
      return instance;
    const tasks = await engine.instances.tasks(caller.workspaceId, id);
    const involved = tasks.some(
      (t) =>
        t.assigneeId === caller.userId ||
        t.candidates.includes(caller.userId) ||
        t.completedBy === caller.userId,
    );
    if (!involved) throw notFound(id);
    return instance;
  }

  app.post("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "flows.start");
    const body = await validBody<{ flow: string; recordId?: string; input?: JsonObject }>(
      c,
      startInstanceSchema,
    );
    // A flow started on a record shows its data to the initiator (the task view, the request):
    // only a record the caller may see can be named (else 404, as for an unknown id).
    if (body.recordId) await visibleRecord(store, caller, body.recordId);
    const instance = await engine.flows.start(caller.workspaceId, body.flow, {
      actor: caller.userId,
      ...(body.recordId ? { recordId: body.recordId } : {}),
      ...(body.input ? { input: body.input } : {}),
      ...keyed(c),
    });
    return c.json({ instance }, 201);
  });

  app.get("/", async (c) => {
    const caller = c.get("caller");
    const status = c.req.query("status");
    if (status !== undefined && !STATUSES.includes(status))
      throw new KamError("SHAPE_VALUE_NOT_ALLOWED", "/status", { allowed: STATUSES.join(", ") });
    const mine = c.req.query("mine") === "true" || !allows(caller.role, "instances.manage");
    const items = await listInstances(store.db, {
      workspaceId: caller.workspaceId,
      ...(status ? { status: status as InstanceStatus } : {}),
      ...(c.req.query("flow") ? { flowKey: c.req.query("flow") } : {}),
      ...(c.req.query("recordId") ? { recordId: c.req.query("recordId") } : {}),
      limit: 200,
    });
    return c.json({ items: mine ? items.filter((i) => i.initiatorId === caller.userId) : items });
  });

  app.get("/:id", async (c) => {
    const caller = c.get("caller");
    const instance = await visible(caller, c.req.param("id"));
    const [history, tasks] = await Promise.all([
      engine.instances.history(caller.workspaceId, instance.id),
      engine.instances.tasks(caller.workspaceId, instance.id),
    ]);
    return c.json({ instance, history, tasks });
  });

  app.post("/:id/comments", async (c) => {
    const caller = c.get("caller");
    const instance = await visible(caller, c.req.param("id"));
    const body = await validBody<{ text?: string; taskId?: string }>(c, instanceNoteSchema);
    await engine.instances.comment({
      workspaceId: caller.workspaceId,
      instanceId: instance.id,
      actor: caller.userId,
      text: body.text ?? "",
      ...(body.taskId ? { taskId: body.taskId } : {}),
    });
    return c.body(null, 204);
  });

  app.post("/:id/withdraw", async (c) => {
    const caller = c.get("caller");
    const instance = await visible(caller, c.req.param("id"));
    const body = await optionalBody<{ reason?: string }>(c, instanceNoteSchema);
    const done = await engine.instances.withdraw({
      workspaceId: caller.workspaceId,
      instanceId: instance.id,
      actor: caller.userId,
      ...(body.reason ? { reason: body.reason } : {}),
      ...keyed(c),
    });
    return c.json({ instance: done });
  });

  app.post("/:id/remind", async (c) => {
    const caller = c.get("caller");
    const instance = await visible(caller, c.req.param("id"));
    return c.json(
      await engine.instances.remind({
        workspaceId: caller.workspaceId,
        instanceId: instance.id,
        actor: caller.userId,
      }),
    );
  });

  app.post("/:id/cancel", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "instances.manage");
    const instance = await visible(caller, c.req.param("id"));
    const done = await engine.instances.cancel(caller.workspaceId, instance.id, {
      actor: caller.userId,
      ...keyed(c),
    });
    return c.json({ instance: done });
  });

  app.post("/:id/retry", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "instances.manage");
    const instance = await visible(caller, c.req.param("id"));
    const done = await engine.instances.retry(caller.workspaceId, instance.id, {
      actor: caller.userId,
      ...keyed(c),
    });
    return c.json({ instance: done });
  });

  return app;
}
