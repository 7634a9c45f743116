/**
 * @module schemas/infer
 * The only file that names json-schema-to-ts: if its type depth limits bite (TS2589), switching
 * to code generation stays local to this file.
 */
import type { FromSchema, JSONSchema } from "json-schema-to-ts";
import type { i18nStringSchema } from "./common/i18n-string.schema.ts";
import type { approverSpecSchema } from "./flow/approver-spec.schema.ts";
import type { slaSchema } from "./flow/sla.schema.ts";
import type { triggerSchema } from "./flow/trigger.schema.ts";

/**
 * The rule schema is recursive, which FromSchema cannot follow; referencing schemas see a rule as
 * an opaque JSON value (`unknown`). Its shape is checked at run time by Ajv and the compiler.
 */
type RuleReference = { readonly $id: "https://kamflow.dev/schemas/json-logic-rule.json" };

/**
 * A flow node's shape depends on its `type` and is built from the node-type list at run time;
 * the flow document sees nodes as opaque and `FlowDefinition` types them per type instead.
 */
type FlowNodeReference = { readonly $id: "https://kamflow.dev/schemas/flow-node.json" };

/** Schemas other schemas may `$ref` by id. Add a schema here when another one references it. */
type References = [
  typeof i18nStringSchema,
  RuleReference,
  typeof approverSpecSchema,
  typeof slaSchema,
  typeof triggerSchema,
  FlowNodeReference,
];

/** The TypeScript type of data valid against schema `S`. */
export type Infer<S extends JSONSchema> = FromSchema<S, { references: References }>;

export type { JSONSchema };
