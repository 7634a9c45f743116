/**
 * @module schemas/api/org-responses
 * Answers of the organisation, calendar and audit routes (registered with the request bodies of
 * schemas/api/org). Objects are open — members may be added later without a breaking change —
 * and the members listed are required with their types; the API tests check every real answer.
 */
import { businessCalendarSchema } from "../calendar.schema.ts";
import { SCHEMA_BASE } from "../common/ids.ts";

const str = { type: "string" } as const;
const int = { type: "integer" } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] }) as const;
const ref = (file: string) => ({ $ref: `${SCHEMA_BASE}api/${file}.json` }) as const;
const reply = (file: string, member: string, title: string, description: string) =>
  ({
    $id: `${SCHEMA_BASE}api/${file}.json`,
    title,
    description,
    type: "object",
    required: [member],
    properties: { [member]: ref(member === "role" ? "business-role" : member) },
  }) as const;
const list = (file: string, item: string, title: string, description: string) =>
  ({
    $id: `${SCHEMA_BASE}api/${file}.json`,
    title,
    description,
    type: "object",
    required: ["items"],
    properties: { items: { type: "array", items: ref(item) } },
  }) as const;

/** A user: everyone sees `id` and `name`; admins, managers and the user also the rest. */
export const userSchema = {
  $id: `${SCHEMA_BASE}api/user.json`,
  title: "User",
  description:
    "A user. Admins, managers and the user themselves see every member; others see id and name only.",
  type: "object",
  required: ["id", "name"],
  properties: {
    id: str,
    name: str,
    email: str,
    status: { enum: ["active", "disabled", "departed"] },
    locale: str,
    role: { enum: ["admin", "designer", "manager", "member", "viewer"] },
    createdAt: int,
    updatedAt: int,
  },
} as const;

/** An access role held workspace-wide or in a team. */
export const membershipSchema = {
  $id: `${SCHEMA_BASE}api/membership.json`,
  title: "Membership",
  description: "An access role a user holds, workspace-wide (teamId null) or within a team.",
  type: "object",
  required: ["id", "userId", "teamId", "role", "createdAt"],
  properties: { id: str, userId: str, teamId: nullable(str), role: str, createdAt: int },
} as const;

/** A business-role grant. */
export const businessRoleSchema = {
  $id: `${SCHEMA_BASE}api/business-role.json`,
  title: "Business role",
  description: "A business role (kam, sales-director…) a user holds, optionally within a team.",
  type: "object",
  required: ["id", "userId", "role", "teamId", "createdAt"],
  properties: { id: str, userId: str, role: str, teamId: nullable(str), createdAt: int },
} as const;

/** A team in the org chart, with its members and the teams below it. */
export const teamSchema = {
  $id: `${SCHEMA_BASE}api/team.json`,
  title: "Team",
  description: "A team with its manager, its members (and their access role in it) and sub-teams.",
  type: "object",
  required: ["id", "key", "name", "parentId", "managerId", "members", "children"],
  properties: {
    id: str,
    key: nullable(str),
    name: str,
    parentId: nullable(str),
    managerId: nullable(str),
    createdAt: int,
    members: {
      type: "array",
      items: {
        type: "object",
        required: ["membershipId", "userId", "role"],
        properties: { membershipId: str, userId: str, role: str },
      },
    },
    children: { type: "array", items: ref("team") },
  },
} as const;

/** A team as a write returns it (without members and sub-teams). */
export const teamRecordSchema = {
  $id: `${SCHEMA_BASE}api/team-record.json`,
  title: "Team (stored)",
  description: "A team as created or changed.",
  type: "object",
  required: ["id", "key", "name", "parentId", "managerId"],
  properties: {
    id: str,
    key: nullable(str),
    name: str,
    parentId: nullable(str),
    managerId: nullable(str),
    createdAt: int,
  },
} as const;

/** A delegation. */
export const delegationSchema = {
  $id: `${SCHEMA_BASE}api/delegation.json`,
  title: "Delegation",
  description:
    "userId's tasks go to delegateId while startsAt ≤ now < endsAt (epoch ms); `active` is whether it applies now.",
  type: "object",
  required: ["id", "userId", "delegateId", "startsAt", "endsAt", "formKey", "flowKey", "active"],
  properties: {
    id: str,
    userId: str,
    delegateId: str,
    startsAt: int,
    endsAt: int,
    formKey: nullable(str),
    flowKey: nullable(str),
    createdAt: int,
    active: { type: "boolean" },
  },
} as const;

/** A member of an account team. */
export const accountTeamMemberReplySchema = {
  $id: `${SCHEMA_BASE}api/account-member.json`,
  title: "Account team member",
  description: "Who holds which role on an account record.",
  type: "object",
  required: ["id", "recordId", "userId", "role"],
  properties: { id: str, recordId: str, userId: str, role: str, createdAt: int },
} as const;

