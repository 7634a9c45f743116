/**
 * @module store/testing/fixtures
 * Rows most store tests need: a workspace with a user, a published flow definition, and
 * instances of it.
 */
import { insertDefinition } from "../definitions.repo.ts";
import { insertInstance, type StoredInstance } from "../instances.repo.ts";
import type { Db } from "../store-errors.ts";
import { insertUser, insertWorkspace } from "../workspaces.repo.ts";

/** A fixed instant for tests: 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

export interface Seeded {
  readonly workspaceId: string;
  readonly userId: string;
  readonly definitionId: string;
}

/** A workspace, one user and a published flow "escalation" v1. */
export async function seedWorkspace(db: Db, name = "ACME"): Promise<Seeded> {
  const workspaceId = await insertWorkspace(db, { name, now: T0 });
  const userId = await insertUser(db, {
    workspaceId,
    email: "kat@example.com",
    name: "KAT manager",
    now: T0,
  });
  const definition = await insertDefinition(db, {
    workspaceId,
    kind: "flow",
    key: "escalation",
    body: { nodes: [], edges: [] },
    status: "published",
    now: T0,
  });
  return { workspaceId, userId, definitionId: definition.id };
}

/** A running instance of the seeded flow. */
export function seedInstance(
  db: Db,
  seeded: Seeded,
  extra: { status?: "running" | "waiting" | "completed" | "cancelled"; completedAt?: number } = {},
): Promise<StoredInstance<{ tokens: string[] }>> {
  return insertInstance(db, {
    workspaceId: seeded.workspaceId,
    flowKey: "escalation",
    flowVersion: 1,
    definitionId: seeded.definitionId,
    status: extra.status ?? "running",
    state: { tokens: ["t1"] },
    initiatorId: seeded.userId,
    now: T0,
  });
}
