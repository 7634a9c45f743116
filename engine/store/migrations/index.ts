/**
 * @module store/migrations
 * The ordered list of migrations. Names sort in the order they run; append, never edit or reorder.
 */
import type { Migration } from "kysely";
import { initialMigration } from "./0001-initial.ts";
import { businessRolesMigration } from "./0002-business-roles.ts";
import { delegationsAccountTeamsMigration } from "./0003-delegations-account-teams.ts";
import { accountCalendarsMigration } from "./0004-account-calendars.ts";
import { sessionsTokensMigration } from "./0005-sessions-tokens.ts";
import { webhooksMigration } from "./0007-webhooks.ts";
import { installedPacksMigration } from "./0008-installed-packs.ts";

/** Every migration of kamflow for one dialect, by name. */
export function migrationsFor(dialect: "sqlite" | "postgres"): Record<string, Migration> {
  return {
    "0001-initial": initialMigration(dialect),
    "0002-business-roles": businessRolesMigration(),
    "0003-delegations-account-teams": delegationsAccountTeamsMigration(),
    "0004-account-calendars": accountCalendarsMigration(),
    "0005-sessions-tokens": sessionsTokensMigration(),
    "0007-webhooks": webhooksMigration(dialect),
    "0008-installed-packs": installedPacksMigration(dialect),
  };
}
