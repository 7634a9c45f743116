/**
 * @module store/schema
 * The Kysely `Database` interface: the shape of every table as the application sees it after the
 * latest migration. Migrations do not import this file (they are frozen in time and use
 * `Kysely<any>`); this file follows them.
 *
 * Column conventions, the same on SQLite and PostgreSQL:
 * - ids are UUIDv7 text (`newId()`);
 * - times are epoch milliseconds (`bigint` / `integer`), read back as JS numbers;
 * - JSON columns are text on the wire (`jsonb` / `text`): write with `toJson`, read with `fromJson`;
 * - every row carries `workspace_id`, and every query filters by it.
 */
import type { Generated } from "kysely";

/** A JSON column: canonical text written by `toJson`, read by `fromJson`. */
export type JsonText = string;

export const userStatuses = ["active", "disabled", "departed"] as const;
export type UserStatus = (typeof userStatuses)[number];
export const roles = ["admin", "designer", "manager", "member", "viewer"] as const;
export type Role = (typeof roles)[number];
export const definitionStatuses = ["draft", "published", "archived"] as const;
export type DefinitionStatus = (typeof definitionStatuses)[number];
export const instanceStatuses = [
  "running",
  "waiting",
  "completed",
  "cancelled",
  "incident",
] as const;
export type InstanceStatus = (typeof instanceStatuses)[number];
export const taskKinds = ["task", "approval"] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskStatuses = ["open", "claimed", "completed", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export type ClaimStatus = "pending" | "claimed";
export type OutboxStatus = "pending" | "claimed" | "done" | "failed";
export type JobStatus = "pending" | "claimed" | "completed" | "failed" | "cancelled";
export type TierCause = "evaluation" | "override" | "override-expired";

export interface WorkspacesTable {
  id: string;
  name: string;
  settings: Generated<JsonText>;
  created_at: number;
}

export interface UsersTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  status: Generated<UserStatus>;
  locale: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  /** Stable key approver specs name (migration 0002); null for teams made without one. */
  key: string | null;
  name: string;
  parent_id: string | null;
  manager_id: string | null;
  created_at: number;
}

/** A business role (sales-director, kam…) held by a user, optionally within a team. */
export interface UserRolesTable {
  id: string;
  workspace_id: string;
  user_id: string;
  role_key: string;
  team_id: string | null;
  created_at: number;
}

/** A delegation (migration 0003): `user_id`'s tasks go to `delegate_id` in [starts_at, ends_at). */
export interface DelegationsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  delegate_id: string;
  starts_at: number;
  ends_at: number;
  /** Only for flows on this form; null for every form. */
  form_key: string | null;
  /** Only for this flow; null for every flow. */
  flow_key: string | null;
  created_at: number;
}

/** A role (kam, executive-sponsor…) a user holds in the team of an account record (0003). */
export interface AccountTeamMembersTable {
  id: string;
  workspace_id: string;
  record_id: string;
  user_id: string;
  role_key: string;
  created_at: number;
}

/** The named business calendar an account record counts on (0004). */
export interface AccountCalendarsTable {
  workspace_id: string;
  record_id: string;
  calendar_key: string;
  updated_at: number;
}

/** A browser session: the SHA-256 of the cookie's id, its CSRF token and expiry (0005). */
export interface SessionsTable {
  id_hash: string;
  workspace_id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** An API token of an integration, stored as its SHA-256 (0005). */
export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface MembershipsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  team_id: string | null;
  role: Role;
  created_at: number;
}

export interface DefinitionsTable {
  id: string;
  workspace_id: string;
  kind: string;
  key: string;
  version: number;
  status: DefinitionStatus;
  body: JsonText;
  /** sha256 of the canonical JSON of `body`; doubles as the draft's ETag. */
  checksum: string;
  note: string | null;
  created_by: string | null;
  created_at: number;
  published_at: number | null;
}

