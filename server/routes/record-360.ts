/**
 * @module server/routes/record-360
 * What the account 360 reads about one record, besides the record itself:
 * - `GET /records/{id}/related`: the records that refer to it through a top-level reference field
 *   of their form (visits, contacts, tickets of an account), by form and field;
 * - `GET /records/{id}/timeline`: what happened to it, newest first — its tier changes, the flows
 *   started on it or on the records that refer to it (an account's tickets) with their tasks and
 *   steps, and the records that refer to it.
 *
 * Visibility: whoever may see the record sees the flows that run on it (a key account manager
 * follows every approval about their account, whoever started it); related records go through
 * row-level visibility as in lists.
 */
import { Hono } from "hono";
import { KamError } from "../../engine/errors/index.ts";
import {
  entityNames,
  getDefinition,
  listDefinitions,
  listInstances,
  listInstanceTasks,
  queryRecords,
  type RecordScope,
  readHistory,
  readTierHistory,
  recordTitle,
  type StoredInstance,
  type StoredRecord,
} from "../../engine/store/index.ts";
import { recordRelatedSchema, recordTimelineSchema } from "../../schemas/api/records.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv, Caller } from "../http/env.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { visibilityOf } from "../visibility.ts";

/** Related records per form and field. */
const RELATED_LIMIT = 100;
/** Flows on one record the timeline reads, newest first. */
const INSTANCE_LIMIT = 50;
/** Steps per flow. */
const STEP_LIMIT = 200;
/**
 * The steps a person's timeline shows: decisions, SLA levels and pauses, returns, signers,
 * record writes, subflows and incidents. Starts, ends and tasks have entries of their own; the
 * interpreter's bookkeeping (nodes entered and left, tokens, timers, the outbox) stays in the
 * instance's own history.
 */
const SHOWN_STEPS = new Set([
  "branch.chosen",
  "approval.decided",
  "approval.returned",
  "signers.added",
  "token.returned",
  "sla.level",
  "sla.breached",
  "sla.paused",
  "sla.resumed",
  "record.updated",
  "record.created",
  "subflow.started",
  "subflow.completed",
  "incident.raised",
  "incident.retried",
]);

export const record360RouteDocs: RouteDoc[] = docsUnder("/api/v1/records", "records", [
  {
    method: "get",
    path: "/{id}/related",
    response: recordRelatedSchema.$id,
    summary: "Records that refer to this one (by form and reference field), as I may see them",
    success: { 200: "groups of form, field and records (more: true when there are more)" },
    errors: [404],
  },
  {
    method: "get",
    path: "/{id}/timeline",
    response: recordTimelineSchema.$id,
    summary:
      "What happened to a record, newest first: tier changes, flows on it with their tasks and steps, records referring to it",
    success: { 200: "items" },
    errors: [404],
  },
]);

interface FlowBody {
  readonly name?: unknown;
  readonly nodes?: ReadonlyArray<{ readonly id: string; readonly label?: unknown }>;
}

interface FormBody {
  readonly dataSchema?: { readonly properties?: Record<string, Record<string, unknown>> };
}

/** What a list shows as the record's name. */
const titleOf = (record: StoredRecord) => recordTitle(record.data, record.id);

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

