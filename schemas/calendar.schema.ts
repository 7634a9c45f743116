/**
 * @module schemas/calendar
 * A business calendar (DESIGN §3.4, issue 4): the time zone, working weekdays, working hours with
 * a lunch break, public holidays and make-up working days (调休). Business durations of SLA ladders
 * are counted in this calendar's working time by `engine/calendars`.
 */
import { i18nStringRef } from "./common/i18n-string.schema.ts";

/** A local calendar date, `YYYY-MM-DD` (the day is checked by the calendar module). */
const calendarDateSchema = {
  type: "string",
  title: "Date",
  description: "A local calendar date in the calendar's time zone, formatted YYYY-MM-DD.",
  pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
} as const;

/** A local wall-clock time, `HH:MM`; `24:00` is allowed as the end of a day. */
const clockTimeSchema = {
  type: "string",
  pattern: "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
} as const;

/** A dated entry of the yearly table: a holiday or a make-up working day, optionally named. */
const datedEntrySchema = (title: string, description: string) =>
  ({
    type: "object",
    title,
    description,
    additionalProperties: false,
    required: ["date"],
    properties: {
      date: calendarDateSchema,
      name: {
        ...i18nStringRef,
        title: "Name",
        description: "What the day is, e.g. 春节 / Spring Festival, in zh-CN and en.",
      },
    },
  }) as const;

export const businessCalendarSchema = {
  $id: "https://kamflow.dev/schemas/business-calendar.json",
  title: "Business calendar",
  description:
    "Working time of a workspace or account: time zone, working weekdays, working hours with breaks, holidays and make-up working days (调休).",
  type: "object",
  additionalProperties: false,
  properties: {
    name: {
      ...i18nStringRef,
      title: "Name",
      description: "Display name of the calendar in zh-CN and en.",
    },
    timeZone: {
      type: "string",
      title: "Time zone",
      description: "IANA time zone the working hours and dates are read in.",
      minLength: 1,
      maxLength: 64,
      default: "Asia/Shanghai",
    },
    workingWeekdays: {
      type: "array",
      title: "Working weekdays",
      description: "ISO weekdays that are working days unless a holiday: 1 = Monday … 7 = Sunday.",
      items: {
        type: "integer",
        title: "Weekday",
        description: "ISO weekday number, 1 = Monday … 7 = Sunday.",
        minimum: 1,
        maximum: 7,
      },
      uniqueItems: true,
      maxItems: 7,
      default: [1, 2, 3, 4, 5],
    },
    workingHours: {
      type: "array",
      title: "Working hours",
      description:
        "Working intervals of every working day in local time, in order and not overlapping; the gap between two intervals is a break (lunch).",
      minItems: 1,
      maxItems: 12,
      items: {
        type: "object",
        title: "Working interval",
        description: "One interval of working time, from start (inclusive) to end (exclusive).",
        additionalProperties: false,
        required: ["start", "end"],
        properties: {
          start: { ...clockTimeSchema, title: "Start", description: "Local start time, HH:MM." },
          end: {
            ...clockTimeSchema,
            title: "End",
            description: "Local end time, HH:MM (24:00 for midnight).",
          },
        },
      },
      default: [
        { start: "09:00", end: "12:00" },
        { start: "13:00", end: "18:00" },
      ],
    },
    holidays: {
      type: "array",
      title: "Holidays",
      description: "Dates that are not working days even on a working weekday.",
      items: datedEntrySchema("Holiday", "A public or company holiday."),
      maxItems: 2000,
      default: [],
    },
    makeUpWorkdays: {
      type: "array",
      title: "Make-up working days (调休)",
      description:
        "Dates that are working days even on a weekend, e.g. a Saturday before a holiday.",
      items: datedEntrySchema("Make-up working day", "A weekend date worked to extend a holiday."),
      maxItems: 2000,
      default: [],
    },
  },
} as const;
