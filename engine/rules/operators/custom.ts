/**
 * @module rules/operators/custom
 * kamflow's custom operators. They are plain functions of their evaluated arguments, so the
 * same implementation is registered with json-logic-js for differential tests.
 */
import type { Clock } from "../../ports.ts";
import {
  addToDate,
  calendarDayIn,
  DAY_MS,
  dayFormatter,
  diffDates,
  formatDate,
  normaliseUnit,
  parseDate,
} from "./dates.ts";
import { roundDecimal } from "./round.ts";
import type { EagerOperator } from "./standard.ts";

export interface CustomOperatorContext {
  /** Source of `now`; without one, `now` and `days_since` fail with RULE_EVAL_FAILED. */
  readonly clock?: Clock;
  /** Zone in which "today" is read for calendar dates. */
  readonly timeZone: string;
}

/** What the compiler needs to know about an operator besides its function. */
export interface CustomOperatorSpec {
  readonly fn: EagerOperator;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Pure operators with constant arguments are folded at compile time. */
  readonly pure: boolean;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Thrown when a rule needs the time and the engine has no clock. */
export class MissingClockError extends Error {
  constructor() {
    super("This rule reads the current time, but the rule engine has no clock.");
  }
}

function lookup(table: unknown, key: unknown, fallback: unknown = null): unknown {
  if (table === null || typeof table !== "object") return fallback;
  const k = String(key);
  if (FORBIDDEN_KEYS.has(k) || !Object.hasOwn(table, k)) return fallback;
  const value = (table as Record<string, unknown>)[k];
  return value === undefined ? fallback : value;
}

function between(value: unknown, low: unknown, high: unknown, bounds: unknown = "[]"): boolean {
  if (value === null || value === undefined) return false;
  const b = typeof bounds === "string" ? bounds : "[]";
  const v = value as number;
  const aboveLow = b.startsWith("(") ? v > (low as number) : v >= (low as number);
  const belowHigh = b.endsWith(")") ? v < (high as number) : v <= (high as number);
  return aboveLow && belowHigh;
}

/** Builds the custom operator table for one engine instance. */
export function customOperators(
  context: CustomOperatorContext,
): Readonly<Record<string, CustomOperatorSpec>> {
  const formatter = dayFormatter(context.timeZone);
  const now = (): number => {
    if (!context.clock) throw new MissingClockError();
    return context.clock.now();
  };

  return Object.freeze({
    now: { minArgs: 0, maxArgs: 0, pure: false, fn: () => new Date(now()).toISOString() },
    days_since: {
      minArgs: 1,
      maxArgs: 1,
      pure: false,
      fn: (date) => {
        const parsed = parseDate(date);
        if (!parsed) return null;
        const current = now();
        if (parsed.dateOnly)
          return Math.round((calendarDayIn(current, formatter) - parsed.ms) / DAY_MS);
        return Math.floor((current - parsed.ms) / DAY_MS);
      },
    },
    date_add: {
      minArgs: 3,
      maxArgs: 3,
      pure: true,
      fn: (date, amount, unit) => {
        const parsed = parseDate(date);
        const u = normaliseUnit(unit);
        const n = Number(amount);
        if (!parsed || !u || !Number.isFinite(n)) return null;
        return formatDate(addToDate(parsed, n, u));
      },
    },
    date_diff: {
      minArgs: 3,
      maxArgs: 3,
      pure: true,
      fn: (from, to, unit) => {
        const a = parseDate(from);
        const b = parseDate(to);
        const u = normaliseUnit(unit);
        if (!a || !b || !u) return null;
        return diffDates(a, b, u);
      },
    },
    round: {
      minArgs: 1,
      maxArgs: 2,
      pure: true,
      fn: (value, digits) => {
        if (value === null || value === undefined || value === "") return null;
        // Whole digits in [-15, 15]; anything else (NaN, 2.7, 99) is clamped, never an error.
        const d = Math.max(-15, Math.min(15, Math.trunc(Number(digits ?? 0)) || 0));
        return roundDecimal(Number(value), d);
      },
    },
    coalesce: {
      minArgs: 1,
      maxArgs: Number.POSITIVE_INFINITY,
      pure: true,
      fn: (...args) => args.find((a) => a !== null && a !== undefined) ?? null,
    },
    between: { minArgs: 3, maxArgs: 4, pure: true, fn: between },
    lookup: { minArgs: 2, maxArgs: 3, pure: true, fn: lookup },
  });
}
