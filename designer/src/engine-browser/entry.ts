/**
 * @module designer/engine-browser/entry
 * The pure engine as the designer bundles it: definition validation (flows, forms, tier models),
 * the node registry's metadata and the interpreter `step`, exposed on `globalThis.kamflowEngine`.
 * It runs under the server's CSP (no `unsafe-eval`): kamflow's own schemas are validated by the
 * precompiled validators of `schemas/compiled/`, a form's own data schema is interpreted
 * (`schemas/ajv-interpreter.ts`), and runtime compilation is forbidden so a missing
 * precompiled validator fails loudly. `test/e2e/engine-in-browser.test.ts` bundles it and proves both.
 */
import {
  calendarPort,
  chinaMainlandCalendar,
  createBusinessCalendar,
} from "../../../engine/calendars/index.ts";
import {
  initialState,
  simulate,
  staticDirectory,
  step,
  validateFlow,
} from "../../../engine/flows/index.ts";
import { builtinNodes } from "../../../engine/flows/nodes/index.ts";
import { applyPatch } from "../../../engine/flows/support/paths.ts";
import { compileForm, validateFormDefinition } from "../../../engine/forms/index.ts";
import { manualClock } from "../../../engine/ports.ts";
import { createRuleEngine } from "../../../engine/rules/index.ts";
// Pure despite its folder: only type imports besides ./directory-rules (the runtime's own
// approver resolution over an org snapshot, which the simulator fills from the read-only API).
import { createDirectory } from "../../../engine/runtime/directory.ts";
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
  /** The simulator: subflows run to their end in memory, a record patch applied in memory. */
  simulate,
  applyPatch,
  /** The runtime's directory over an org snapshot (no delegations without a step scope). */
  createDirectory,
  /** Business calendars for SLA durations: a document's arithmetic, the interpreter's port. */
  createBusinessCalendar,
  calendarPort,
  chinaMainlandCalendar,
});

(globalThis as { kamflowEngine?: typeof kamflowEngine }).kamflowEngine = kamflowEngine;
