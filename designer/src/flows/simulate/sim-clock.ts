/**
 * @module designer/flows/simulate/sim-clock
 * The steps the simulated clock moves by (minutes, hours, days), and a time as the text of a
 * datetime-local input.
 */

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const UNITS = { minutes: MIN, hours: HOUR, days: DAY } as const;

/** `YYYY-MM-DDTHH:mm` of the browser's local time, for a datetime-local input. */
export function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * MIN);
  return d.toISOString().slice(0, 16);
}
