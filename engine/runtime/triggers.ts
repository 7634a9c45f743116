/**
 * @module runtime/triggers
 * Starts the flows whose trigger matches an event: record created or updated (changed fields and
 * a condition), tier changed (model, from, to), flow completed (flow, outcomes). Each start is
 * keyed by the event, so the same event never starts a flow twice.
 */
import type { FlowTrigger } from "../../schemas/index.ts";
import { type CompiledRule, truthy } from "../rules/index.ts";
import { listDefinitions } from "../store/index.ts";
import type { Runtime, TriggerEvent, Trx } from "./context.ts";
import { latestVersions } from "./latest-versions.ts";

type Matcher = (
  rt: Runtime,
  trigger: FlowTrigger,
  event: TriggerEvent,
  flowKey: string,
  /** The flow's own form, which a record trigger without `form` listens to. */
  flowForm: string | undefined,
) => boolean;

/** Compiled trigger conditions by rule object: published bodies are shared, cached objects. */
const compiledConditions = new WeakMap<object, CompiledRule>();

export function conditionHolds(rt: Runtime, condition: unknown, data: object): boolean {
  if (condition === undefined) return true;
  if (condition === null || typeof condition !== "object") return truthy(condition);
  let compiled = compiledConditions.get(condition);
  if (!compiled) {
    compiled = rt.rules.compile(condition);
    compiledConditions.set(condition, compiled);
  }
  return truthy(compiled(data));
}

/**
 * What a record trigger's condition reads: `record` (and `previous` on updates), as the condition
 * is validated on publish — and, as before, the record's fields at the root.
 */
export function conditionData(data: object, previous?: object): object {
  return { ...data, record: data, ...(previous ? { previous } : {}) };
}

/** The form a record trigger listens to: its own, else the flow's (as the schema says). */
const formOf = (trigger: { form?: string }, flowForm: string | undefined) =>
  trigger.form ?? flowForm;

const matchers: Readonly<Record<TriggerEvent["type"], Matcher>> = {
  "record.created": (rt, trigger, event, _flowKey, flowForm) =>
    trigger.type === "record.created" &&
    event.type === "record.created" &&
    (formOf(trigger, flowForm) === undefined || formOf(trigger, flowForm) === event.form) &&
    conditionHolds(rt, trigger.condition, conditionData(event.data)),
  "record.updated": (rt, trigger, event, flowKey, flowForm) =>
    trigger.type === "record.updated" &&
    event.type === "record.updated" &&
    event.byFlow !== flowKey &&
    (formOf(trigger, flowForm) === undefined || formOf(trigger, flowForm) === event.form) &&
    (trigger.changedFields === undefined ||
      trigger.changedFields.some((f) => event.changed.includes(f.split(".")[0] ?? f))) &&
    conditionHolds(rt, trigger.condition, conditionData(event.data, event.previous)),
  "tier.changed": (_rt, trigger, event) =>
    trigger.type === "tier.changed" &&
    event.type === "tier.changed" &&
    trigger.model === event.model &&
    (trigger.from === undefined || (event.from !== null && trigger.from.includes(event.from))) &&
    (trigger.to === undefined || trigger.to.includes(event.to)),
  "flow.completed": (_rt, trigger, event) =>
    trigger.type === "flow.completed" &&
    event.type === "flow.completed" &&
    trigger.flow === event.flow &&
    (trigger.outcomes === undefined || trigger.outcomes.includes(event.outcome)),
};

/** A key naming the event, so replaying it starts nothing new. */
function startKeyOf(flowKey: string, event: TriggerEvent, stamp: number): string {
  switch (event.type) {
    case "flow.completed":
      return `${flowKey}:flow.completed:${event.instanceId}`;
    case "tier.changed":
      return `${flowKey}:tier.changed:${event.recordId}:${event.model}:${event.from}>${event.to}:${stamp}`;
    default:
      return `${flowKey}:${event.type}:${event.recordId}:${stamp}`;
  }
}

/** Starts every published flow whose trigger matches `event`. */
export async function fireTriggers(
  rt: Runtime,
  trx: Trx,
  workspaceId: string,
  event: TriggerEvent,
  depth = 0,
): Promise<void> {
  const flows = latestVersions(
    await rt.published.get(`${workspaceId}:flow`, () =>
      listDefinitions(trx, { workspaceId, kind: "flow", status: "published" }),
    ),
  );
  const matcher = matchers[event.type];
  const now = rt.clock.now();
  for (const flow of flows) {
    const trigger = (flow.body as { trigger?: FlowTrigger }).trigger;
    const flowForm = (flow.body as { form?: string }).form;
    if (!trigger || !matcher(rt, trigger, event, flow.key, flowForm)) continue;
    const recordId = "recordId" in event ? event.recordId : null;
    // A person who creates a record (raises a ticket, submits an order) is the requester of the
    // flows it starts: they see them under "my requests", may withdraw and remind, and rules on
    // the initiator (their manager, self-approval) apply. Flows started by schedules, tier moves
    // and updates have none.
    const initiator = event.type === "record.created" ? (event.actor ?? null) : null;
    await rt.startInstance(
      trx,
      {
        workspaceId,
        flowKey: flow.key,
        recordId,
        initiator,
        startKey: startKeyOf(flow.key, event, now),
      },
      depth + 1,
    );
  }
}
