/**
 * @module designer/flows/issue-marks
 * Which node an issue concerns: its `nodeId` when the validator gave one, else the node its
 * pointer (`/nodes/<i>/…`) indexes in the document that was validated.
 */
import { parsePointer } from "../../../engine/errors/index.ts";

/** The part of an issue this needs. */
export interface LocatedIssue {
  readonly pointer: string;
  readonly nodeId?: string;
}

/**
 * The id of the node an issue points to, if any.
 * @example issueNodeId({ pointer: "/nodes/2/config" }, ["a", "b", "c"]) // "c"
 */
export function issueNodeId(issue: LocatedIssue, nodeIds: readonly string[]): string | undefined {
  if (issue.nodeId) return issue.nodeId;
  const [head, index] = safeParse(issue.pointer);
  if (head !== "nodes" || index === undefined || !/^\d+$/.test(index)) return undefined;
  return nodeIds[Number(index)];
}

/** The number of issues per node id. */
export function issueCounts(
  issues: readonly LocatedIssue[],
  nodeIds: readonly string[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of issues) {
    const id = issueNodeId(issue, nodeIds);
    if (id !== undefined) counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

function safeParse(pointer: string): readonly string[] {
  try {
    return parsePointer(pointer);
  } catch {
    return [];
  }
}
