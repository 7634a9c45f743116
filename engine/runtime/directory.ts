/**
 * @module runtime/directory
 * The directory the interpreter resolves approver specs against, preloaded for one workspace
 * (the interpreter is synchronous and pure) and cached between steps; org writes drop it.
 *
 * Time matters only through delegations, so the cached snapshot keeps every delegation window
 * that had not ended when it was loaded, and each step takes a view of it at the step's `now`
 * and scope (`directoryAt`). The view remembers who stands in for whom, so the runtime can write
 * "X on behalf of Y" into the history: the interpreter's `Directory.resolve` returns user ids
 * only. Semantics of the people rules themselves are in ./directory-rules.ts.
 */
import type { ApproverSpec } from "../../schemas/index.ts";
import type { Directory, DirectoryContext } from "../flows/index.ts";
import type { Trx } from "./context.ts";
import { type OrgSnapshot, resolveSpec, type SpecScope } from "./directory-rules.ts";

export type { OrgSnapshot } from "./directory-rules.ts";

/** One stand-in: `delegateId` got a task because `onBehalfOf` delegated to them. */
export interface OnBehalfOf {
  readonly delegateId: string;
  readonly onBehalfOf: string;
}

/** What a step resolves in: its time and the form and flow its delegations may be limited to. */
export interface StepScope {
  readonly now: number;
  readonly formKey?: string;
  readonly flowKey?: string;
}

/** A directory for one step; `onBehalfOf` lists the delegations it applied so far. */
export interface StepDirectory extends Directory {
  onBehalfOf(): readonly OnBehalfOf[];
}

/** Snapshots behind the directories this module made (cached directories stay plain `Directory`). */
const snapshots = new WeakMap<Directory, OrgSnapshot>();

/**
 * How long after its end a delegation is still loaded: a step that read the clock just before
 * another step loaded the cached directory still sees the windows that were open at its time.
 */
const ENDED_GRACE_MS = 24 * 3_600_000;

/**
 * Reads what resolution needs for one workspace. Delegations that ended well before `now` are
 * left out: the clock only moves forward, so they can never apply again.
 */
export async function loadDirectory(trx: Trx, workspaceId: string, now = 0): Promise<Directory> {
  const [users, roles, teams, memberships, delegations, accountTeams] = await Promise.all([
    trx
      .selectFrom("users")
      .select(["id", "status"])
      .where("workspace_id", "=", workspaceId)
      .execute(),
    trx
      .selectFrom("user_roles")
      .select(["user_id", "role_key", "team_id"])
      .where("workspace_id", "=", workspaceId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    trx
      .selectFrom("teams")
      .select(["id", "key", "manager_id", "parent_id"])
      .where("workspace_id", "=", workspaceId)
      .execute(),
    // Ordered so a person's first team (their home team for manager chains) is stable.
    trx
      .selectFrom("memberships")
      .select(["user_id", "team_id", "role"])
      .where("workspace_id", "=", workspaceId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    trx
      .selectFrom("delegations")
      .select(["user_id", "delegate_id", "starts_at", "ends_at", "form_key", "flow_key"])
      .where("workspace_id", "=", workspaceId)
      .where("ends_at", ">", now - ENDED_GRACE_MS)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    trx
      .selectFrom("account_team_members")
      .select(["record_id", "user_id", "role_key"])
      .where("workspace_id", "=", workspaceId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  return createDirectory({
    activeUsers: new Set(users.filter((u) => u.status === "active").map((u) => u.id)),
    roles: roles.map((r) => ({ userId: r.user_id, roleKey: r.role_key, teamId: r.team_id })),
    teams: teams.map((t) => ({
      id: t.id,
      key: t.key,
      managerId: t.manager_id,
      parentId: t.parent_id,
    })),
    teamMembers: memberships.map((m) => ({ userId: m.user_id, teamId: m.team_id })),
    admins: memberships.filter((m) => m.role === "admin").map((m) => m.user_id),
    delegations: delegations.map((d) => ({
      userId: d.user_id,
      delegateId: d.delegate_id,
      startsAt: Number(d.starts_at),
      endsAt: Number(d.ends_at),
      formKey: d.form_key,
      flowKey: d.flow_key,
    })),
    accountTeams: accountTeams.map((a) => ({
      recordId: a.record_id,
      userId: a.user_id,
      roleKey: a.role_key,
    })),
  });
}

/**
 * A directory over a snapshot; exported for tests and simulations. Used directly (not through
 * `directoryAt`) it applies no delegations: it has no time.
 */
export function createDirectory(snapshot: OrgSnapshot): Directory {
  const directory = viewOf(snapshot, undefined, []);
  snapshots.set(directory, snapshot);
  return directory;
}

/**
 * The view of a (cached) directory for one step. A directory this module did not make (a test
 * double) is passed through, with no delegations.
 */
export function directoryAt(directory: Directory, scope: StepScope): StepDirectory {
  const snapshot = snapshots.get(directory);
  if (!snapshot) {
    const admins = directory.approvalAdmins?.bind(directory);
    return {
      resolve: (spec, context) => directory.resolve(spec, context),
      ...(admins ? { approvalAdmins: admins } : {}),
      onBehalfOf: () => [],
    };
  }
  const applied: OnBehalfOf[] = [];
  return { ...viewOf(snapshot, scope, applied), onBehalfOf: () => applied };
}

function viewOf(snapshot: OrgSnapshot, step: StepScope | undefined, applied: OnBehalfOf[]) {
  const active = (id: string) => snapshot.activeUsers.has(id);
  const scope: SpecScope = {
    /** The person who acts for `userId` now: a delegate in a window, the user, or nobody. */
    present(userId) {
      const delegation = step
        ? snapshot.delegations.find(
            (d) =>
              d.userId === userId &&
              d.startsAt <= step.now &&
              step.now < d.endsAt &&
              (d.formKey === null || d.formKey === step.formKey) &&
              (d.flowKey === null || d.flowKey === step.flowKey) &&
              active(d.delegateId),
          )
        : undefined;
      if (delegation) {
        const known = applied.some(
          (a) => a.delegateId === delegation.delegateId && a.onBehalfOf === userId,
        );
        if (!known) applied.push({ delegateId: delegation.delegateId, onBehalfOf: userId });
        return delegation.delegateId;
      }
      return active(userId) ? userId : undefined;
    },
  };
  return {
    resolve(spec: ApproverSpec, context: DirectoryContext): readonly string[] {
      // The same person reached twice (directly and as a delegate, or twice up a chain) once.
      return [...new Set(resolveSpec(snapshot, scope, spec, context))];
    },
    approvalAdmins: () => [...new Set(snapshot.admins.filter(active))],
  };
}
