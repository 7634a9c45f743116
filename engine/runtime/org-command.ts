/**
 * @module runtime/org-command
 * How every org write runs (runtime/org-admin): one transaction, optionally under an
 * idempotency key, the cached directory dropped and an `org.changed` change told after commit;
 * and what the writes share —
 * workspace checks of the ids they are given, the refusals they answer, their audit events.
 */
import { KamError, type LocalizedParam } from "../errors/index.ts";
import {
  activeAdminIds,
  appendAudit,
  type Db,
  getAuthUser,
  getTeam,
  withIdempotency,
} from "../store/index.ts";
import type { Actor, Runtime, Trx } from "./context.ts";

/** Who acts, and the idempotency key of the request. */
export interface OrgActing {
  readonly actor: Actor;
  readonly idempotencyKey?: string;
}

/** A write's result, and whether it is the stored result of an earlier run of the same key. */
export interface OrgResult<T> {
  readonly result: T;
  readonly replayed: boolean;
}

export const entity = {
  user: { en: "user", "zh-CN": "用户" },
  email: { en: "e-mail", "zh-CN": "邮箱" },
  team: { en: "team", "zh-CN": "团队" },
  teamKey: { en: "team key", "zh-CN": "团队键" },
  membership: { en: "membership", "zh-CN": "成员关系" },
  role: { en: "role", "zh-CN": "角色" },
  delegation: { en: "delegation", "zh-CN": "委托" },
  record: { en: "record", "zh-CN": "记录" },
  accountTeamMember: { en: "account team member", "zh-CN": "客户团队成员" },
} as const satisfies Record<string, LocalizedParam>;

export const notFound = (what: LocalizedParam, id: string, pointer = "") =>
  new KamError("STORE_NOT_FOUND", pointer, { entity: what, id });

/** STORE_STATE_INVALID: `what` "`id`" is `status`; the change needs it to be `expected`. */
export const refused = (
  what: LocalizedParam,
  id: string,
  pointer: string,
  status: LocalizedParam,
  expected: LocalizedParam,
) => new KamError("STORE_STATE_INVALID", pointer, { entity: what, id, status, expected });

export const inUse = (what: LocalizedParam, value: string, pointer: string) =>
  refused(
    what,
    value,
    pointer,
    { en: "already in use", "zh-CN": "已被使用" },
    { en: "unused", "zh-CN": "未被使用" },
  );

export const alreadyHeld = (role: string, pointer: string) =>
  refused(
    entity.role,
    role,
    pointer,
    { en: "already held by this user", "zh-CN": "该用户已拥有" },
    { en: "not yet held", "zh-CN": "尚未拥有" },
  );

export const lastAdmin = (userId: string) =>
  refused(
    entity.user,
    userId,
    "",
    { en: "the last active admin", "zh-CN": "最后一位有效的管理员" },
    { en: "one of several admins", "zh-CN": "多位管理员之一" },
  );

/** Runs one org write (see the module doc). */
export async function orgCommand<T>(
  rt: Runtime,
  workspaceId: string,
  name: string,
  acting: OrgActing,
  request: unknown,
  body: (trx: Trx, now: number) => Promise<T>,
): Promise<OrgResult<T>> {
  const outcome = await rt.store.transaction(async (trx): Promise<OrgResult<T>> => {
    const now = rt.clock.now();
    rt.changes.note(trx, { type: "org.changed", workspaceId });
    if (!acting.idempotencyKey) return { result: await body(trx, now), replayed: false };
    const { response, replayed } = await withIdempotency(
      trx,
      { workspaceId, key: acting.idempotencyKey, command: name, request, now },
      () => body(trx, now),
    );
    return { result: response, replayed };
  });
  // After commit, so no concurrent step caches the directory without this change.
  rt.directories.invalidate(workspaceId);
  return outcome;
}

export async function requireUser(trx: Db, workspaceId: string, id: string, pointer = "") {
  const user = await getAuthUser(trx, { workspaceId, id });
  if (!user) throw notFound(entity.user, id, pointer);
  return user;
}

export async function requireTeam(trx: Db, workspaceId: string, id: string, pointer = "") {
  const team = await getTeam(trx, { workspaceId, id });
  if (!team) throw notFound(entity.team, id, pointer);
  return team;
}

/** Refuses a change that would leave the workspace without an active admin. */
export async function keepAnAdmin(
  trx: Db,
  workspaceId: string,
  userId: string,
  stillAdmin: boolean,
) {
  if (stillAdmin) return;
  const admins = await activeAdminIds(trx, workspaceId);
  if (admins.length === 1 && admins[0] === userId) throw lastAdmin(userId);
}

export const audit = (
  trx: Trx,
  workspaceId: string,
  now: number,
  actor: Actor,
  event: {
    action: string;
    entityKind: string;
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
) => appendAudit(trx, { workspaceId, at: now, actorId: actor, ...event });
