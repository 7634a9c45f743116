/**
 * @module designer/flows/inspector/duration
 * ISO-8601 durations (what the schemas store: `PT15M`, `P3D`, `P1W`, `P1DT2H`) as parts a person
 * edits: an amount and a unit when the duration has one unit, else the parts one by one.
 */

export const DURATION_UNITS = ["weeks", "days", "hours", "minutes"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number] | "years" | "months" | "seconds";

export type DurationParts = Partial<Record<DurationUnit, number>>;

const PATTERN =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const ORDER: readonly DurationUnit[] = [
  "years",
  "months",
  "weeks",
  "days",
  "hours",
  "minutes",
  "seconds",
];

/**
 * The parts of an ISO-8601 duration, or undefined when it is not one.
 * @example parseDuration("P1DT2H") // { days: 1, hours: 2 }
 */
export function parseDuration(text: string): DurationParts | undefined {
  const m = PATTERN.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const parts: DurationParts = {};
  ORDER.forEach((unit, i) => {
    const value = m[i + 1];
    if (value !== undefined) parts[unit] = Number(value);
  });
  return parts;
}

/**
 * The ISO-8601 text of some parts (zero parts left out; all zero is `PT0S`).
 * @example formatDuration({ hours: 4 }) // "PT4H"
 */
export function formatDuration(parts: DurationParts): string {
  const n = (unit: DurationUnit, suffix: string) => {
    const v = parts[unit];
    return v ? `${v}${suffix}` : "";
  };
  const date = n("years", "Y") + n("months", "M") + n("weeks", "W") + n("days", "D");
  const time = n("hours", "H") + n("minutes", "M") + n("seconds", "S");
  if (!date && !time) return "PT0S";
  return `P${date}${time ? `T${time}` : ""}`;
}

/** The amount and unit of a duration with a single (editable) unit, else undefined. */
export function singleUnit(text: string): { amount: number; unit: DurationUnit } | undefined {
  const parts = parseDuration(text);
  if (!parts) return undefined;
  const set = ORDER.filter((u) => parts[u]);
  if (set.length === 0) return { amount: 0, unit: "minutes" };
  if (set.length !== 1) return undefined;
  const unit = set[0] as DurationUnit;
  return { amount: parts[unit] as number, unit };
}
