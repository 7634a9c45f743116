/**
 * @module flows
 * Public entry of flows in the engine: validation (shape and graph), the node-type registry, the
 * interpreter's pure `step` with its state, event, effect and history types, and the in-memory
 * `simulate` driver. Everything here is pure, so the designer can bundle it.
 */

export type {
  Directory,
  DirectoryContext,
  DurationCalendar,
  IdSource,
  StepContext,
  StepLimits,
  StepResult,
} from "./interpreter/index.ts";
export { DEFAULT_MAX_TRANSITIONS, step } from "./interpreter/index.ts";
export type {
  Effect,
  EffectType,
  FieldPermission,
  IncidentRaiseEffect,
  IncidentResolveEffect,
  InstanceCompletedEffect,
  OutboxEnqueueEffect,
  RecordCreateEffect,
  RecordUpdateEffect,
  SubflowCancelEffect,
  SubflowStartEffect,
  TaskCancelEffect,
  TaskCreateEffect,
  TaskSlaState,
  TaskUpdateEffect,
  TierRecomputeEffect,
  TimerCancelEffect,
  TimerScheduleEffect,
} from "./model/effects.ts";
export type {
  CancelEvent,
  FlowEvent,
  FlowEventType,
  OutboxResponse,
  OutboxResultEvent,
  RecordChangedEvent,
  ResumeSignal,
  RetryEvent,
  SlaPauseEvent,
  StartEvent,
  SubflowCompletedEvent,
  TaskCompletedEvent,
  TaskSignersEvent,
  TaskTransferredEvent,
  TimerFiredEvent,
} from "./model/events.ts";
export type { HistoryEntry, HistoryRecord, HistoryType } from "./model/history.ts";
export type { Json, JsonObject } from "./model/json.ts";
export {
  type ForkFrame,
  type IncidentInfo,
  type InstanceState,
  type InstanceStatus,
  initialState,
  type JoinState,
  type SlaCalendar,
  type SlaClock,
  type SlaDeadline,
  STATE_FORMAT,
  type Token,
  type TokenStatus,
  type WaitInfo,
} from "./model/state.ts";
export {
  type AnyNodeDefinition,
  builtinNodes,
  builtinRegistry,
  type CalendarKind,
  createNodeRegistry,
  defineNode,
  type EdgeView,
  type FlowFacts,
  type IdKind,
  type LocalizedText,
  type NodeBehavior,
  type NodeCategory,
  type NodeCheckContext,
  type NodeContext,
  type NodeDefinition,
  type NodeFailure,
  type NodeMeta,
  type NodePorts,
  type NodeRegistry,
  type NodeResult,
  type OutgoingEdge,
  type RecordSnapshot,
  type RegisteredNode,
  type ResultParts,
  type RuleScope,
  type WaitRequest,
} from "./nodes/index.ts";
export { findRuleSites, type RuleSite } from "./rule-sites.ts";
export {
  type CallOutcome,
  type SimulatedTask,
  type SimulateOptions,
  type SimulationResult,
  simulate,
  type TaskDecision,
} from "./simulate.ts";
export { type StaticDirectoryData, staticDirectory } from "./static-directory.ts";
export { type FlowValidationContext, validateFlow, validateFlowGraph } from "./validate-flow.ts";
export { validateFlowShape } from "./validate-flow-shape.ts";
export { validateTemplatePackManifest } from "./validate-template-pack.ts";
