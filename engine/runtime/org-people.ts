/**
 * @module runtime/org-people
 * People in the organisation (runtime/org-admin): users, their status and password, access
 * memberships (workspace-wide or in a team) and business roles. The workspace never loses its
 * last active admin.
 */
import {
  deleteBusinessRole,
  deleteMemberships,
  deleteUserSessions,
  emailTaken,
  getBusinessRole,
  getMembership,
  getOrgUser,
  insertBusinessRole,
  insertMembership,
  insertUser,
  isUniqueViolation,
  listBusinessRoles,
  listMemberships,
  type OrgUser,
  type Role,
  type StoredBusinessRole,
  type StoredMembership,
  setPasswordHash,
  type UserStatus,
  updateUser,
} from "../store/index.ts";
import type { Actor, Runtime, Trx } from "./context.ts";
import {
  alreadyHeld,
  audit,
  entity,
  inUse,
  keepAnAdmin,
  notFound,
  type OrgActing,
  type OrgResult,
  orgCommand,
  requireTeam,
  requireUser,
} from "./org-command.ts";

export interface NewOrgUser {
  readonly email: string;
  readonly name: string;
  readonly locale?: string;
  readonly passwordHash?: string;
  /** Their workspace-wide access role. @default "member" */
  readonly role?: Role;
}

/** Changes to a user; a status other than `active` stops them signing in at once. */
export interface UserPatch {
  readonly name?: string;
  readonly locale?: string;
  readonly status?: UserStatus;
}

/**
 * Creates a user with a workspace-wide access role. The e-mail is stored in lower case (sign-in
 * looks it up that way) and is unique in the workspace.
 */
export function createOrgUser(
  rt: Runtime,
  workspaceId: string,
  user: NewOrgUser,
  acting: OrgActing,
): Promise<OrgResult<OrgUser>> {
  const email = user.email.trim().toLowerCase();
  const role = user.role ?? "member";
  // The password hash is salted: the request a key is bound to leaves it out.
  const request = { email, name: user.name, locale: user.locale ?? null, role };
  return orgCommand(rt, workspaceId, "user.create", acting, request, async (trx, now) => {
    if (await emailTaken(trx, { workspaceId, email })) throw inUse(entity.email, email, "/email");
    const id = await insertUser(trx, {
      workspaceId,
      email,
      name: user.name,
      now,
      ...(user.locale ? { locale: user.locale } : {}),
      ...(user.passwordHash ? { passwordHash: user.passwordHash } : {}),
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw inUse(entity.email, email, "/email");
      throw error;
    });
    await insertMembership(trx, { workspaceId, userId: id, role, now });
    await audit(trx, workspaceId, now, acting.actor, {
      action: "user.create",
      entityKind: "user",
      entityId: id,
      after: { email, name: user.name, status: "active", role },
    });
    return (await getOrgUser(trx, { workspaceId, id })) as OrgUser;
  });
}

/** Renames a user, changes their locale, or disables them or marks them departed. */
export async function updateOrgUser(
  rt: Runtime,
  workspaceId: string,
  id: string,
  patch: UserPatch,
  acting: OrgActing,
): Promise<OrgUser> {
  const { result } = await orgCommand(
    rt,
    workspaceId,
    "user.update",
    acting,
    { id, patch },
    async (trx, now) => {
      const before = await getOrgUser(trx, { workspaceId, id });
      if (!before) throw notFound(entity.user, id);
      if (patch.status !== undefined && patch.status !== "active")
        await keepAnAdmin(trx, workspaceId, id, false);
      await updateUser(trx, { workspaceId, id, ...patch, now });
      const changed = Object.keys(patch) as (keyof UserPatch)[];
      await audit(trx, workspaceId, now, acting.actor, {
        action: "user.update",
        entityKind: "user",
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: { ...patch },
      });
      return (await getOrgUser(trx, { workspaceId, id })) as OrgUser;
    },
  );
  return result;
}

/**
 * Sets a user's password hash and ends their other browser sessions (`keepSession`: the digest
 * of the session to keep, when users change their own password).
 */
export async function setOrgPassword(
  rt: Runtime,
  workspaceId: string,
  input: { userId: string; passwordHash: string; reason: "change" | "reset"; keepSession?: string },
  acting: OrgActing,
): Promise<void> {
  await orgCommand(
    rt,
    workspaceId,
    "user.password",
    { actor: acting.actor },
    null,
    async (trx, now) => {
      await requireUser(trx, workspaceId, input.userId);
      await setPasswordHash(trx, {
        workspaceId,
        userId: input.userId,
        passwordHash: input.passwordHash,
        now,
      });
      await deleteUserSessions(trx, {
        workspaceId,
        userId: input.userId,
        ...(input.keepSession ? { keep: input.keepSession } : {}),
      });
      await audit(trx, workspaceId, now, acting.actor, {
        action: "user.password",
        entityKind: "user",
        entityId: input.userId,
        after: { reason: input.reason },
      });
    },
  );
}

