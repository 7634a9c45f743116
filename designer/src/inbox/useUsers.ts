/**
 * @module designer/inbox/useUsers
 * The workspace's people by id, for names in lists and the transfer / add-signer pickers. A
 * role that may not list users gets none, and ids are shown instead.
 */
import { useEffect, useState } from "react";
import { useApi } from "../app-context.tsx";

export interface UserRef {
  readonly id: string;
  readonly name: string;
}

export function useUsers(): { users: readonly UserRef[]; nameOf(id: unknown): string } {
  const api = useApi();
  const [users, setUsers] = useState<readonly UserRef[]>([]);
  useEffect(() => {
    let current = true;
    api.get<{ items: UserRef[] }>("/api/v1/users?status=active").then(
      (reply) => current && setUsers(reply.items),
      () => current && setUsers([]),
    );
    return () => {
      current = false;
    };
  }, [api]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    users,
    nameOf: (id) => (typeof id === "string" ? (names.get(id) ?? id) : "—"),
  };
}
