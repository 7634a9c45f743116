/**
 * @module designer/inbox/inbox-time
 * How the inbox speaks about time: a countdown to a deadline ("in 2 h 5 min", "overdue 3 d"),
 * and how urgent it is (overdue, due within the hour, later) for its colour. Pure.
 */

export type Urgency = "overdue" | "soon" | "later" | "none";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The parts of a duration, largest two only ("2 d 3 h", "5 h 20 min", "12 min"). */
export function durationParts(ms: number): Array<{ unit: "d" | "h" | "min"; value: number }> {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MIN);
  if (d > 0)
    return h > 0
      ? [
          { unit: "d", value: d },
          { unit: "h", value: h },
        ]
      : [{ unit: "d", value: d }];
  if (h > 0)
    return m > 0
      ? [
          { unit: "h", value: h },
          { unit: "min", value: m },
        ]
      : [{ unit: "h", value: h }];
  return [{ unit: "min", value: Math.max(m, abs > 0 && m === 0 ? 1 : 0) }];
}

/** How urgent a deadline is at `now`. */
export function urgencyOf(dueAt: number | null, now: number): Urgency {
  if (dueAt === null) return "none";
  if (dueAt <= now) return "overdue";
  return dueAt - now <= HOUR ? "soon" : "later";
}

/**
 * A countdown in the UI's words: `units` names each unit ("天"/"d"…); `overdue` and `left`
 * wrap the text ("已超时 {{time}}" / "overdue {{time}}").
 * @example countdown(now + 65 * 60_000, now, { d: "d", h: "h", min: "min" }, "{{time}} left", "overdue {{time}}") // "1 h 5 min left"
 */
export function countdown(
  dueAt: number,
  now: number,
  units: Readonly<Record<"d" | "h" | "min", string>>,
  left: string,
  overdue: string,
): string {
  const time = durationParts(dueAt - now)
    .map((p) => `${p.value} ${units[p.unit]}`)
    .join(" ");
  return (dueAt <= now ? overdue : left).replace("{{time}}", time);
}
