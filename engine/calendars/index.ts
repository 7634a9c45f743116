/**
 * @module calendars
 * Public entry of business calendars: exact business-time arithmetic (working hours with breaks,
 * holidays, 调休) for SLA deadlines, the interpreter's calendar port, the yearly table import and
 * the mainland-China holiday tables. Pure: no clock, no I/O. The counting rules are documented in
 * `calendar.ts`.
 */
export type { BusinessCalendar } from "./calendar.ts";
export { businessCalendarOf } from "./calendar.ts";
export {
  chinaMainlandCalendar,
  cnHolidays2026,
  cnHolidays2027Provisional,
  cnHolidayTables,
} from "./cn-holidays.ts";
export { createBusinessCalendar } from "./create.ts";
export {
  type BusinessCalendarInput,
  type ResolvedCalendar,
  validateBusinessCalendar,
} from "./definition.ts";
export { calendarPort } from "./port.ts";
export { type CalendarTable, type DatedEntry, parseCalendarTable } from "./table.ts";
