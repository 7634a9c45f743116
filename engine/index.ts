/**
 * @module kamflow
 * Public entry of the engine library: `import { createEngine, openStore } from "kamflow"`.
 * The pure core (rules, forms, tiers, flows) has no I/O; the designer imports those modules
 * directly rather than this entry, which also carries the storage shell.
 */
export {
  type DefinitionContext,
  definitionKinds,
  validateDefinition,
} from "./definitions/index.ts";
export * from "./errors/index.ts";
export {
  builtinNodes,
  createNodeRegistry,
  type Effect,
  type FlowEvent,
  findRuleSites,
  type InstanceState,
  initialState,
  type StepContext,
  type StepResult,
  simulate,
  step,
  validateFlow,
  validateFlowShape,
  validateTemplatePackManifest,
} from "./flows/index.ts";
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
export { createEngine, type Engine, type EngineOptions } from "./runtime/index.ts";
export { DEFAULT_STORE_URL, openStore, pruneHistory, type Store } from "./store/index.ts";
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
