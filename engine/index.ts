/**
 * @module kamflow
 * Public entry of the engine library: `import { compileRule, compileTierModel } from "kamflow"`.
 * Everything here is pure (no I/O, no clock reads except through an injected Clock), so the
 * designer can bundle it too.
 */
export {
  type DefinitionContext,
  definitionKinds,
  validateDefinition,
} from "./definitions/index.ts";
export * from "./errors/index.ts";
export { findRuleSites, validateFlowShape, validateTemplatePackManifest } from "./flows/index.ts";
export {
  assertFormDefinition,
  type CompiledForm,
  compileForm,
  createFormCompiler,
  expandDataSchema,
  type FormRecord,
  type FormState,
  validateFormDefinition,
} from "./forms/index.ts";
export { type Clock, type ManualClock, manualClock, type RuleLogger } from "./ports.ts";
export {
  type CompiledRule,
  type CompileOptions,
  type CompileRuleOptions,
  compileRule,
  createRuleEngine,
  defaultRuleLimits,
  type RuleEngine,
  type RuleEngineOptions,
  RuleError,
  type RuleLimits,
  roundDecimal,
  truthy,
  validateRule,
} from "./rules/index.ts";
export {
  type CompiledTierModel,
  compileTierModel,
  previewTierModel,
  selectModel,
  type TierContext,
  TierError,
  type TierModel,
  type TierPreview,
  type TierResult,
  validateModelSelection,
  validateTierModel,
} from "./tiers/index.ts";
