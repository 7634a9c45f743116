/**
 * @module store
 * kamflow's storage layer: Kysely over SQLite (default) or PostgreSQL, migrations, and the
 * repositories the runtime applies a step's effects with. The engine's I/O shell: the pure core
 * (rules, forms, tiers, flows) never imports it.
 *
 * Repositories take `store.db` or a transaction (`store.transaction((trx) => …)`); the claim
 * functions (`claimDueTimers`, `claimDueOutbox`) and `pruneHistory` take the store, since each
 * runs its own transactions.
 */
export {
  type AppendedAudit,
  type AuditEventInput,
  type AuditFault,
  type AuditVerification,
  appendAudit,
  verifyAudit,
} from "./audit.repo.ts";
export {
  type AuditQuery,
  queryAudit,
  type StoredAuditEvent,
} from "./audit-query.repo.ts";
export {
  type AuthUser,
  deleteSession,
  findApiToken,
  findUsersByEmail,
  getAuthUser,
  getSession,
  insertApiToken,
  insertSession,
  listApiTokens,
  revokeApiToken,
  type StoredApiToken,
  type StoredSession,
  setPasswordHash,
  touchApiToken,
  workspaceRole,
} from "./auth.repo.ts";
export { resolveNow, type StoreNow } from "./clock.ts";
export {
  deleteDraft,
  getDefinitionVersion,
  getDraft,
  latestDefinitionVersion,
} from "./definition-drafts.repo.ts";
export {
  archiveDefinition,
  definitionChecksum,
  getDefinition,
  insertDefinition,
  latestPublished,
  listDefinitions,
  publishDefinition,
  type StoredDefinition,
  updateDraft,
} from "./definitions.repo.ts";
export {
  type IdempotentCommand,
  type IdempotentResult,
  withIdempotency,
} from "./idempotency.repo.ts";
export { newId } from "./ids.ts";
export {
  type NextDeadline,
  readInboxContext,
  recordTitle,
  type TaskContext,
} from "./inbox-context.repo.ts";
export {
  getInstalledPack,
  type InstalledItem,
  type InstalledPack,
  listInstalledPacks,
  saveInstalledPack,
} from "./installed-packs.repo.ts";
export {
  appendHistory,
  getInstance,
  type HistoryEntry,
  type InstanceInput,
  insertInstance,
  insertInstanceOnce,
  listInstances,
  nextHistorySeq,
  readHistory,
  requireInstance,
  type StoredInstance,
  updateInstance,
} from "./instances.repo.ts";
export { canonicalJson, fromJson, fromJsonOrNull, sha256Hex, toJson } from "./json.ts";
export {
  type CompletedInstanceRow,
  type KpiOwnership,
  type KpiRecordRow,
  listAccountTeamRecords,
  listCompletedInstances,
  listKpiRecords,
  listRecordVersions,
  listSlaOutcomes,
  listTierChanges,
  type RecordVersionRow,
  type SlaOutcomeRow,
  type TierChangeRow,
} from "./kpi.repo.ts";
export {
  DEFAULT_STORE_URL,
  openStore,
  type Store,
  type StoreDialect,
  type StoreOptions,
} from "./open-store.ts";
export {
  activeAdminIds,
  deleteBusinessRole,
  deleteMemberships,
  deleteUserSessions,
  emailTaken,
  getBusinessRole,
  getMembership,
  getOrgUser,
  insertBusinessRole,
  listBusinessRoles,
  listMemberships,
  listOrgUsers,
  type OrgUser,
  type StoredBusinessRole,
  type StoredMembership,
  updateUser,
} from "./org.repo.ts";
export {
  deleteAccountTeamMember,
  getAccountTeamMember,
  getDelegation,
  getTeam,
  insertAccountTeamMember,
  insertDelegation,
  listAccountTeam,
  listDelegations,
  listTeams,
  type StoredAccountTeamMember,
  type StoredDelegation,
  type StoredTeam,
  setDelegationEnd,
  teamKeyTaken,
  updateTeam,
} from "./org-structure.repo.ts";
export {
  type ClaimedMessage,
  claimDueOutbox,
  enqueueOutbox,
  type FailureOutcome,
  type HeldClaim,
  markOutboxDone,
  markOutboxFailed,
  type OutboxInput,
  type RetryPolicy,
  releaseOutboxClaims,
  renewOutboxClaims,
  retryDelay,
} from "./outbox.repo.ts";
export {
  databaseNow,
  ensureRecordFieldIndex,
  type RecordFieldType,
  recordField,
} from "./raw-sql.ts";
export {
  type FieldFilter,
  type FieldKind,
  type FilterOp,
  type FilterValue,
  filterOps,
  listModelAssignments,
  queryRecords,
  type RecordPosition,
  type RecordQuery,
  type RecordScope,
  type RecordSort,
  type SortKey,
  sortValueOf,
} from "./record-query.repo.ts";
export {
  getRecord,
  insertRecord,
  listRecords,
  requireRecord,
  type StoredRecord,
  softDeleteRecord,
  updateRecord,
} from "./records.repo.ts";
export { type PruneCounts, pruneHistory, type RetentionOptions } from "./retention.ts";
export type * from "./schema.ts";
export {
  definitionStatuses,
  instanceStatuses,
  roles,
  taskKinds,
  taskStatuses,
  userStatuses,
} from "./schema.ts";
export {
  type Db,
  type EntityName,
  entityNames,
  isConflictOn,
  isDatabaseUnavailable,
  isUniqueViolation,
} from "./store-errors.ts";
export {
  cancelOpenTasks,
  getTask,
  insertTasks,
  listInbox,
  listInstanceTasks,
  requireTask,
  type StoredTask,
  type TaskInput,
  type TaskPatch,
  updateTask,
} from "./tasks.repo.ts";
export {
  effectiveTier,
  getTierAssignment,
  listTierAssignments,
  readTierHistory,
  type StoredTierAssignment,
  saveTierEvaluation,
  setTierOverride,
  type TierChange,
  type TierHistoryEntry,
  type TierOverride,
  type TierStanding,
  tierStandings,
} from "./tiers.repo.ts";
export {
  type ClaimedTimer,
  type ClaimingStore,
  type ClaimOptions,
  cancelTimer,
  cancelTimers,
  claimDueTimers,
  completeTimer,
  releaseTimer,
  scheduleTimer,
  type TimerInput,
} from "./timers.repo.ts";
export {
  type OrgTree,
  readOrgTree,
  teamInWorkspace,
  userInWorkspace,
} from "./visibility.repo.ts";
export {
  type DeliveryAttempt,
  deleteSubscription,
  getDelivery,
  getSubscription,
  insertDelivery,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  recordDeliveryAttempt,
  type StoredDelivery,
  type StoredSubscription,
  type SubscriptionPatch,
  updateSubscription,
  type WebhookTables,
} from "./webhooks.repo.ts";
export {
  getWorkspace,
  insertMembership,
  insertTeam,
  insertUser,
  insertWorkspace,
  listAccountCalendars,
  type StoredWorkspace,
  setAccountCalendar,
  setWorkspaceSetting,
} from "./workspaces.repo.ts";