export interface RecordsTable {
  id: string;
  workspace_id: string;
  form_key: string;
  data: JsonText;
  /** Optimistic lock: every update checks and increments it. */
  version: number;
  owner_id: string | null;
  team_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface TierAssignmentsTable {
  id: string;
  workspace_id: string;
  record_id: string;
  model_key: string;
  model_version: number;
  score: number | null;
  tier: string;
  breakdown: JsonText;
  assigned_at: number;
  override_tier: string | null;
  override_reason: string | null;
  override_by: string | null;
  override_expires_at: number | null;
  version: number;
}

export interface TierHistoryTable {
  id: string;
  workspace_id: string;
  record_id: string;
  model_key: string;
  model_version: number;
  from_tier: string | null;
  to_tier: string;
  score: number | null;
  cause: TierCause;
  actor_id: string | null;
  reason: string | null;
  at: number;
}

export interface FlowInstancesTable {
  id: string;
  workspace_id: string;
  flow_key: string;
  flow_version: number;
  /** The pinned definition version the instance runs on until it ends. */
  definition_id: string;
  status: InstanceStatus;
  state: JsonText;
  version: number;
  record_id: string | null;
  parent_instance_id: string | null;
  initiator_id: string | null;
  /** Unique per workspace when set: one instance per (trigger, record, period) and the like. */
  start_key: string | null;
  incident: JsonText | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface InstanceHistoryTable {
  instance_id: string;
  /** 1, 2, 3… per instance; the primary key with `instance_id`, so a step cannot log twice. */
  seq: number;
  workspace_id: string;
  at: number;
  kind: string;
  node_id: string | null;
  data: JsonText;
}

export interface TasksTable {
  id: string;
  workspace_id: string;
  instance_id: string;
  token_id: string;
  node_id: string;
  kind: TaskKind;
  assignee_id: string | null;
  candidates: JsonText;
  status: TaskStatus;
  outcome: string | null;
  data: JsonText;
  version: number;
  due_at: number | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  completed_by: string | null;
}

export interface TimersTable {
  id: string;
  workspace_id: string;
  instance_id: string;
  token_id: string | null;
  kind: string;
  due_at: number;
  status: ClaimStatus;
  /** Incremented by every claim; a completion must name the epoch it claimed (fencing). */
  claim_epoch: number;
  claimed_by: string | null;
  lease_until: number | null;
  payload: JsonText;
  created_at: number;
}

export interface TimerHistoryTable {
  id: string;
  workspace_id: string;
  instance_id: string;
  token_id: string | null;
  kind: string;
  due_at: number;
  fired_at: number;
  claim_epoch: number;
  fired_by: string | null;
  payload: JsonText;
}

export interface OutboxTable {
  id: string;
  workspace_id: string;
  instance_id: string | null;
  kind: string;
  payload: JsonText;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  idempotency_key: string | null;
  claim_epoch: number;
  claimed_by: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface IdempotencyKeysTable {
  workspace_id: string;
  key: string;
  command: string;
  request_hash: string;
  /** NULL only inside the transaction that runs the command the first time. */
  response: JsonText | null;
  created_at: number;
}

export interface AuditEventsTable {
  id: string;
  workspace_id: string;
  seq: number;
  at: number;
  actor_id: string | null;
  action: string;
  entity_kind: string;
  entity_id: string;
  before: JsonText | null;
  after: JsonText | null;
  prev_hash: string;
  hash: string;
}

/** The head of each workspace's audit chain: the last seq and hash (serialises appends). */
export interface AuditHeadsTable {
  workspace_id: string;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: string;
  workspace_id: string;
  kind: string;
  status: JobStatus;
  /** Free-form progress detail (phase, per-status counts) beside `done` of `total`. */
  progress: JsonText | null;
  total: number | null;
  done: number;
  payload: JsonText;
  result: JsonText | null;
  error: JsonText | null;
  attempts: number;
  claim_epoch: number;
  claimed_by: string | null;
  lease_until: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

/** Every table of the kamflow database. */
export interface Database {
  user_roles: UserRolesTable;
  delegations: DelegationsTable;
  account_team_members: AccountTeamMembersTable;
  account_calendars: AccountCalendarsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  teams: TeamsTable;
  memberships: MembershipsTable;
  definitions: DefinitionsTable;
  records: RecordsTable;
  tier_assignments: TierAssignmentsTable;
  tier_history: TierHistoryTable;
  flow_instances: FlowInstancesTable;
  instance_history: InstanceHistoryTable;
  tasks: TasksTable;
  timers: TimersTable;
  timer_history: TimerHistoryTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  jobs: JobsTable;
}
