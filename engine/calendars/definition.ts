/**
 * @module calendars/definition
 * Checks a business calendar document (shape by its JSON Schema, then the rules a schema cannot
 * say: a known zone, ordered intervals, real dates, no date both a holiday and a make-up day) and
 * resolves it into the integer form the arithmetic works on.
 */
import {
  type BusinessCalendarDefinition,
  businessCalendarSchema,
  validatorFor,
} from "../../schemas/index.ts";
import { ajvErrorsToIssues } from "../errors/ajv-issues.ts";
import { type Issue, issue, type Validation } from "../errors/kam-error.ts";
import { dayOfDate, isKnownZone } from "./zone.ts";

/** A calendar in the form the arithmetic uses: minutes of the day and day numbers. */
export interface ResolvedCalendar {
  readonly timeZone: string;
  readonly weekdays: ReadonlySet<number>;
  /** `[startMinute, endMinute)` of each working interval, ordered and disjoint. */
  readonly intervals: readonly (readonly [number, number])[];
  readonly holidays: ReadonlySet<number>;
  readonly makeUpWorkdays: ReadonlySet<number>;
}

/**
 * A calendar document as callers write it: every property may be left out (the schema-derived
 * type lists defaulted properties as present, because that is what a defaulting validator yields).
 */
export type BusinessCalendarInput = {
  readonly [K in keyof BusinessCalendarDefinition]?: BusinessCalendarDefinition[K] extends
    | readonly (infer E)[]
    | undefined
    ? readonly E[]
    : BusinessCalendarDefinition[K];
};

const DEFAULT_HOURS = businessCalendarSchema.properties.workingHours.default;

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Validates a calendar document and resolves it; schema defaults (Asia/Shanghai, Mon–Fri,
 * 09:00–12:00 and 13:00–18:00) fill what it leaves out.
 * @example validateBusinessCalendar({}) // ok, the default China working week
 */
export function validateBusinessCalendar(
  definition: BusinessCalendarInput,
): Validation<ResolvedCalendar> {
  const validate = validatorFor(businessCalendarSchema.$id);
  if (!validate(definition)) return { ok: false, issues: ajvErrorsToIssues(validate.errors) };

  const issues: Issue[] = [];
  const timeZone = definition.timeZone ?? "Asia/Shanghai";
  if (!isKnownZone(timeZone)) {
    issues.push(issue("CALENDAR_TIMEZONE_UNKNOWN", "/timeZone", { zone: timeZone }));
  }

  const intervals: [number, number][] = [];
  (definition.workingHours ?? DEFAULT_HOURS).forEach((h, i) => {
    const [start, end] = [minutes(h.start), minutes(h.end)];
    if (start >= end) {
      issues.push(issue("CALENDAR_HOURS_INVALID", `/workingHours/${i}`, h));
    } else if (intervals.length > 0 && start < (intervals.at(-1)?.[1] ?? 0)) {
      issues.push(issue("CALENDAR_HOURS_OVERLAP", `/workingHours/${i}/start`, { start: h.start }));
    } else {
      intervals.push([start, end]);
    }
  });

  const days = (list: readonly { date: string }[] | undefined, at: string) => {
    const out = new Set<number>();
    (list ?? []).forEach((entry, i) => {
      const day = dayOfDate(entry.date);
      if (day === null) {
        issues.push(issue("CALENDAR_DATE_INVALID", `/${at}/${i}/date`, { value: entry.date }));
      } else out.add(day);
    });
    return out;
  };
  const holidays = days(definition.holidays, "holidays");
  const makeUpWorkdays = days(definition.makeUpWorkdays, "makeUpWorkdays");
  (definition.makeUpWorkdays ?? []).forEach((entry, i) => {
    const day = dayOfDate(entry.date);
    if (day !== null && holidays.has(day)) {
      issues.push(
        issue("CALENDAR_DATE_CONFLICT", `/makeUpWorkdays/${i}/date`, { date: entry.date }),
      );
    }
  });

  if (issues.length > 0) return { ok: false, issues };
  const weekdays = new Set(definition.workingWeekdays ?? [1, 2, 3, 4, 5]);
  return {
    ok: true,
    value: { timeZone, weekdays, intervals, holidays, makeUpWorkdays },
    warnings: [],
  };
}
