/**
 * @module runtime/workspace-calendar
 * The business calendar a workspace's SLA and wait durations count on: `settings.calendar` of the
 * workspace (a business-calendar definition), or — without one — mainland China's: Asia/Shanghai,
 * 09:00–12:00 and 13:00–18:00 on weekdays, the State Council holidays and make-up working days.
 */
import { calendarPort, chinaMainlandCalendar, createBusinessCalendar } from "../calendars/index.ts";
import type { DurationCalendar } from "../flows/index.ts";
import { getWorkspace } from "../store/index.ts";
import type { Trx } from "./context.ts";

/** The calendar of mainland China for the years whose official tables kamflow ships. */
export const defaultCalendar: DurationCalendar = calendarPort(
  createBusinessCalendar(chinaMainlandCalendar()),
);

/**
 * Loads a workspace's calendar. An invalid stored definition falls back to the default rather
 * than stopping every flow of the workspace; settings are validated when they are saved.
 */
export async function loadCalendar(trx: Trx, workspaceId: string): Promise<DurationCalendar> {
  const workspace = await getWorkspace(trx, workspaceId);
  const definition = workspace?.settings.calendar;
  if (definition === undefined) return defaultCalendar;
  try {
    return calendarPort(createBusinessCalendar(definition as never));
  } catch {
    return defaultCalendar;
  }
}
