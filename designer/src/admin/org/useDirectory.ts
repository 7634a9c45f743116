/**
 * @module designer/admin/org/useDirectory
 * The people and the org chart the org tabs name and pick from: every user (of any status; the
 * API gives non-managers names only) and the team tree, with a name lookup and `reload`.
 */
import { useCallback, useMemo } from "react";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { flattenTeams, type OrgUser, type TeamNode } from "./org-model.ts";

export function useDirectory() {
  const users = useApiQuery<{ items: OrgUser[] }>("/api/v1/users");
  const teams = useApiQuery<{ items: TeamNode[] }>("/api/v1/teams");
  const userList = users.data?.items;
  const roots = teams.data?.items;
  const names = useMemo(() => new Map((userList ?? []).map((u) => [u.id, u.name])), [userList]);
  const flat = useMemo(() => flattenTeams(roots ?? []), [roots]);
  const teamNames = useMemo(() => new Map(flat.map((t) => [t.id, t.name])), [flat]);
  const reloadUsers = users.reload;
  const reloadTeams = teams.reload;
  const reload = useCallback(() => {
    reloadUsers();
    reloadTeams();
  }, [reloadUsers, reloadTeams]);
  return {
    users,
    teams,
    /** Users of the workspace; empty while loading. */
    userList: userList ?? [],
    /** Top-level teams; empty while loading. */
    roots: roots ?? [],
    flat,
    nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? id) : "—"),
    teamNameOf: (id: string | null | undefined) => (id ? (teamNames.get(id) ?? id) : "—"),
    /** Active users as Select options (label: name and, when known, e-mail). */
    userOptions: (userList ?? [])
      .filter((u) => (u.status ?? "active") === "active")
      .map((u) => ({ value: u.id, label: u.email ? `${u.name} (${u.email})` : u.name })),
    reload,
  };
}

export type Directory = ReturnType<typeof useDirectory>;
