/**
 * @module designer/tiers/issue-map
 * Puts validation issues next to what they point at: the issues at or below a pointer, and the
 * issues of each row of a list (`/rows/3/when/margin` belongs to row 3). Pure.
 */
import type { Issue } from "../../../engine/errors/index.ts";

/** Issues whose pointer is `pointer` or lies below it. */
export function issuesAt(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => i.pointer === pointer || i.pointer.startsWith(`${pointer}/`));
}

/** Issues pointing exactly at `pointer` (e.g. `/rows` for the table as a whole). */
export function issuesExactly(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => i.pointer === pointer);
}

/** Issues per item index of the list at `base` (e.g. "/rows"). */
export function issuesByIndex(issues: readonly Issue[], base: string): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>();
  const prefix = `${base}/`;
  for (const issue of issues) {
    if (!issue.pointer.startsWith(prefix)) continue;
    const token = issue.pointer.slice(prefix.length).split("/")[0]!;
    if (!/^\d+$/.test(token)) continue;
    const index = Number(token);
    const list = out.get(index);
    if (list) list.push(issue);
    else out.set(index, [issue]);
  }
  return out;
}

export const isWarning = (issue: Issue) => issue.severity === "warning";
export const errorsOf = (issues: readonly Issue[]) => issues.filter((i) => !isWarning(i));
