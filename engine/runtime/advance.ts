/**
 * @module runtime/advance
 * One durable step: the pure interpreter's `step`, then — in the caller's transaction — its
 * effects, the new state under the optimistic-lock check, the history of its decisions and one
 * audit event. Work that needs the new state saved first (child flows, a parent waiting for this
 * one, triggers) runs after the save, in the same transaction. Any failure rolls all of it back.
 */

import { KamError } from "../errors/index.ts";
import { type Effect, type FlowEvent, type StepContext, step } from "../flows/index.ts";
import {
  appendAudit,
  appendHistory,
  effectiveTier,
  getRecord,
  listTierAssignments,
  nextHistorySeq,
  updateInstance,
} from "../store/index.ts";
import { type FollowUp, fault, type Instance, type Runtime, type Trx } from "./context.ts";
import { directoryAt, loadDirectory, type StepDirectory } from "./directory.ts";
import { applyEffect } from "./effects.ts";
import { whileStepping } from "./steps-in-progress.ts";
import { calendarFor, loadCalendars } from "./workspace-calendar.ts";

/** History numbers per step: entries of step n are n × stride + i (a step logs far fewer). */
const HISTORY_STRIDE = 1_000_000;

/** Builds the step context: the directory and the record as of the start of the step. */
async function stepContext(
  rt: Runtime,
  trx: Trx,
  instance: Instance,
  now: number,
  flow: { readonly key: string; readonly form?: string | undefined; readonly definition: object },
): Promise<StepContext & { directory: StepDirectory }> {
  const cached = await rt.directories.get(instance.workspaceId, () =>
    loadDirectory(trx, instance.workspaceId, now),
  );
  const stored = instance.recordId
    ? await getRecord(trx, { workspaceId: instance.workspaceId, id: instance.recordId })
    : undefined;
  // Tiers cost a query: read only for flows whose rules name them.
  const tiers =
    stored && readsTiers(flow.definition)
      ? await tiersOf(trx, instance.workspaceId, stored.id, now)
      : undefined;
  const record = stored
    ? {
        id: stored.id,
        form: stored.formKey,
        data: stored.data as Record<string, never>,
        owner: stored.ownerId ?? undefined,
        team: stored.teamId ?? undefined,
        ...(tiers ? { tiers } : {}),
      }
    : null;
  // Delegations depend on the step's time and scope: a per-step view of the cached directory.
  const formKey = stored?.formKey ?? flow.form;
  const directory = directoryAt(cached, {
    now,
    flowKey: flow.key,
    ...(formKey ? { formKey } : {}),
  });
  const calendars = await rt.calendars.get(instance.workspaceId, () =>
    loadCalendars(trx, instance.workspaceId),
  );
  const calendar = calendarFor(calendars, record);
  return {
    now,
    rules: rt.rules,
    directory,
    record,
    calendar,
    ...(rt.maxTransitions ? { limits: { maxTransitions: rt.maxTransitions } } : {}),
  };
}

const tierReaders = new WeakMap<object, boolean>();

/** Whether a flow's rules read `tiers` (decided once per compiled definition). */
function readsTiers(definition: object): boolean {
  let reads = tierReaders.get(definition);
  if (reads === undefined) {
    reads = /"var":\s*(\[\s*)?"tiers[."]/.test(JSON.stringify(definition));
    tierReaders.set(definition, reads);
  }
  return reads;
}

/** The tier in force per model for a record. */
async function tiersOf(trx: Trx, workspaceId: string, recordId: string, now: number) {
  const tiers: Record<string, string> = {};
  for (const a of await listTierAssignments(trx, { workspaceId, recordId }))
    tiers[a.modelKey] = effectiveTier(a, now);
  return tiers;
}

/** Applies `event` to `instance` (see the module doc); returns the saved instance. */
export function advance(
  rt: Runtime,
  trx: Trx,
  instance: Instance,
  event: FlowEvent,
  depth = 0,
): Promise<Instance> {
  return whileStepping(trx, instance.id, () => stepOnce(rt, trx, instance, event, depth));
}

