/**
 * @module calendars/create
 * The document-level entry: validate a calendar definition and build its arithmetic.
 */
import { DefinitionError } from "../errors/kam-error.ts";
import { type BusinessCalendar, businessCalendarOf } from "./calendar.ts";
import { type BusinessCalendarInput, validateBusinessCalendar } from "./definition.ts";

/**
 * Builds the business-time arithmetic of a calendar document; throws a DefinitionError carrying
 * every issue when the document is invalid.
 * @example
 * // Friday 9 Jan 2026 17:00 in Shanghai, Monday 12 Jan a holiday: due Tuesday 10:00.
 * const cal = createBusinessCalendar({ holidays: [{ date: "2026-01-12" }] });
 * cal.add(Date.parse("2026-01-09T17:00:00+08:00"), "PT2H"); // Date.parse("2026-01-13T10:00:00+08:00")
 */
export function createBusinessCalendar(definition: BusinessCalendarInput = {}): BusinessCalendar {
  const checked = validateBusinessCalendar(definition);
  if (!checked.ok) throw new DefinitionError(checked.issues);
  return businessCalendarOf(checked.value);
}
