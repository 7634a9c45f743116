/**
 * @module designer/engine-browser/entry
 * The pure engine as the designer bundles it: definition validation (flows, forms, tier models),
 * the node registry's metadata and the interpreter `step`, exposed on `globalThis.kamflowEngine`.
 * It runs under the server's CSP (no `unsafe-eval`): kamflow's own schemas are validated by the
 * precompiled validators of `schemas/compiled/`, a form's own data schema is interpreted
 * (`schemas/ajv-interpreter.ts`), and runtime compilation is forbidden so a missing
 * precompiled validator fails loudly. `test/e2e/engine-in-browser.test.ts` bundles it and proves both.
 */
import { initialState, staticDirectory, step, validateFlow } from "../../../engine/flows/index.ts";
import { builtinNodes } from "../../../engine/flows/nodes/index.ts";
import { compileForm, validateFormDefinition } from "../../../engine/forms/index.ts";
import { manualClock } from "../../../engine/ports.ts";
import { createRuleEngine } from "../../../engine/rules/index.ts";
import { validateTierModel } from "../../../engine/tiers/index.ts";
import { forbidRuntimeCompilation } from "../../../schemas/index.ts";

forbidRuntimeCompilation();

/** The palette's view of a node type: no functions, so it crosses any boundary as JSON. */
export const nodeTypeMetadata = builtinNodes.map((node) => ({
  type: node.type,
  meta: node.meta,
  ports: node.ports,
  configSchema: node.configSchema,
}));

/** What the bundle exposes. */
export const kamflowEngine = Object.freeze({
  validateFlow,
  validateFormDefinition,
  /** The form preview: the same record validation and rules as the server's. */
  compileForm,
  validateTierModel,
  nodeTypeMetadata,
  step,
  initialState,
  staticDirectory,
  createRuleEngine,
  manualClock,
});

(globalThis as { kamflowEngine?: typeof kamflowEngine }).kamflowEngine = kamflowEngine;