async function stepOnce(
  rt: Runtime,
  trx: Trx,
  instance: Instance,
  event: FlowEvent,
  depth: number,
): Promise<Instance> {
  // A flow that (indirectly) starts itself: typed, so the step is refused or becomes an
  // incident like any other step that cannot be applied.
  if (depth > rt.maxDepth)
    throw new KamError("RUNTIME_SUBFLOW_TOO_DEEP", "", { limit: rt.maxDepth });
  const now = rt.clock.now();
  const { flow, stored } = await rt.definitions.flow(
    trx,
    instance.workspaceId,
    instance.definitionId,
  );
  const context = await stepContext(rt, trx, instance, now, {
    key: stored.key,
    form: flow.form,
    definition: flow,
  });
  const result = step(flow, instance.state, event, context);

  const followUps: FollowUp[] = [];
  if (result.ignored === undefined) {
    for (const effect of result.effects) {
      fault(rt, `effect:${effect.type}`);
      await applyEffect(
        rt,
        trx,
        { instance, now, depth, followUps, flowVersion: stored.version },
        effect,
      );
    }
  }

  fault(rt, "state");
  const next = result.ignored
    ? instance
    : await updateInstance(trx, {
        workspaceId: instance.workspaceId,
        id: instance.id,
        expectedVersion: instance.version,
        status: storedStatus(result.state.status),
        state: result.state,
        incident: result.state.incident ?? null,
        completedAt: result.state.endedAt ?? null,
        now,
      });

  if (result.ignored === undefined) {
    rt.changes.note(trx, {
      type: "instance.step",
      workspaceId: instance.workspaceId,
      instanceId: instance.id,
      flowKey: stored.key,
      status: next.status,
      initiatorId: instance.initiatorId,
      recordId: instance.recordId,
      event: event.type,
    });
  }

  fault(rt, "history");
  // A step that changed the state has a new step count: number its entries from it (no query).
  // An ignored event leaves the count as it was, so its entry takes the next free number.
  let seq = result.ignored
    ? await nextHistorySeq(trx, { workspaceId: instance.workspaceId, instanceId: instance.id })
    : result.state.counters.steps * HISTORY_STRIDE;
  await appendHistory(trx, instance.workspaceId, [
    ...result.history.map((entry) => ({
      instanceId: instance.id,
      seq: seq++,
      at: entry.at,
      kind: entry.type,
      nodeId: entry.nodeId ?? null,
      data: { ...entry, flowVersion: stored.version },
    })),
    // "X on behalf of Y": the interpreter's history has only user ids, the view knows why.
    ...onBehalfOfEntries(result.ignored ? [] : result.effects, context.directory).map((entry) => ({
      instanceId: instance.id,
      seq: seq++,
      at: now,
      kind: "task.delegated",
      nodeId: entry.nodeId,
      data: { ...entry, flowVersion: stored.version },
    })),
  ]);

  for (const followUp of followUps) await followUp();

  if (result.ignored === undefined) {
    fault(rt, "audit");
    await appendAudit(trx, {
      workspaceId: instance.workspaceId,
      at: now,
      actorId: actorOf(event),
      action: `instance.${event.type}`,
      entityKind: "instance",
      entityId: instance.id,
      before: { status: instance.status, version: instance.version },
      after: { status: next.status, version: next.version },
    });
  }
  return next;
}

/** One entry per task created for a delegate: the task, the delegate and whom they stand in for. */
function onBehalfOfEntries(effects: readonly Effect[], directory: StepDirectory) {
  const applied = directory.onBehalfOf();
  const out: Array<{ nodeId: string; taskId: string; assignee: string; onBehalfOf: string }> = [];
  if (applied.length === 0) return out;
  for (const effect of effects) {
    if (effect.type !== "task.create") continue;
    for (const assignee of effect.assignees) {
      for (const a of applied) {
        if (a.delegateId !== assignee) continue;
        out.push({
          nodeId: effect.nodeId,
          taskId: effect.taskId,
          assignee,
          onBehalfOf: a.onBehalfOf,
        });
      }
    }
  }
  return out;
}

/** The interpreter's `created`/`running` never reach the table: a saved instance waits or ended. */
function storedStatus(status: Instance["state"]["status"]): Instance["status"] {
  return status === "created" || status === "running" ? "running" : status;
}

function actorOf(event: FlowEvent): string | null {
  if ("actor" in event && typeof event.actor === "string") return event.actor;
  if (event.type === "start") return event.initiator ?? null;
  return null;
}