/** One audit event. */
export const auditEventSchema = {
  $id: `${SCHEMA_BASE}api/audit-event.json`,
  title: "Audit event",
  description: "A change: who made it, when, to which entity, its state before and after.",
  type: "object",
  required: ["seq", "at", "actorId", "action", "entityKind", "entityId", "before", "after", "hash"],
  properties: {
    seq: int,
    at: int,
    actorId: nullable(str),
    action: str,
    entityKind: str,
    entityId: str,
    before: {},
    after: {},
    hash: str,
  },
} as const;

/** Every answer of the organisation routes. */
export const orgResponseSchemas = [
  userSchema,
  membershipSchema,
  businessRoleSchema,
  teamSchema,
  teamRecordSchema,
  delegationSchema,
  accountTeamMemberReplySchema,
  auditEventSchema,
  list("user-list", "user", "User list", "Users, by name."),
  {
    $id: `${SCHEMA_BASE}api/user-detail.json`,
    title: "User detail",
    description:
      "A user; with their memberships and business roles for admins, managers and the user.",
    type: "object",
    required: ["user"],
    properties: {
      user: ref("user"),
      memberships: { type: "array", items: ref("membership") },
      businessRoles: { type: "array", items: ref("business-role") },
    },
  },
  reply("user-reply", "user", "User reply", "The user after the change."),
  {
    $id: `${SCHEMA_BASE}api/user-created.json`,
    title: "Created user",
    description: "The new user, and the generated password (shown this once) when none was given.",
    type: "object",
    required: ["user"],
    properties: { user: ref("user"), password: str },
  },
  {
    $id: `${SCHEMA_BASE}api/generated-password.json`,
    title: "Generated password",
    description: "A new password, shown this once.",
    type: "object",
    required: ["password"],
    properties: { password: str },
  },
  list("membership-list", "membership", "Membership list", "Access roles held."),
  reply("membership-reply", "membership", "Membership reply", "The membership granted."),
  list("business-role-list", "business-role", "Business role list", "Business roles held."),
  reply("business-role-reply", "role", "Business role reply", "The business role granted."),
  list("team-list", "team", "Org chart", "Top-level teams, each with the teams below it."),
  reply("team-reply", "team", "Team reply", "The team with its members and sub-teams."),
  {
    $id: `${SCHEMA_BASE}api/team-record-reply.json`,
    title: "Team reply",
    description: "The team after the change.",
    type: "object",
    required: ["team"],
    properties: { team: ref("team-record") },
  },
  list("delegation-list", "delegation", "Delegation list", "Delegations, newest first."),
  reply("delegation-reply", "delegation", "Delegation reply", "The delegation."),
  {
    $id: `${SCHEMA_BASE}api/account-team.json`,
    title: "Account team",
    description: "The members of an account record's team.",
    type: "object",
    required: ["recordId", "items"],
    properties: { recordId: str, items: { type: "array", items: ref("account-member") } },
  },
  {
    $id: `${SCHEMA_BASE}api/account-member-reply.json`,
    title: "Account team member reply",
    description: "The member added.",
    type: "object",
    required: ["member"],
    properties: { member: ref("account-member") },
  },
  {
    $id: `${SCHEMA_BASE}api/calendar-reply.json`,
    title: "Calendar reply",
    description: "A business calendar document (with its key, for a named one).",
    type: "object",
    required: ["calendar"],
    properties: { key: str, calendar: { $ref: businessCalendarSchema.$id } },
  },
  {
    $id: `${SCHEMA_BASE}api/calendar-list.json`,
    title: "Named calendars",
    description: "Each named calendar's key and document.",
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["key", "calendar"],
          properties: { key: str, calendar: { $ref: businessCalendarSchema.$id } },
        },
      },
    },
  },
  {
    $id: `${SCHEMA_BASE}api/account-calendar-reply.json`,
    title: "Account calendar",
    description: "The named calendar an account record counts on; null for the workspace's.",
    type: "object",
    required: ["recordId", "calendar"],
    properties: { recordId: str, calendar: nullable(str) },
  },
  {
    $id: `${SCHEMA_BASE}api/audit-page.json`,
    title: "Audit page",
    description: "Audit events, newest first, and the cursor of the next page (null on the last).",
    type: "object",
    required: ["items", "nextCursor"],
    properties: { items: { type: "array", items: ref("audit-event") }, nextCursor: nullable(str) },
  },
  {
    $id: `${SCHEMA_BASE}api/audit-verification.json`,
    title: "Audit verification",
    description:
      "ok with the number of events, or the first bad event and why (hash-mismatch, chain-broken, seq-gap, head-mismatch).",
    type: "object",
    required: ["ok"],
    properties: {
      ok: { type: "boolean" },
      count: int,
      firstBadSeq: int,
      reason: { enum: ["hash-mismatch", "chain-broken", "seq-gap", "head-mismatch"] },
    },
  },
] as const;
