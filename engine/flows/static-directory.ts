/**
 * @module flows/static-directory
 * A directory over plain data: who holds which role, team members and managers, the manager of
 * each user. For simulations, tests and the designer's "simulate"; the runtime's directory reads
 * the database. Account-team roles and the initiator's choice resolve to nobody here (they need
 * the account data and the start form, issue #4).
 */
import type { ApproverSpec } from "../../schemas/index.ts";
import type { Directory, DirectoryContext } from "./interpreter/context.ts";
import { getPath } from "./support/paths.ts";

/** The data a static directory answers from. */
export interface StaticDirectoryData {
  /** Role key → holders. */
  readonly roles?: Readonly<Record<string, readonly string[]>>;
  /** Team key → members and manager. */
  readonly teams?: Readonly<
    Record<string, { readonly members: readonly string[]; readonly manager?: string }>
  >;
  /** User → their direct manager. */
  readonly managers?: Readonly<Record<string, string>>;
  /** Users who take approvals nobody else was found for. */
  readonly admins?: readonly string[];
}

const users = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === "string")
      : [];

function subject(of: "initiator" | "record-owner", ctx: DirectoryContext): string | undefined {
  return of === "initiator" ? ctx.initiator : ctx.record?.owner;
}

/** The manager chain above `user`, nearest first, at most `max` long and without repeats. */
function chain(data: StaticDirectoryData, user: string | undefined, max: number): string[] {
  const out: string[] = [];
  let current = user;
  while (current !== undefined && out.length < max) {
    const manager: string | undefined = data.managers?.[current];
    if (manager === undefined || out.includes(manager)) break;
    out.push(manager);
    current = manager;
  }
  return out;
}

function resolve(data: StaticDirectoryData, spec: ApproverSpec, ctx: DirectoryContext): string[] {
  switch (spec.kind) {
    case "user":
      return [spec.userId];
    case "role":
      return [...(data.roles?.[spec.role] ?? [])];
    case "team": {
      const team = data.teams?.[spec.team];
      if (!team) return [];
      return spec.select === "manager" ? users(team.manager) : [...team.members];
    }
    case "manager":
      return users(chain(data, subject(spec.of, ctx), spec.level)[spec.level - 1]);
    case "manager-chain": {
      const walked = chain(data, subject(spec.of, ctx), spec.maxLevels);
      const holders = spec.untilRole ? (data.roles?.[spec.untilRole] ?? []) : [];
      const stop = walked.findIndex((u) => holders.includes(u));
      const upTo = stop >= 0 ? walked.slice(0, stop + 1) : walked;
      return spec.select === "last" ? upTo.slice(-1) : upTo;
    }
    case "record-field":
      return users(ctx.record ? getPath(ctx.record.data, spec.field) : undefined);
    case "record-owner":
      return users(ctx.record?.owner);
    case "initiator":
      return users(ctx.initiator);
    case "variable":
      return users(ctx.variables[spec.variable]);
    default:
      return [];
  }
}

/**
 * A directory answering from `data`.
 * @example
 * const directory = staticDirectory({ roles: { finance: ["u7"] }, managers: { u1: "u2" } });
 * directory.resolve({ kind: "role", role: "finance", scope: "workspace" }, { variables: {} }); // ["u7"]
 */
export function staticDirectory(data: StaticDirectoryData = {}): Directory {
  return {
    resolve: (spec, ctx) => resolve(data, spec, ctx),
    approvalAdmins: () => [...(data.admins ?? [])],
  };
}
