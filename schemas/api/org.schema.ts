/**
 * @module schemas/api/org
 * Bodies of the organisation, calendar and audit routes of the HTTP API: users, access
 * memberships, business roles, teams, delegations, account teams and calendars. The server
 * validates every body against these before it acts (400 with a pointer per problem), and the
 * OpenAPI document shows them.
 */
import { SCHEMA_BASE } from "../common/ids.ts";
import { KEY_PATTERN } from "../flow/parts.ts";
import { orgResponseSchemas } from "./org-responses.schema.ts";

const id = (title: string, description: string) =>
  ({ type: "string", minLength: 1, maxLength: 128, title, description }) as const;

const nullableId = (title: string, description: string) =>
  ({ type: ["string", "null"], minLength: 1, maxLength: 128, title, description }) as const;

const key = (title: string, description: string) =>
  ({ type: "string", pattern: KEY_PATTERN, title, description }) as const;

/** The access roles of memberships, from most to least privileged. */
const accessRole = (description: string) =>
  ({
    type: "string",
    enum: ["admin", "designer", "manager", "member", "viewer"],
    title: "Access role",
    description,
  }) as const;

const name = (description: string) =>
  ({ type: "string", minLength: 1, maxLength: 100, title: "Name", description }) as const;

const locale = {
  type: "string",
  enum: ["zh-CN", "en"],
  title: "Locale",
  description: "Language of the user's messages and e-mails.",
} as const;

const password = (title: string, description: string) =>
  ({ type: "string", minLength: 10, maxLength: 1024, title, description }) as const;

const epochMs = (title: string, description: string) =>
  ({ type: "integer", minimum: 0, title, description }) as const;

/** POST /users */
export const userCreateSchema = {
  $id: `${SCHEMA_BASE}api/user-create.json`,
  title: "New user",
  description:
    "Creates a user with a workspace-wide access role. Without a password, one is generated and returned once (an invitation to hand over).",
  type: "object",
  additionalProperties: false,
  required: ["email", "name"],
  properties: {
    email: {
      type: "string",
      format: "email",
      maxLength: 254,
      title: "E-mail",
      description: "Unique in the workspace; stored in lower case.",
    },
    name: name("The user's display name, e.g. 王经理."),
    locale,
    role: accessRole("Their workspace-wide access role; member by default."),
    password: password("Password", "At least 10 characters; omit it to generate one."),
  },
} as const;

/** PATCH /users/:id */
export const userUpdateSchema = {
  $id: `${SCHEMA_BASE}api/user-update.json`,
  title: "User change",
  description:
    "Renames a user, changes their locale, or disables them or marks them departed (they can no longer sign in, and approver resolution skips them).",
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: name("The new display name."),
    locale,
    status: {
      type: "string",
      enum: ["active", "disabled", "departed"],
      title: "Status",
      description: "active, disabled (temporarily) or departed (left the company).",
    },
  },
} as const;

/** POST /users/me/password */
export const passwordChangeSchema = {
  $id: `${SCHEMA_BASE}api/password-change.json`,
  title: "Password change",
  description: "Changes my password; my other sessions end.",
  type: "object",
  additionalProperties: false,
  required: ["currentPassword", "newPassword"],
  properties: {
    currentPassword: {
      type: "string",
      minLength: 1,
      maxLength: 1024,
      title: "Current password",
      description: "The password I signed in with.",
    },
    newPassword: password("New password", "At least 10 characters."),
  },
} as const;

/** POST /memberships */
export const membershipCreateSchema = {
  $id: `${SCHEMA_BASE}api/membership-create.json`,
  title: "Access role grant",
  description:
    "Gives a user an access role, workspace-wide or within a team. A user's role is the most privileged of their memberships.",
  type: "object",
  additionalProperties: false,
  required: ["userId", "role"],
  properties: {
    userId: id("User", "Who gets the role."),
    role: accessRole("The access role."),
    teamId: id("Team", "The team it is held in; workspace-wide when omitted."),
  },
} as const;

/** POST /business-roles */
export const businessRoleCreateSchema = {
  $id: `${SCHEMA_BASE}api/business-role-create.json`,
  title: "Business role grant",
  description:
    "Grants a business role (kam, sales-director…) that flows' approver specs name, optionally within a team.",
  type: "object",
  additionalProperties: false,
  required: ["userId", "role"],
  properties: {
    userId: id("User", "Who gets the role."),
    role: key("Role", "Key of the business role, e.g. sales-director."),
    teamId: id("Team", "The team it applies to; the whole workspace when omitted."),
  },
} as const;