export function record360Routes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { store } = deps;

  async function visibleRecord(caller: Caller, id: string, scope: RecordScope) {
    const [record] = await queryRecords(store, {
      workspaceId: caller.workspaceId,
      scope,
      id,
      limit: 1,
    });
    if (!record) throw new KamError("STORE_NOT_FOUND", "", { entity: entityNames.record, id });
    return record;
  }

  /** Each published form's top-level reference fields to `formKey`. */
  async function referencesTo(workspaceId: string, formKey: string) {
    const forms = await listDefinitions(store.db, {
      workspaceId,
      kind: "form",
      status: "published",
    });
    const latest = new Map<string, (typeof forms)[number]>();
    for (const d of forms) latest.set(d.key, d); // versions ascend: the last is the latest
    const refs: Array<{ form: string; field: string }> = [];
    for (const [key, d] of latest) {
      const properties = (d.body as FormBody).dataSchema?.properties ?? {};
      for (const [field, schema] of Object.entries(properties))
        if (schema["x-kam-field"] === "reference" && schema["x-kam-form"] === formKey)
          refs.push({ form: key, field });
    }
    return refs;
  }

  async function related(caller: Caller, record: StoredRecord, scope: RecordScope) {
    const refs = await referencesTo(caller.workspaceId, record.formKey);
    return Promise.all(
      refs.map(async ({ form, field }) => {
        const rows = await queryRecords(store, {
          workspaceId: caller.workspaceId,
          scope,
          formKey: form,
          filters: [{ field, kind: "text", op: "eq", values: [record.id] }],
          sort: { key: { column: "created_at" }, direction: "desc" },
          limit: RELATED_LIMIT + 1,
        });
        return {
          form,
          field,
          rows: rows.slice(0, RELATED_LIMIT),
          more: rows.length > RELATED_LIMIT,
        };
      }),
    );
  }

  app.get("/:id/related", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const { scope } = await visibilityOf(store, caller);
    const record = await visibleRecord(caller, c.req.param("id"), scope);
    const groups = await related(caller, record, scope);
    return c.json({
      groups: groups.map((g) => ({
        form: g.form,
        field: g.field,
        items: g.rows.map(view),
        more: g.more,
      })),
    });
  });

  app.get("/:id/timeline", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "records.read");
    const { scope } = await visibilityOf(store, caller);
    const record = await visibleRecord(caller, c.req.param("id"), scope);
    const workspaceId = caller.workspaceId;
    const [tiers, groups] = await Promise.all([
      readTierHistory(store.db, { workspaceId, recordId: record.id }),
      related(caller, record, scope),
    ]);
    // Flows on the record and on the records that refer to it (an account's tickets and
    // visits): a ticket escalated and resolved is part of the account's story.
    const relatedIds = groups.flatMap((g) => g.rows.map((r) => r.id));
    const titles = new Map(groups.flatMap((g) => g.rows.map((r) => [r.id, titleOf(r)] as const)));
    const instances = await listInstances(store.db, {
      workspaceId,
      recordIds: [record.id, ...relatedIds],
      limit: INSTANCE_LIMIT,
    });
    const items: Array<Record<string, unknown> & { at: number; kind: string }> = [
      {
        at: record.createdAt,
        kind: "record.created",
        recordId: record.id,
        actorId: record.createdBy,
      },
    ];
    for (const h of tiers)
      items.push({
        at: h.at,
        kind: "tier.changed",
        model: h.modelKey,
        from: h.from,
        to: h.to,
        cause: h.cause,
        actorId: h.actorId,
        reason: h.reason,
      });
    const perInstance = await Promise.all(
      instances.map(async (instance) => ({
        instance,
        tasks: await listInstanceTasks(store.db, { workspaceId, instanceId: instance.id }),
        steps: await readHistory(store.db, {
          workspaceId,
          instanceId: instance.id,
          limit: STEP_LIMIT,
        }),
      })),
    );
    // Each flow's name and its nodes' labels, from the versions the instances run on.
    const definitions = new Map(
      await Promise.all(
        [...new Set(instances.map((i) => i.definitionId))].map(
          async (id) =>
            [id, (await getDefinition(store.db, { workspaceId, id }))?.body as FlowBody] as const,
        ),
      ),
    );
    const labelOf = (instance: StoredInstance, nodeId: string | null) =>
      nodeId === null
        ? {}
        : {
            nodeLabel:
              definitions.get(instance.definitionId)?.nodes?.find((n) => n.id === nodeId)?.label ??
              null,
          };
    for (const { instance, tasks, steps } of perInstance) {
      const about =
        instance.recordId !== record.id && instance.recordId ? instance.recordId : undefined;
      const flow = {
        instanceId: instance.id,
        flowKey: instance.flowKey,
        flowName: definitions.get(instance.definitionId)?.name ?? null,
        // A flow on a related record names it.
        ...(about ? { recordId: about, title: titles.get(about) ?? about } : {}),
      };
      items.push({
        at: instance.createdAt,
        kind: "instance.started",
        ...flow,
        status: instance.status,
        actorId: instance.initiatorId,
      });
      if (instance.completedAt !== null)
        items.push({
          at: instance.completedAt,
          kind: "instance.ended",
          ...flow,
          status: instance.status,
        });
      for (const task of tasks) {
        const about = {
          ...flow,
          taskId: task.id,
          nodeId: task.nodeId,
          ...labelOf(instance, task.nodeId),
          assigneeId: task.assigneeId,
        };
        items.push({ at: task.createdAt, kind: "task.created", ...about });
        if (task.completedAt !== null)
          items.push({
            at: task.completedAt,
            kind: "task.completed",
            ...about,
            status: task.status,
            outcome: task.outcome,
            actorId: task.completedBy,
          });
      }
      for (const step of steps)
        if (SHOWN_STEPS.has(step.kind))
          items.push({
            at: step.at,
            kind: "step",
            ...flow,
            step: step.kind,
            nodeId: step.nodeId,
            ...labelOf(instance, step.nodeId),
          });
    }
    for (const group of groups)
      for (const row of group.rows)
        items.push({
          at: row.createdAt,
          kind: "related.created",
          recordId: row.id,
          form: row.formKey,
          title: titleOf(row),
          actorId: row.createdBy,
        });
    // Newest first; at equal times, in the order noted (a flow's start before its first task).
    const ordered = items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => b.item.at - a.item.at || b.i - a.i);
    return c.json({ items: ordered.map((o) => o.item) });
  });

  return app;
}
