/**
 * @module runtime/org-structure
 * The shape of the organisation (runtime/org-admin): teams and the org chart (kept a tree),
 * delegations with their window, and account teams.
 */
import { KamError } from "../errors/index.ts";
import {
  type Db,
  deleteAccountTeamMember,
  getAccountTeamMember,
  getDelegation,
  getRecord,
  getTeam,
  insertAccountTeamMember,
  insertDelegation,
  insertTeam,
  isUniqueViolation,
  type StoredAccountTeamMember,
  type StoredDelegation,
  type StoredTeam,
  setDelegationEnd,
  teamKeyTaken,
  updateTeam,
} from "../store/index.ts";
import type { Runtime } from "./context.ts";
import {
  alreadyHeld,
  audit,
  entity,
  inUse,
  notFound,
  type OrgActing,
  type OrgResult,
  orgCommand,
  refused,
  requireTeam,
  requireUser,
} from "./org-command.ts";

export interface TeamInput {
  readonly key: string;
  readonly name: string;
  readonly parentId?: string | null;
  readonly managerId?: string | null;
}

export interface TeamPatch {
  readonly name?: string;
  /** `null`: a top-level team. */
  readonly parentId?: string | null;
  /** `null`: no manager. */
  readonly managerId?: string | null;
}

export interface DelegationInput {
  readonly userId: string;
  readonly delegateId: string;
  /** Epoch ms, inclusive. */
  readonly startsAt: number;
  /** Epoch ms, exclusive. */
  readonly endsAt: number;
  readonly formKey?: string;
  readonly flowKey?: string;
}

/** Refuses a parent that is the team itself or below it (the chart must stay a tree). */
async function checkParent(trx: Db, workspaceId: string, teamId: string, parentId: string) {
  let current: string | null = parentId;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    if (current === teamId)
      throw refused(
        entity.team,
        parentId,
        "/parentId",
        { en: "the team itself or below it", "zh-CN": "该团队自身或其下级团队" },
        { en: "outside the team being moved", "zh-CN": "在被移动的团队之外" },
      );
    seen.add(current);
    current = (await getTeam(trx, { workspaceId, id: current }))?.parentId ?? null;
  }
}

/** Creates a team under `parentId` (or at the top) with `managerId` as its manager. */
export function createOrgTeam(
  rt: Runtime,
  workspaceId: string,
  team: TeamInput,
  acting: OrgActing,
): Promise<OrgResult<StoredTeam>> {
  return orgCommand(rt, workspaceId, "team.create", acting, team, async (trx, now) => {
    if (await teamKeyTaken(trx, { workspaceId, key: team.key }))
      throw inUse(entity.teamKey, team.key, "/key");
    if (team.parentId) await requireTeam(trx, workspaceId, team.parentId, "/parentId");
    if (team.managerId) await requireUser(trx, workspaceId, team.managerId, "/managerId");
    const id = await insertTeam(trx, { workspaceId, ...team, now });
    await trx
      .updateTable("teams")
      .set({ key: team.key })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .execute();
    await audit(trx, workspaceId, now, acting.actor, {
      action: "team.create",
      entityKind: "team",
      entityId: id,
      after: {
        key: team.key,
        name: team.name,
        parentId: team.parentId ?? null,
        managerId: team.managerId ?? null,
      },
    });
    return (await getTeam(trx, { workspaceId, id })) as StoredTeam;
  });
}

/** Renames a team, moves it in the org chart, or sets (or clears) its manager. */
export async function updateOrgTeam(
  rt: Runtime,
  workspaceId: string,
  id: string,
  patch: TeamPatch,
  acting: OrgActing,
): Promise<StoredTeam> {
  const { result } = await orgCommand(
    rt,
    workspaceId,
    "team.update",
    acting,
    { id, patch },
    async (trx, now) => {
      const before = await requireTeam(trx, workspaceId, id);
      if (patch.parentId) {
        await requireTeam(trx, workspaceId, patch.parentId, "/parentId");
        await checkParent(trx, workspaceId, id, patch.parentId);
      }
      if (patch.managerId) await requireUser(trx, workspaceId, patch.managerId, "/managerId");
      await updateTeam(trx, { workspaceId, id, ...patch });
      const changed = Object.keys(patch) as (keyof TeamPatch)[];
      await audit(trx, workspaceId, now, acting.actor, {
        action: "team.update",
        entityKind: "team",
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: { ...patch },
      });
      return (await getTeam(trx, { workspaceId, id })) as StoredTeam;
    },
  );
  return result;
}

/**
 * Records a delegation: `userId`'s tasks go to `delegateId` in [startsAt, endsAt). Both must be
 * users of the workspace, the delegate an active one.
 * @throws KamError RUNTIME_DELEGATION_INVALID for an empty window or a self-delegation.
 */
