/**
 * @module server/visibility
 * Row-level visibility of records, by owner and team, within the caller's workspace:
 *
 * - **admin, designer**: every record;
 * - **manager**: records of the teams they manage or belong to and of every team below those
 *   (teams have parents), plus their own;
 * - **member**: their own records and their teams' records;
 * - **viewer**: what a member of their teams sees (read only: the permission table refuses writes).
 *
 * A record's team is its `teamId`; a record without one belongs to its owner's teams. Everyone
 * also sees the accounts whose own account team names them (KAM, executive sponsor). The rules
 * compile to one SQL condition (store/record-query), used by lists and single reads alike, so a
 * record that is absent from a list is also a 404 when asked for by id.
 */
import { KamError } from "../engine/errors/index.ts";
import {
  entityNames,
  type OrgTree,
  queryRecords,
  type RecordScope,
  readOrgTree,
  type Store,
  type StoredRecord,
} from "../engine/store/index.ts";
import type { Caller } from "./http/env.ts";

/** What the caller may see, and the team their new records go to by default. */
export interface Visibility {
  readonly scope: RecordScope;
  /** The caller's first team, if they are in one. */
  readonly homeTeam: string | null;
  /** Whether the caller may give a record to `ownerId` and `teamId` (null: none). */
  mayAssign(ownerId: string, teamId: string | null): boolean;
}

/** The teams below `roots`, roots included. */
function subtree(tree: OrgTree, roots: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>();
  for (const team of tree.teams) {
    if (team.parentId === null) continue;
    const list = children.get(team.parentId) ?? [];
    list.push(team.id);
    children.set(team.parentId, list);
  }
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return seen;
}

/** The rules of the module doc, for `caller`. */
export function visibilityIn(tree: OrgTree, caller: Caller): Visibility {
  const mine = tree.members.filter((m) => m.userId === caller.userId).map((m) => m.teamId);
  const homeTeam = mine[0] ?? null;
  if (caller.role === "admin" || caller.role === "designer")
    return { scope: { kind: "all" }, homeTeam, mayAssign: () => true };
  const roots = new Set(mine);
  if (caller.role === "manager")
    for (const team of tree.teams) if (team.managerId === caller.userId) roots.add(team.id);
  const teams = caller.role === "manager" ? subtree(tree, roots) : roots;
  const owners = new Set(tree.members.filter((m) => teams.has(m.teamId)).map((m) => m.userId));
  owners.add(caller.userId);
  return {
    scope: {
      kind: "limited",
      userId: caller.userId,
      teamIds: [...teams].sort(),
      ownerIds: [...owners].sort(),
    },
    homeTeam,
    // A new record must stay visible to its creator: in one of their teams, or theirs alone.
    mayAssign: (ownerId, teamId) =>
      teamId === null ? ownerId === caller.userId : teams.has(teamId) && owners.has(ownerId),
  };
}

/** The caller's visibility, read from the workspace's teams and memberships. */
export async function visibilityOf(store: Store, caller: Caller): Promise<Visibility> {
  return visibilityIn(await readOrgTree(store.db, caller.workspaceId), caller);
}

/**
 * The record `id` if the caller may see it, else STORE_NOT_FOUND (404) — the same answer as for
 * an id that does not exist, so routes keyed by a record id (its account team, its calendar, a
 * flow started on it) reveal nothing about records outside the caller's visibility.
 */
export async function visibleRecord(
  store: Store,
  caller: Caller,
  id: string,
  visibility?: Visibility,
): Promise<StoredRecord> {
  const { scope } = visibility ?? (await visibilityOf(store, caller));
  const [record] = await queryRecords(store, {
    workspaceId: caller.workspaceId,
    scope,
    id,
    limit: 1,
  });
  if (!record) throw new KamError("STORE_NOT_FOUND", "", { entity: entityNames.record, id });
  return record;
}
