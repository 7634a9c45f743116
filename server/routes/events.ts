/**
 * @module server/routes/events
 * Live updates over Server-Sent Events: `GET /api/v1/events` streams the committed changes the
 * caller may see — their inbox (tasks entering or leaving it), steps of their requests (all
 * requests for managers and admins) and tier changes (for the roles that see every account).
 * One process: the events of this process's engine (fan-out across processes is the scale-out
 * work). A comment line every 15 seconds keeps proxies from closing an idle stream.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { EngineChange } from "../../engine/runtime/changes.ts";
import { allows } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import type { RouteDoc } from "../http/route-docs.ts";

const HEARTBEAT_MS = 15_000;

/** Docs of the events route. */
export const eventRouteDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/v1/events",
    tag: "events",
    summary: "Live updates (Server-Sent Events): inbox, instance and tier events",
    description:
      "Events `inbox` ({ taskId, instanceId, change: created | updated | closed, dueAt }), " +
      "`instance` ({ instanceId, flowKey, status, event }), `tier` ({ recordId, model, from, to }) " +
      "and `job` (my jobs: { jobId, kind, status, done, total }).",
    contentType: "text/event-stream",
    success: { 200: "An event stream (text/event-stream)" },
  },
];

/** The SSE event for `change`, if `caller` may see it. */
export function eventFor(caller: Caller, change: EngineChange) {
  if (change.workspaceId !== caller.workspaceId) return undefined;
  switch (change.type) {
    case "task.changed":
      if (!change.holders.includes(caller.userId)) return undefined;
      return {
        event: "inbox",
        data: {
          taskId: change.taskId,
          instanceId: change.instanceId,
          change: change.change,
          dueAt: change.dueAt ?? null,
        },
      };
    case "instance.step":
      if (change.initiatorId !== caller.userId && !allows(caller.role, "instances.manage"))
        return undefined;
      return {
        event: "instance",
        data: {
          instanceId: change.instanceId,
          flowKey: change.flowKey,
          status: change.status,
          event: change.event,
        },
      };
    case "tier.changed":
      if (!allows(caller.role, "instances.manage") && caller.role !== "designer") return undefined;
      return {
        event: "tier",
        data: { recordId: change.recordId, model: change.model, from: change.from, to: change.to },
      };
    case "job.progress":
      if (change.createdBy !== caller.userId) return undefined;
      return {
        event: "job",
        data: {
          jobId: change.jobId,
          kind: change.kind,
          status: change.status,
          done: change.done,
          total: change.total,
        },
      };
  }
}

/** The `/events` route. */
export function eventRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    const caller = c.get("caller");
    return streamSSE(c, async (stream) => {
      let id = 0;
      const queue: Array<{ event: string; data: object }> = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.engine.changes.subscribe((change) => {
        const event = eventFor(caller, change);
        if (!event) return;
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      // The server is stopping: end the stream, so the browser reconnects to another process.
      const onShutdown = () => wake?.();
      deps.shutdown?.addEventListener("abort", onShutdown, { once: true });
      const open = () => !stream.aborted && !deps.shutdown?.aborted;
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ userId: caller.userId }) });
      while (open()) {
        const next = queue.shift();
        if (next) {
          id += 1;
          await stream.writeSSE({
            id: String(id),
            event: next.event,
            data: JSON.stringify(next.data),
          });
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (queue.length === 0 && open()) await stream.write(": keep-alive\n\n");
      }
      deps.shutdown?.removeEventListener("abort", onShutdown);
      unsubscribe();
    });
  });
  return app;
}
