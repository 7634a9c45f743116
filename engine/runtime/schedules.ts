/**
 * @module runtime/schedules
 * Schedule triggers: on each run, every flow with a `schedule` trigger whose cron has a period
 * that began at or before now starts once for that period — once per matching record when the
 * trigger names a form (and its `where` rule holds for the record at the period's start, read
 * as a record trigger's condition is: `record.*`, or the fields at the root). The start key (flow, period, record) makes a period never start twice,
 * however often or on however many processes this runs.
 */
import { Cron } from "croner";
import type { FlowTrigger } from "../../schemas/index.ts";
import { createRuleEngine, truthy } from "../rules/index.ts";
import { listDefinitions, listRecords } from "../store/index.ts";
import type { Runtime } from "./context.ts";
import { latestVersions } from "./latest-versions.ts";
import { conditionData } from "./triggers.ts";

type ScheduleTrigger = Extract<FlowTrigger, { type: "schedule" }>;

/** The start of the schedule's current period: its most recent run at or before `now`. */
export function currentPeriod(
  trigger: ScheduleTrigger,
  now: number,
  timeZone: string,
): number | null {
  const cron = new Cron(trigger.cron, { timezone: trigger.timeZone ?? timeZone, paused: true });
  // previousRuns looks strictly before its date; +1 ms counts a run that falls exactly on `now`.
  const [previous] = cron.previousRuns(1, new Date(now + 1));
  return previous ? previous.getTime() : null;
}

/**
 * The schedule's `where` as it read at the period's start: its clock (`now`, `days_since`) is
 * the cron instant, so a record that starts to match later in the period (e.g. at midnight,
 * when a date becomes 30 days old) waits for the next run — as if the scheduler had run exactly
 * at the cron time — however late the scheduler actually runs.
 */
function whereAt(where: unknown, period: number, timeZone: string): (data: object) => boolean {
  if (where === undefined) return () => true;
  if (where === null || typeof where !== "object") return () => truthy(where);
  const compiled = createRuleEngine({ clock: { now: () => period }, timeZone }).compile(where);
  return (data) => truthy(compiled(conditionData(data)));
}

/** Starts due scheduled instances in every workspace's flows; returns how many started. */
export async function runSchedules(
  rt: Runtime,
  workspaceId: string,
  options: { timeZone?: string } = {},
): Promise<number> {
  const now = rt.clock.now();
  const flows = latestVersions(
    await listDefinitions(rt.store.db, { workspaceId, kind: "flow", status: "published" }),
  );
  let started = 0;
  for (const flow of flows) {
    const trigger = (flow.body as { trigger?: FlowTrigger }).trigger;
    if (trigger?.type !== "schedule") continue;
    const timeZone = trigger.timeZone ?? options.timeZone ?? "Asia/Shanghai";
    const period = currentPeriod(trigger, now, options.timeZone ?? "Asia/Shanghai");
    if (period === null) continue;
    const stamp = new Date(period).toISOString();
    const matches = whereAt(trigger.records?.where, period, timeZone);
    const recordIds = trigger.records
      ? (
          await listRecords(rt.store.db, {
            workspaceId,
            formKey: trigger.records.form,
            limit: 10_000,
          })
        )
          .filter((r) => matches(r.data as object))
          .map((r) => r.id)
      : [null];
    for (const recordId of recordIds) {
      const instance = await rt.store.transaction((trx) =>
        rt.startInstance(trx, {
          workspaceId,
          flowKey: flow.key,
          recordId,
          startKey: `${flow.key}:schedule:${stamp}:${recordId ?? "-"}`,
        }),
      );
      if (instance) started++;
    }
  }
  return started;
}
