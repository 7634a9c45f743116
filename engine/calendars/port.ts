/**
 * @module calendars/port
 * Adapts business calendars to the interpreter's `DurationCalendar` port.
 */
import type { DurationCalendar } from "../flows/interpreter/context.ts";
import type { CalendarKind } from "../flows/nodes/node-context.ts";
import { addDuration, parseDuration } from "../tiers/duration.ts";
import type { BusinessCalendar } from "./calendar.ts";
import { businessDurationParts } from "./duration.ts";

/**
 * The interpreter's calendar port: "business" durations are counted in `calendar`'s working time
 * (see calendars/calendar for the rules), "natural" ones are plain elapsed time (days are 24 h,
 * months and years calendar units in UTC, as engine/tiers/duration). Null for a duration the
 * chosen calendar cannot count, which the interpreter reports as invalid. A calendar without any
 * working time within ten years throws CALENDAR_NO_WORKING_TIME: that is a misconfiguration to
 * surface, not a duration to ignore.
 * @example calendarPort(createBusinessCalendar({})).add(t, "PT2H", "business")
 */
export function calendarPort(calendar: BusinessCalendar): DurationCalendar {
  return {
    add(from: number, duration: string, kind: CalendarKind): number | null {
      if (kind === "natural") {
        const parsed = parseDuration(duration);
        return parsed ? addDuration(from, parsed) : null;
      }
      return businessDurationParts(duration) ? calendar.add(from, duration) : null;
    },
    addMs: (from, ms, kind) => (kind === "natural" ? from + ms : calendar.addWorkingMs(from, ms)),
    between: (from, to, kind) =>
      kind === "natural" ? to - from : calendar.workingMsBetween(from, to),
  };
}
