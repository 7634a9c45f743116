/**
 * @module server/routes/org/delegations
 * Delegations with expiry: while one lasts, the user's tasks go to the delegate. Everyone who
 * works on tasks may delegate their own; admins may delegate anyone's. A delegation is visible to
 * the two people it names, and to admins and managers; it can be ended early by the person who
 * delegated, or an admin.
 */
import { Hono } from "hono";
import {
  getDelegation,
  listDelegations,
  type StoredDelegation,
} from "../../../engine/store/index.ts";
import { delegationCreateSchema } from "../../../schemas/api/org.schema.ts";
import { SCHEMA_BASE } from "../../../schemas/common/ids.ts";
import { allows, requirePermission } from "../../auth/permissions.ts";
import type { ServerDeps } from "../../deps.ts";
import type { AppEnv, Caller } from "../../http/env.ts";
import { docsUnder, type RouteDoc } from "../../http/route-docs.ts";
import { validBody } from "../../http/validate.ts";
import { actingOf, entities, notFound, oneOf } from "./common.ts";

interface NewDelegation {
  userId?: string;
  delegateId: string;
  startsAt?: number;
  endsAt: number;
  formKey?: string;
  flowKey?: string;
}

/** Docs of the delegation routes. */
export const delegationRouteDocs: RouteDoc[] = docsUnder("/api/v1", "delegations", [
  {
    method: "get",
    path: "/delegations",
    response: `${SCHEMA_BASE}api/delegation-list.json`,
    summary: "Delegations: mine (given or received), or all for admins and managers",
    query: {
      scope: "mine (default) or all",
      current: "true: only those not ended yet",
    },
    success: { 200: "The delegations, newest first, each with `active` now" },
    errors: [403],
  },
  {
    method: "post",
    path: "/delegations",
    response: `${SCHEMA_BASE}api/delegation-reply.json`,
    summary: "Delegate my tasks (admins: anyone's) for a time window",
    body: delegationCreateSchema.$id,
    success: { 201: "The delegation" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
  {
    method: "get",
    path: "/delegations/{id}",
    response: `${SCHEMA_BASE}api/delegation-reply.json`,
    summary: "A delegation I gave or received (admins and managers: any)",
    success: { 200: "The delegation" },
    errors: [404],
  },
  {
    method: "post",
    path: "/delegations/{id}/end",
    response: `${SCHEMA_BASE}api/delegation-reply.json`,
    summary: "End a delegation now (one not yet started never starts)",
    success: { 200: "The delegation" },
    errors: [403, 404, 409, 422],
    idempotent: true,
  },
]);

/** The delegation routes. */
export function delegationRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store, clock } = deps;

  const view = (d: StoredDelegation) => {
    const now = clock.now();
    return { ...d, active: d.startsAt <= now && now < d.endsAt };
  };

  /** A delegation the caller may see; 404 otherwise. */
  async function visible(caller: Caller, id: string) {
    const delegation = await getDelegation(store.db, { workspaceId: caller.workspaceId, id });
    const involved =
      delegation?.userId === caller.userId || delegation?.delegateId === caller.userId;
    if (!delegation || !(involved || allows(caller.role, "org.readAll")))
      throw notFound(entities.delegation, id);
    return delegation;
  }

  app.get("/delegations", async (c) => {
    const caller = c.get("caller");
    const scope = oneOf(c, "scope", ["mine", "all"] as const) ?? "mine";
    if (scope === "all") requirePermission(caller, "org.readAll");
    const current = oneOf(c, "current", ["true", "false"] as const) === "true";
    const items = await listDelegations(store.db, {
      workspaceId: caller.workspaceId,
      ...(scope === "mine" ? { involving: caller.userId } : {}),
      ...(current ? { notEndedAt: clock.now() } : {}),
    });
    return c.json({ items: items.map(view) });
  });

  app.post("/delegations", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "delegations.write");
    const body = await validBody<NewDelegation>(c, delegationCreateSchema);
    const userId = body.userId ?? caller.userId;
    if (userId !== caller.userId) requirePermission(caller, "org.write");
    const { result } = await engine.org.delegate(
      caller.workspaceId,
      {
        userId,
        delegateId: body.delegateId,
        startsAt: body.startsAt ?? clock.now(),
        endsAt: body.endsAt,
        ...(body.formKey ? { formKey: body.formKey } : {}),
        ...(body.flowKey ? { flowKey: body.flowKey } : {}),
      },
      actingOf(c),
    );
    return c.json({ delegation: view(result) }, 201);
  });

  app.get("/delegations/:id", async (c) => {
    const caller = c.get("caller");
    return c.json({ delegation: view(await visible(caller, c.req.param("id"))) });
  });

  app.post("/delegations/:id/end", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "delegations.write");
    const delegation = await visible(caller, c.req.param("id"));
    if (delegation.userId !== caller.userId) requirePermission(caller, "org.write");
    const ended = await engine.org.endDelegation(caller.workspaceId, delegation.id, actingOf(c));
    return c.json({ delegation: view(ended) });
  });

  return app;
}
