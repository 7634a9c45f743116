/**
 * @module flows
 * Public entry of flow definitions in the engine: shape validation of flows and template pack
 * manifests. Graph validation and the interpreter build on it.
 */
export { findRuleSites, type RuleSite } from "./rule-sites.ts";
export { validateFlowShape } from "./validate-flow-shape.ts";
export { validateTemplatePackManifest } from "./validate-template-pack.ts";