/** POST /teams */
export const teamCreateSchema = {
  $id: `${SCHEMA_BASE}api/team-create.json`,
  title: "New team",
  description: "Creates a team in the org chart, which manager-chain approvers walk up.",
  type: "object",
  additionalProperties: false,
  required: ["key", "name"],
  properties: {
    key: key("Key", "Stable key approver specs name; unique in the workspace."),
    name: name("The team's display name, e.g. 华东大客户部."),
    parentId: id("Parent team", "The team above it; a top-level team when omitted."),
    managerId: id("Manager", "The team's manager (approves for its members)."),
  },
} as const;

/** PATCH /teams/:id */
export const teamUpdateSchema = {
  $id: `${SCHEMA_BASE}api/team-update.json`,
  title: "Team change",
  description: "Renames a team, moves it in the org chart, or sets or clears its manager.",
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: name("The new display name."),
    parentId: nullableId("Parent team", "The team above it; null for a top-level team."),
    managerId: nullableId("Manager", "The team's manager; null for none."),
  },
} as const;

/** POST /teams/:id/members */
export const teamMemberSchema = {
  $id: `${SCHEMA_BASE}api/team-member.json`,
  title: "Team member",
  description: "Adds a user to a team, with an access role within it.",
  type: "object",
  additionalProperties: false,
  required: ["userId"],
  properties: {
    userId: id("User", "Who joins the team."),
    role: accessRole("Their access role in the team; member by default."),
  },
} as const;

/** POST /delegations */
export const delegationCreateSchema = {
  $id: `${SCHEMA_BASE}api/delegation-create.json`,
  title: "New delegation",
  description:
    "While it lasts, tasks that would go to the user go to the delegate instead (their history says 'on behalf of'). Everyone may delegate their own tasks; only admins delegate someone else's.",
  type: "object",
  additionalProperties: false,
  required: ["delegateId", "endsAt"],
  properties: {
    userId: id("User", "Whose tasks are delegated; me when omitted."),
    delegateId: id("Delegate", "Who receives them: an active user of the workspace."),
    startsAt: epochMs("Starts at", "Epoch milliseconds, inclusive; now when omitted."),
    endsAt: epochMs("Ends at", "Epoch milliseconds, exclusive; after startsAt."),
    formKey: key("Form", "Only requests on this form."),
    flowKey: key("Flow", "Only requests of this flow."),
  },
} as const;

/** POST /account-teams/:recordId/members */
export const accountTeamMemberSchema = {
  $id: `${SCHEMA_BASE}api/account-team-member.json`,
  title: "Account team member",
  description:
    "Gives a user a role (kam, executive-sponsor…) in the team of an account record, which approver specs can name.",
  type: "object",
  additionalProperties: false,
  required: ["userId", "role"],
  properties: {
    userId: id("User", "Who joins the account team."),
    role: key("Role", "Key of their role on the account, e.g. kam."),
  },
} as const;

/** POST /calendar/import, /calendars/:key/import (JSON form; text/csv bodies are accepted too) */
export const calendarImportSchema = {
  $id: `${SCHEMA_BASE}api/calendar-import.json`,
  title: "Calendar table import",
  description:
    "A yearly holiday table as CSV (header date,type,name; type 休 / holiday or 班 / workday). The entries of every year it covers replace the calendar's; other years are kept.",
  type: "object",
  additionalProperties: false,
  required: ["csv"],
  properties: {
    csv: {
      type: "string",
      minLength: 1,
      maxLength: 200_000,
      title: "CSV",
      description: "The table's text.",
    },
  },
} as const;

/** PUT /account-calendars/:recordId */
export const accountCalendarSchema = {
  $id: `${SCHEMA_BASE}api/account-calendar.json`,
  title: "Account calendar",
  description:
    "Makes an account record's clocks (and those of records referencing it) count on a named calendar.",
  type: "object",
  additionalProperties: false,
  required: ["calendar"],
  properties: {
    calendar: {
      type: ["string", "null"],
      minLength: 1,
      maxLength: 64,
      title: "Calendar",
      description: "Key of a named calendar; null for the workspace's.",
    },
  },
} as const;

/** Every schema of this module and of its answers, registered in schemas/schema-list. */
export const orgApiSchemas = [
  ...orgResponseSchemas,
  userCreateSchema,
  userUpdateSchema,
  passwordChangeSchema,
  membershipCreateSchema,
  businessRoleCreateSchema,
  teamCreateSchema,
  teamUpdateSchema,
  teamMemberSchema,
  delegationCreateSchema,
  accountTeamMemberSchema,
  calendarImportSchema,
  accountCalendarSchema,
] as const;
