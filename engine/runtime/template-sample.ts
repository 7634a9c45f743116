/**
 * @module runtime/template-sample
 * Applies a pack's sample data to a workspace: its people (reused by e-mail when they exist, so
 * seeding twice adds records, not users), their teams, access and business roles, then the
 * planned records in order — each resolved reference (a person, the parent record, an earlier
 * sibling) becomes an id. Records are created through the engine like any user's, so their
 * computed fields, tier models and record triggers run.
 *
 * The writes go through a `SampleWriter`: `engineWriter` commits each write on its own (a crash
 * keeps what was created; a re-run adds a fresh set; nothing is half-written), while the
 * `template-install` job writes in its chunk's transaction (runtime/jobs/sample-writer), so a
 * chunk of records commits with the job's progress.
 */
import type { TemplateSampleData } from "../../schemas/template-sample-data.schema.ts";
import type { Db, Role } from "../store/index.ts";
import type { SamplePlan, SampleRecord, SampleRef } from "../templates/sample-data.ts";
import type { Engine } from "./create-engine.ts";

/** The writes sample data needs, in one workspace. */
export interface SampleWriter {
  userByEmail(email: string): Promise<string | undefined>;
  createUser(user: { email: string; name: string; passwordHash?: string }): Promise<string>;
  teamByKey(key: string): Promise<string | undefined>;
  createTeam(team: {
    key: string;
    name: string;
    parentId: string | null;
    managerId: string | null;
  }): Promise<string>;
  addMembership(membership: { userId: string; role: Role; teamId?: string }): Promise<unknown>;
  grantRole(grant: { userId: string; role: string }): Promise<unknown>;
  /** The team a user belongs to first, for a record's team. */
  teamOf(userId: string): Promise<string | undefined>;
  /** Creates a record; returns its id. */
  createRecord(
    form: string,
    data: Record<string, unknown>,
    acting: { actor: string | null; ownerId?: string; teamId?: string },
  ): Promise<string>;
  addAccountTeamMember(member: {
    recordId: string;
    userId: string;
    role: string;
  }): Promise<unknown>;
}

/** The reads both writers share, over the engine's database or a chunk's transaction. */
export function sampleLookups(
  db: Db,
  ws: string,
): Pick<SampleWriter, "userByEmail" | "teamByKey" | "teamOf"> {
  return {
    userByEmail: async (email) =>
      (
        await db
          .selectFrom("users")
          .select("id")
          .where("workspace_id", "=", ws)
          .where("email", "=", email)
          .executeTakeFirst()
      )?.id,
    teamByKey: async (key) =>
      (
        await db
          .selectFrom("teams")
          .select("id")
          .where("workspace_id", "=", ws)
          .where("key", "=", key)
          .executeTakeFirst()
      )?.id,
    teamOf: async (userId) =>
      (
        await db
          .selectFrom("memberships")
          .select("team_id")
          .where("workspace_id", "=", ws)
          .where("user_id", "=", userId)
          .where("team_id", "is not", null)
          .limit(1)
          .executeTakeFirst()
      )?.team_id ?? undefined,
  };
}

/** Writes through the engine's commands, each committed on its own. */
export function engineWriter(engine: Engine, ws: string): SampleWriter {
  return {
    ...sampleLookups(engine.store.db, ws),
    createUser: (user) => engine.users.create(ws, user),
    createTeam: (team) => engine.teams.create(ws, team),
    addMembership: (membership) => engine.memberships.add(ws, membership),
    grantRole: (grant) => engine.roles.grant(ws, grant),
    createRecord: async (form, data, acting) =>
      (await engine.records.create(ws, form, data, acting)).id,
    addAccountTeamMember: (member) => engine.accountTeams.add(ws, member),
  };
}

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
export function applySamplePeople(
  engine: Engine,
  ws: string,
  spec: TemplateSampleData,
  options: { passwordHash?: string } = {},
): Promise<SamplePeople> {
  return writeSamplePeople(engineWriter(engine, ws), spec, options);
}

/** `applySamplePeople` through any writer. */
export async function writeSamplePeople(
  writer: SampleWriter,
  spec: TemplateSampleData,
  options: { passwordHash?: string } = {},
): Promise<SamplePeople> {
  const people: Record<string, string> = {};
  const created = new Set<string>();
  for (const person of spec.people) {
    const existing = await writer.userByEmail(person.email);
    if (existing) {
      people[person.key] = existing;
      continue;
    }
    people[person.key] = await writer.createUser({
      email: person.email,
      name: person.name,
      ...(options.passwordHash ? { passwordHash: options.passwordHash } : {}),
    });
    created.add(person.key);
  }
  const teams: Record<string, string> = {};
  for (const team of spec.teams ?? []) {
    teams[team.key] =
      (await writer.teamByKey(team.key)) ??
      (await writer.createTeam({
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
    await writer.addMembership({
      userId,
      role: person.role as Role,
      ...(person.team !== undefined && teams[person.team] ? { teamId: teams[person.team] } : {}),
    });
    for (const role of person.businessRoles ?? []) await writer.grantRole({ userId, role });
  }
  return { people, teams, holders };
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
  await writeSampleRecords(engineWriter(engine, ws), plan.records, people, ids, {
    actor: options.actor ?? null,
    onCreated: () => options.onProgress?.(ids.length, plan.records.length),
  });
  return ids;
}

/**
 * Creates `records` (a slice of a plan, in order) through any writer, appending each new id to
 * `ids` — which holds the ids of the plan's records before the slice, for references to them.
 */
export async function writeSampleRecords(
  writer: SampleWriter,
  records: readonly SampleRecord[],
  people: SamplePeople,
  ids: string[],
  options: { actor?: string | null; onCreated?: () => void } = {},
): Promise<void> {
  const teams = new Map<string, string | undefined>();
  const resolve = (ref: SampleRef): string | undefined => {
    if ("person" in ref) return people.people[ref.person];
    if ("record" in ref) return ids[ref.record];
    const holders = people.holders[ref.role] ?? [];
    return holders[ref.turn % Math.max(1, holders.length)];
  };
  for (const record of records) {
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
      teams.set(ownerId, await writer.teamOf(ownerId));
    const teamId = ownerId !== undefined ? teams.get(ownerId) : undefined;
    const id = await writer.createRecord(record.form, data, {
      actor: options.actor ?? ownerId ?? null,
      ...(ownerId !== undefined ? { ownerId } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
    });
    ids.push(id);
    for (const member of record.accountTeam) {
      const userId = people.people[member.person];
      if (userId !== undefined)
        await writer.addAccountTeamMember({ recordId: id, userId, role: member.role });
    }
    options.onCreated?.();
  }
}
