/**
 * @module schemas
 * Public entry: kamflow's JSON Schemas (the single source of truth for every definition kind),
 * the types derived from them, and the one Ajv factory.
 */

export type { Ajv, ErrorObject, ValidateFunction } from "./ajv.ts";
export {
  annotationKeywords,
  compileUserSchema,
  createAjv,
  defaultingValidatorFor,
  forbidRuntimeCompilation,
  sharedAjv,
  validatorFor,
} from "./ajv.ts";
export { businessCalendarSchema } from "./calendar.schema.ts";
export { i18nStringRef, i18nStringSchema } from "./common/i18n-string.schema.ts";
export { jsonLogicRuleSchema, ruleRef } from "./common/json-logic-rule.schema.ts";
export { formDefinitionSchema } from "./form-definition.schema.ts";
export type { Infer, JSONSchema } from "./infer.ts";
export { compileLinearPattern, re2RegExp } from "./regexp.ts";
export { allSchemas } from "./schema-list.ts";
export { tierModelSchema } from "./tier-model.schema.ts";

import type { i18nStringSchema as I18n } from "./common/i18n-string.schema.ts";
import type { Infer } from "./infer.ts";
export type I18nString = Infer<typeof I18n>;

import type { businessCalendarSchema as CalendarSchema } from "./calendar.schema.ts";
/** A business calendar document (working time, holidays, 调休), derived from its schema. */
export type BusinessCalendarDefinition = Infer<typeof CalendarSchema>;

import type { tierModelSchema as TierModelSchema } from "./tier-model.schema.ts";
/** A tier model document (scorecard, decision-table or matrix), discriminated by `modelKind`. */
export type TierModel = Infer<typeof TierModelSchema>;

import type { formDefinitionSchema as FormDef } from "./form-definition.schema.ts";
/** A form definition (DESIGN §3.1), derived from its schema. */
export type FormDefinition = Infer<typeof FormDef>;

// Flow definitions (schemas/flow) and template pack manifests.
export { approverSpecSchema } from "./flow/approver-spec.schema.ts";
export {
  type FlowDefinition,
  type FlowEdge,
  flowDefinitionSchema,
} from "./flow/flow-definition.schema.ts";
export { type FlowNode, flowNodeHeaderSchema, flowNodeSchema } from "./flow/flow-node.schema.ts";
export {
  isNodeType,
  type NodeConfig,
  type NodeType,
  nodeConfigSchemas,
  nodeTypes,
} from "./flow/node-types.ts";
export {
  CRON_PATTERN,
  FIELD_PATH_PATTERN,
  HTTP_URL_PATTERN,
  KEY_PATTERN,
  NODE_ID_PATTERN,
  VARIABLE_NAME_PATTERN,
} from "./flow/parts.ts";
export { slaSchema } from "./flow/sla.schema.ts";
export { triggerSchema } from "./flow/trigger.schema.ts";
export type { ApproverSpec, FlowTrigger, Sla } from "./flow/types.ts";
export {
  RELATIVE_PATH_PATTERN,
  SEMVER_PATTERN,
  SEMVER_RANGE_PATTERN,
  type TemplatePackManifest,
  templatePackSchema,
} from "./template-pack.schema.ts";
