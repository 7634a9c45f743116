/**
 * @module runtime/org-admin
 * Managing the organisation as an admin (or a person managing their own delegations) does over
 * the API: users and their status and password, access memberships, business roles, teams and
 * the org chart, delegations and account teams. Every write:
 * - is one transaction, optionally under an idempotency key (a repeat returns the first result);
 * - checks that every id it is given belongs to the workspace (STORE_NOT_FOUND at the field's
 *   pointer otherwise), since the database's foreign keys do not know workspaces;
 * - appends an audit event naming the actor;
 * - drops the cached org directory after it commits, so the next step resolves approvers anew.
 *
 * Who may call what is the server's concern (server/auth/permissions).
 */
import type { Runtime } from "./context.ts";
import type { OrgActing } from "./org-command.ts";
import {
  addOrgMembership,
  createOrgUser,
  grantOrgRole,
  type NewOrgUser,
  removeOrgMembership,
  removeOrgTeamMember,
  revokeOrgRole,
  setOrgPassword,
  type UserPatch,
  updateOrgUser,
} from "./org-people.ts";
import {
  addOrgAccountTeamMember,
  createOrgDelegation,
  createOrgTeam,
  type DelegationInput,
  endOrgDelegation,
  removeOrgAccountTeamMember,
  type TeamInput,
  type TeamPatch,
  updateOrgTeam,
} from "./org-structure.ts";

export type { OrgActing, OrgResult } from "./org-command.ts";
export type { NewOrgUser, UserPatch } from "./org-people.ts";
export type { DelegationInput, TeamInput, TeamPatch } from "./org-structure.ts";

/**
 * The organisation operations of an engine, bound to its runtime (`engine.org`).
 * @example
 * const { result: user } = await engine.org.createUser(ws, { email, name, role: "member" }, { actor: admin });
 * await engine.org.updateUser(ws, user.id, { status: "departed" }, { actor: admin });
 */
export function orgAdmin(rt: Runtime) {
  return Object.freeze({
    createUser: (ws: string, user: NewOrgUser, acting: OrgActing) =>
      createOrgUser(rt, ws, user, acting),
    updateUser: (ws: string, id: string, patch: UserPatch, acting: OrgActing) =>
      updateOrgUser(rt, ws, id, patch, acting),
    setPassword: (ws: string, input: Parameters<typeof setOrgPassword>[2], acting: OrgActing) =>
      setOrgPassword(rt, ws, input, acting),
    addMembership: (ws: string, m: Parameters<typeof addOrgMembership>[2], acting: OrgActing) =>
      addOrgMembership(rt, ws, m, acting),
    removeMembership: (ws: string, id: string, acting: OrgActing) =>
      removeOrgMembership(rt, ws, id, acting),
    removeTeamMember: (ws: string, m: { teamId: string; userId: string }, acting: OrgActing) =>
      removeOrgTeamMember(rt, ws, m, acting),
    grantRole: (ws: string, g: Parameters<typeof grantOrgRole>[2], acting: OrgActing) =>
      grantOrgRole(rt, ws, g, acting),
    revokeRole: (ws: string, id: string, acting: OrgActing) => revokeOrgRole(rt, ws, id, acting),
    createTeam: (ws: string, team: TeamInput, acting: OrgActing) =>
      createOrgTeam(rt, ws, team, acting),
    updateTeam: (ws: string, id: string, patch: TeamPatch, acting: OrgActing) =>
      updateOrgTeam(rt, ws, id, patch, acting),
    delegate: (ws: string, d: DelegationInput, acting: OrgActing) =>
      createOrgDelegation(rt, ws, d, acting),
    endDelegation: (ws: string, id: string, acting: OrgActing) =>
      endOrgDelegation(rt, ws, id, acting),
    addAccountTeamMember: (
      ws: string,
      m: Parameters<typeof addOrgAccountTeamMember>[2],
      acting: OrgActing,
    ) => addOrgAccountTeamMember(rt, ws, m, acting),
    removeAccountTeamMember: (ws: string, m: { recordId: string; id: string }, acting: OrgActing) =>
      removeOrgAccountTeamMember(rt, ws, m, acting),
  });
}

export type OrgAdmin = ReturnType<typeof orgAdmin>;
