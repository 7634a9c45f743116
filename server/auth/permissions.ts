/**
 * @module server/auth/permissions
 * What each workspace role may do, as one table (the README prints it). Being allowed an action
 * here is necessary, not sufficient: acting on a task also needs holding it, approving one's own
 * request needs the definition to allow it, and records are filtered by row-level visibility.
 */
import { KamError } from "../../engine/errors/index.ts";
import type { Role } from "../../engine/store/index.ts";
import type { Caller } from "../http/env.ts";

const everyone: readonly Role[] = ["admin", "designer", "manager", "member", "viewer"];
const workers: readonly Role[] = ["admin", "designer", "manager", "member"];

/** Action → the roles allowed it. */
export const permissions = {
  "definitions.read": everyone,
  "definitions.write": ["admin", "designer"],
  "records.read": everyone,
  "records.write": workers,
  "records.delete": ["admin", "manager"],
  "flows.start": workers,
  "instances.read": everyone,
  "instances.manage": ["admin", "manager"],
  "tasks.act": workers,
  "org.read": everyone,
  "org.write": ["admin"],
  "calendars.write": ["admin"],
  "audit.read": ["admin"],
  "tokens.manage": everyone,
  /** Every user's e-mail, status and roles, and every delegation (others see names only). */
  "org.readAll": ["admin", "manager"],
  /** My own delegations (an admin's `org.write` covers everyone's). */
  "delegations.write": workers,
  /** Who holds which role on an account record's team. */
  "accountTeams.write": ["admin", "manager"],
  /** My own password. */
  "profile.write": everyone,
  /** Give a record to any owner or team (others: only within the teams they see). */
  "records.assign": ["admin", "designer"],
  /** Webhook subscriptions: create, change, delete, rotate secrets, read the delivery log. */
  "webhooks.manage": ["admin"],
  /** Read and replace the KPI configuration (which forms and fields the KPIs read). */
  "kpis.configure": ["admin"],
  /** The template gallery, a bundled pack, the packs installed in the workspace. */
  "templates.read": everyone,
  /** Dry-run a pack's install: it saves nothing, and shows definitions designers write anyway. */
  "templates.plan": ["admin", "designer"],
  /** Install a pack (publishes its definitions, sets the KPI configuration, adds sample people). */
  "templates.install": ["admin"],
  /** Download the workspace's definitions as a pack: designers read and write them anyway. */
  "templates.export": ["admin", "designer"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

/** Whether `role` may do `action`. */
export function allows(role: Role, action: Action): boolean {
  return (permissions[action] as readonly Role[]).includes(role);
}

/** Throws AUTH_FORBIDDEN unless the caller's role allows `action`. */
export function requirePermission(caller: Caller, action: Action): void {
  if (!allows(caller.role, action))
    throw new KamError("AUTH_FORBIDDEN", "", { role: caller.role, action });
}
