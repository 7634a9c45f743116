/**
 * @module runtime/template-sample
 * Applies a pack's sample data to a workspace: its people (reused by e-mail when they exist, so
 * seeding twice adds records, not users), their teams, access and business roles, then the
 * planned records in order — each resolved reference (a person, the parent record, an earlier
 * sibling) becomes an id. Records are created through the engine like any user's, so their
 * computed fields, tier models and record triggers run. Each record commits on its own: a crash
 * keeps what was created (a re-run adds a fresh set; nothing is half-written).
 */
import type { TemplateSampleData } from "../../schemas/template-sample-data.schema.ts";
import type { Role } from "../store/index.ts";
import type { SamplePlan, SampleRef } from "../templates/sample-data.ts";
import type { Engine } from "./create-engine.ts";

export interface SamplePeople {
  /** Person key → user id. */
  readonly people: Readonly<Record<string, string>>;
  /** Team key → team id. */
  readonly teams: Readonly<Record<string, string>>;
  /** Business role → user ids holding it, in the spec's order (for round-robin). */
  readonly holders: Readonly<Record<string, readonly string[]>>;
}

const label = (name: unknown) => {
  const n = name as { "zh-CN"?: string; en?: string };
  return n["zh-CN"] && n.en && n["zh-CN"] !== n.en
    ? `${n["zh-CN"]} / ${n.en}`
    : (n["zh-CN"] ?? n.en ?? "");
};

/**
 * Creates (or finds) the spec's people and teams.
 * @param passwordHash given to new people, so they can sign in (the demo shares one password).
 */
export async function applySamplePeople(
  engine: Engine,
  ws: string,
  spec: TemplateSampleData,
  options: { passwordHash?: string } = {},
): Promise<SamplePeople> {
  const db = engine.store.db;
  const people: Record<string, string> = {};
  const created = new Set<string>();
  for (const person of spec.people) {
    const existing = await db
      .selectFrom("users")
      .select("id")
      .where("workspace_id", "=", ws)
      .where("email", "=", person.email)
      .executeTakeFirst();
    if (existing) {
      people[person.key] = existing.id;
      continue;
    }
    people[person.key] = await engine.users.create(ws, {
      email: person.email,
      name: person.name,
      ...(options.passwordHash ? { passwordHash: options.passwordHash } : {}),
    });
    created.add(person.key);
  }
  const teams: Record<string, string> = {};
  for (const team of spec.teams ?? []) {
    const existing = await db
      .selectFrom("teams")
      .select("id")
      .where("workspace_id", "=", ws)
      .where("key", "=", team.key)
      .executeTakeFirst();
    teams[team.key] =
      existing?.id ??
      (await engine.teams.create(ws, {
        key: team.key,
        name: label(team.name),
        parentId: team.parent !== undefined ? (teams[team.parent] ?? null) : null,
        managerId: team.manager !== undefined ? (people[team.manager] ?? null) : null,
      }));
  }
  const holders: Record<string, string[]> = {};
  for (const person of spec.people) {
    const userId = people[person.key] as string;
    for (const role of person.businessRoles ?? [])
      holders[role] = [...(holders[role] ?? []), userId];
    if (!created.has(person.key)) continue;
    await engine.memberships.add(ws, {
      userId,
      role: person.role as Role,
      ...(person.team !== undefined && teams[person.team] ? { teamId: teams[person.team] } : {}),
    });
    for (const role of person.businessRoles ?? []) await engine.roles.grant(ws, { userId, role });
  }
  return { people, teams, holders };
}

/** The team a user belongs to first, for a record's team. */
async function teamOf(engine: Engine, ws: string, userId: string): Promise<string | undefined> {
  const row = await engine.store.db
    .selectFrom("memberships")
    .select("team_id")
    .where("workspace_id", "=", ws)
    .where("user_id", "=", userId)
    .where("team_id", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return row?.team_id ?? undefined;
}

/**
 * Creates the plan's records in order, reporting progress after each; returns their ids.
 * @param actor who creates them (the audit trail names this user).
 */
export async function applySampleRecords(
  engine: Engine,
  ws: string,
  plan: SamplePlan,
  people: SamplePeople,
  options: { actor?: string | null; onProgress?: (done: number, total: number) => void } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const teams = new Map<string, string | undefined>();
  const resolve = (ref: SampleRef): string | undefined => {
    if ("person" in ref) return people.people[ref.person];
    if ("record" in ref) return ids[ref.record];
    const holders = people.holders[ref.role] ?? [];
    return holders[ref.turn % Math.max(1, holders.length)];
  };
  for (const record of plan.records) {
    const data: Record<string, unknown> = { ...record.data };
    for (const [field, ref] of Object.entries(record.refs)) {
      const id = resolve(ref);
      if (id !== undefined) data[field] = id;
    }
    const owners = record.owner ? (people.holders[record.owner.role] ?? []) : [];
    const ownerId = record.owner
      ? owners[record.owner.turn % Math.max(1, owners.length)]
      : undefined;
    if (ownerId !== undefined && !teams.has(ownerId))
      teams.set(ownerId, await teamOf(engine, ws, ownerId));
    const teamId = ownerId !== undefined ? teams.get(ownerId) : undefined;
    const stored = await engine.records.create(ws, record.form, data, {
      actor: options.actor ?? ownerId ?? null,
      ...(ownerId !== undefined ? { ownerId } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
    });
    ids.push(stored.id);
    for (const member of record.accountTeam) {
      const userId = people.people[member.person];
      if (userId !== undefined)
        await engine.accountTeams.add(ws, { recordId: stored.id, userId, role: member.role });
    }
    options.onProgress?.(ids.length, plan.records.length);
  }
  return ids;
}