/** Gives a user an access role, workspace-wide or as a member of a team. */
export function addOrgMembership(
  rt: Runtime,
  workspaceId: string,
  membership: { userId: string; teamId?: string | null; role: Role },
  acting: OrgActing,
): Promise<OrgResult<StoredMembership>> {
  const teamId = membership.teamId ?? null;
  const request = { ...membership, teamId };
  return orgCommand(rt, workspaceId, "membership.add", acting, request, async (trx, now) => {
    await requireUser(trx, workspaceId, membership.userId, "/userId");
    if (teamId !== null) await requireTeam(trx, workspaceId, teamId, "/teamId");
    const held = await listMemberships(trx, { workspaceId, userId: membership.userId, teamId });
    if (held.some((m) => m.role === membership.role)) throw alreadyHeld(membership.role, "/role");
    const id = await insertMembership(trx, { workspaceId, ...membership, teamId, now });
    await audit(trx, workspaceId, now, acting.actor, {
      action: "membership.add",
      entityKind: "membership",
      entityId: id,
      after: { userId: membership.userId, teamId, role: membership.role },
    });
    return (await getMembership(trx, { workspaceId, id })) as StoredMembership;
  });
}

/** Removes memberships of one user (the last active admin keeps theirs). */
async function removeMemberships(
  trx: Trx,
  workspaceId: string,
  now: number,
  actor: Actor,
  userId: string,
  removed: readonly StoredMembership[],
) {
  const remaining = (await listMemberships(trx, { workspaceId, userId })).filter(
    (m) => !removed.some((r) => r.id === m.id),
  );
  if (removed.some((m) => m.role === "admin"))
    await keepAnAdmin(
      trx,
      workspaceId,
      userId,
      remaining.some((m) => m.role === "admin"),
    );
  await deleteMemberships(trx, { workspaceId, ids: removed.map((m) => m.id) });
  for (const m of removed)
    await audit(trx, workspaceId, now, actor, {
      action: "membership.remove",
      entityKind: "membership",
      entityId: m.id,
      before: { userId: m.userId, teamId: m.teamId, role: m.role },
    });
}

/** Revokes one membership. */
export async function removeOrgMembership(
  rt: Runtime,
  workspaceId: string,
  id: string,
  acting: OrgActing,
): Promise<void> {
  await orgCommand(
    rt,
    workspaceId,
    "membership.remove",
    { actor: acting.actor },
    null,
    async (trx, now) => {
      const membership = await getMembership(trx, { workspaceId, id });
      if (!membership) throw notFound(entity.membership, id);
      await removeMemberships(trx, workspaceId, now, acting.actor, membership.userId, [membership]);
    },
  );
}

/** Takes a user out of a team: every membership they hold in it. */
export async function removeOrgTeamMember(
  rt: Runtime,
  workspaceId: string,
  member: { teamId: string; userId: string },
  acting: OrgActing,
): Promise<void> {
  await orgCommand(
    rt,
    workspaceId,
    "team.member.remove",
    { actor: acting.actor },
    null,
    async (trx, now) => {
      await requireTeam(trx, workspaceId, member.teamId);
      const held = await listMemberships(trx, { workspaceId, ...member });
      if (held.length === 0) throw notFound(entity.membership, `${member.teamId}/${member.userId}`);
      await removeMemberships(trx, workspaceId, now, acting.actor, member.userId, held);
    },
  );
}

/** Grants a business role (kam, sales-director…), optionally within a team. */
export function grantOrgRole(
  rt: Runtime,
  workspaceId: string,
  grant: { userId: string; role: string; teamId?: string | null },
  acting: OrgActing,
): Promise<OrgResult<StoredBusinessRole>> {
  const teamId = grant.teamId ?? null;
  const request = { ...grant, teamId };
  return orgCommand(rt, workspaceId, "role.grant", acting, request, async (trx, now) => {
    await requireUser(trx, workspaceId, grant.userId, "/userId");
    if (teamId !== null) await requireTeam(trx, workspaceId, teamId, "/teamId");
    const held = await listBusinessRoles(trx, {
      workspaceId,
      userId: grant.userId,
      role: grant.role,
    });
    if (held.some((r) => r.teamId === teamId)) throw alreadyHeld(grant.role, "/role");
    const id = await insertBusinessRole(trx, { workspaceId, ...grant, teamId, now });
    await audit(trx, workspaceId, now, acting.actor, {
      action: "role.grant",
      entityKind: "role",
      entityId: id,
      after: { userId: grant.userId, role: grant.role, teamId },
    });
    return (await getBusinessRole(trx, { workspaceId, id })) as StoredBusinessRole;
  });
}

/** Revokes a business-role grant. */
export async function revokeOrgRole(
  rt: Runtime,
  workspaceId: string,
  id: string,
  acting: OrgActing,
): Promise<void> {
  await orgCommand(
    rt,
    workspaceId,
    "role.revoke",
    { actor: acting.actor },
    null,
    async (trx, now) => {
      const grant = await getBusinessRole(trx, { workspaceId, id });
      if (!grant) throw notFound(entity.role, id);
      await deleteBusinessRole(trx, { workspaceId, id });
      await audit(trx, workspaceId, now, acting.actor, {
        action: "role.revoke",
        entityKind: "role",
        entityId: id,
        before: { userId: grant.userId, role: grant.role, teamId: grant.teamId },
      });
    },
  );
}