export async function createOrgDelegation(
  rt: Runtime,
  workspaceId: string,
  delegation: DelegationInput,
  acting: OrgActing,
): Promise<OrgResult<StoredDelegation>> {
  if (!(delegation.endsAt > delegation.startsAt))
    throw new KamError("RUNTIME_DELEGATION_INVALID", "/endsAt", { reason: "endsAt ≤ startsAt" });
  if (delegation.userId === delegation.delegateId)
    throw new KamError("RUNTIME_DELEGATION_INVALID", "/delegateId", {
      reason: "user delegates to self",
    });
  return orgCommand(rt, workspaceId, "delegation.create", acting, delegation, async (trx, now) => {
    await requireUser(trx, workspaceId, delegation.userId, "/userId");
    const delegate = await requireUser(trx, workspaceId, delegation.delegateId, "/delegateId");
    if (delegate.status !== "active")
      throw refused(
        entity.user,
        delegate.id,
        "/delegateId",
        { en: delegate.status, "zh-CN": delegate.status },
        { en: "active", "zh-CN": "active" },
      );
    const id = await insertDelegation(trx, { workspaceId, ...delegation, now });
    await audit(trx, workspaceId, now, acting.actor, {
      action: "delegation.create",
      entityKind: "delegation",
      entityId: id,
      after: { ...delegation },
    });
    return (await getDelegation(trx, { workspaceId, id })) as StoredDelegation;
  });
}

/** Ends a delegation now (one not yet started never starts). */
export async function endOrgDelegation(
  rt: Runtime,
  workspaceId: string,
  id: string,
  acting: OrgActing,
): Promise<StoredDelegation> {
  const { result } = await orgCommand(
    rt,
    workspaceId,
    "delegation.end",
    acting,
    { id },
    async (trx, now) => {
      const delegation = await getDelegation(trx, { workspaceId, id });
      if (!delegation) throw notFound(entity.delegation, id);
      if (delegation.endsAt <= now)
        throw refused(
          entity.delegation,
          id,
          "",
          { en: "ended", "zh-CN": "已结束" },
          { en: "current or upcoming", "zh-CN": "生效中或尚未开始" },
        );
      const endsAt = Math.max(now, delegation.startsAt);
      await setDelegationEnd(trx, { workspaceId, id, endsAt });
      await audit(trx, workspaceId, now, acting.actor, {
        action: "delegation.end",
        entityKind: "delegation",
        entityId: id,
        before: { endsAt: delegation.endsAt },
        after: { endsAt },
      });
      return { ...delegation, endsAt };
    },
  );
  return result;
}

/** Gives a user a role (kam, executive-sponsor…) in the team of an account record. */
export function addOrgAccountTeamMember(
  rt: Runtime,
  workspaceId: string,
  member: { recordId: string; userId: string; role: string },
  acting: OrgActing,
): Promise<OrgResult<StoredAccountTeamMember>> {
  return orgCommand(rt, workspaceId, "account-team.add", acting, member, async (trx, now) => {
    const record = await getRecord(trx, { workspaceId, id: member.recordId });
    if (!record) throw notFound(entity.record, member.recordId);
    await requireUser(trx, workspaceId, member.userId, "/userId");
    const id = await insertAccountTeamMember(trx, { workspaceId, ...member, now }).catch(
      (error: unknown) => {
        if (isUniqueViolation(error)) throw alreadyHeld(member.role, "/role");
        throw error;
      },
    );
    await audit(trx, workspaceId, now, acting.actor, {
      action: "account-team.add",
      entityKind: "record",
      entityId: member.recordId,
      after: { memberId: id, userId: member.userId, role: member.role },
    });
    return (await getAccountTeamMember(trx, { workspaceId, id })) as StoredAccountTeamMember;
  });
}

/** Removes a member from an account record's team. */
export async function removeOrgAccountTeamMember(
  rt: Runtime,
  workspaceId: string,
  member: { recordId: string; id: string },
  acting: OrgActing,
): Promise<void> {
  await orgCommand(
    rt,
    workspaceId,
    "account-team.remove",
    { actor: acting.actor },
    null,
    async (trx, now) => {
      const found = await getAccountTeamMember(trx, { workspaceId, id: member.id });
      if (!found || found.recordId !== member.recordId)
        throw notFound(entity.accountTeamMember, member.id);
      await deleteAccountTeamMember(trx, { workspaceId, id: member.id });
      await audit(trx, workspaceId, now, acting.actor, {
        action: "account-team.remove",
        entityKind: "record",
        entityId: member.recordId,
        before: { memberId: found.id, userId: found.userId, role: found.role },
      });
    },
  );
}
