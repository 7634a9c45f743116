/**
 * @module runtime/kpis/scope
 * Which KPI rows count for a caller: row-level visibility (the same rules as record lists, see
 * store/record-query and server/visibility) and the optional team filter, both decided on the
 * owner and team of the record a row belongs to. A row without a (live) record — an instance
 * started without one — counts only for callers who see every record, and never under a team
 * filter.
 */
import type { KpiOwnership, OrgTree, RecordScope } from "../../store/index.ts";

/** Decides whether a row counts. */
export type RowFilter = (row: KpiOwnership) => boolean;

/**
 * Visibility: `scope` as record lists apply it, plus the accounts whose account team names the
 * caller (`accountTeamRecords`).
 */
export function visibleRows(
  scope: RecordScope,
  accountTeamRecords: ReadonlySet<string>,
): RowFilter {
  if (scope.kind === "all") return () => true;
  const teams = new Set(scope.teamIds);
  const owners = new Set(scope.ownerIds);
  return (row) => {
    if (row.recordId === null) return false;
    if (row.ownerId !== null && row.ownerId === scope.userId) return true;
    if (row.teamId !== null) {
      if (teams.has(row.teamId)) return true;
    } else if (row.ownerId !== null && owners.has(row.ownerId)) return true;
    return accountTeamRecords.has(row.recordId);
  };
}

/** A team and every team below it, with the members of those teams. */
export interface TeamSelection {
  readonly teamIds: ReadonlySet<string>;
  readonly memberIds: ReadonlySet<string>;
}

/** `teamId` with its sub-teams (teams have parents) and their members, from the org tree. */
export function teamSelection(tree: OrgTree, teamId: string): TeamSelection {
  const children = new Map<string, string[]>();
  for (const team of tree.teams) {
    if (team.parentId === null) continue;
    children.set(team.parentId, [...(children.get(team.parentId) ?? []), team.id]);
  }
  const teamIds = new Set<string>();
  const stack = [teamId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (teamIds.has(id)) continue;
    teamIds.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  const memberIds = new Set(tree.members.filter((m) => teamIds.has(m.teamId)).map((m) => m.userId));
  return { teamIds, memberIds };
}

/**
 * The team filter: records of the selected teams, and records without a team whose owner is a
 * member of one (a record without a team belongs to its owner's teams).
 */
export function teamRows(selection: TeamSelection): RowFilter {
  return (row) => {
    if (row.recordId === null) return false;
    if (row.teamId !== null) return selection.teamIds.has(row.teamId);
    return row.ownerId !== null && selection.memberIds.has(row.ownerId);
  };
}

/** Rows passing every filter. */
export function bothRows(...filters: readonly RowFilter[]): RowFilter {
  return (row) => filters.every((f) => f(row));
}
