/**
 * @module tiers
 * Tier models: validate, compile and evaluate scorecards, decision tables and matrices; choose
 * among alternative models; preview a draft against current records. Pure: no I/O, no clock
 * reads except through an injected `Clock`.
 */
export type { CompileTierOptions } from "./build-context.ts";
export { type CompiledTierModel, compileTierModel } from "./compile.ts";
export { addDuration, type Duration, parseDuration } from "./duration.ts";
export {
  DEFAULT_PRECISION,
  type DecisionTableModel,
  type MatrixModel,
  type ModelKind,
  type ScorecardModel,
  type TierModel,
} from "./model-types.ts";
export {
  type PreviewRecord,
  previewTierModel,
  type TierCount,
  type TierPreview,
  type TierPreviewOptions,
  type TransitionCell,
} from "./preview.ts";
export type {
  AxisBreakdown,
  DecisionTableBreakdown,
  GroupBreakdown,
  ManualEntry,
  ManualStatus,
  MatrixBreakdown,
  MeasureBreakdown,
  ScorecardBreakdown,
  TableOutput,
  TableViolation,
  TierBreakdown,
  TierContext,
  TierResult,
  UnassignedReason,
} from "./result.ts";
export { type SelectModelOptions, selectModel, validateModelSelection } from "./select.ts";
export { TierError } from "./tier-error.ts";
export { type ValidateTierOptions, validateTierModel } from "./validate.ts";
