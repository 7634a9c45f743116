/**
 * @module flows/graph/rule-scope-schema
 * The JSON Schema of the data flow rules read — `{ record, variables, initiator, instance,
 * nodes, tiers }`, as the interpreter builds it — so rules and field paths are checked against the
 * form's record schema and the flow's declared variables when the flow is published.
 */
import type { FlowDefinition } from "../../../schemas/index.ts";
import {
  expandDataSchema,
  type FormDataSchema,
  validateFormDefinition,
} from "../../forms/index.ts";

type Variables = NonNullable<FlowDefinition["variables"]>;

const variableTypes: Readonly<Record<Variables[string]["type"], object>> = {
  string: { type: "string" },
  number: { type: "number" },
  integer: { type: "integer" },
  boolean: { type: "boolean" },
  date: { type: "string" },
  datetime: { type: "string" },
  user: { type: "string" },
  users: { type: "array", items: { type: "string" } },
  record: { type: "string" },
  // Open: a variable holding an object may have any members.
  object: {},
  array: { type: "array" },
};

/** Moves the record schema's `$defs` to the root, where its local `$ref`s resolve. */
function defsOf(dataSchema: object | undefined): object {
  const defs = (dataSchema as { $defs?: unknown } | undefined)?.$defs;
  return defs === undefined ? {} : { $defs: defs };
}

/** Schema of the scope of the flow's rules; `record` is open when the data schema is unknown. */
export function flowScopeSchema(
  definition: FlowDefinition,
  dataSchema: object | undefined,
): object {
  const variables: Record<string, object> = {};
  for (const [name, variable] of Object.entries(definition.variables ?? {})) {
    variables[name] = variableTypes[variable.type];
  }
  return {
    ...defsOf(dataSchema),
    type: "object",
    additionalProperties: false,
    properties: {
      record: dataSchema ?? {},
      variables: { type: "object", additionalProperties: false, properties: variables },
      initiator: { type: "string" },
      instance: {
        type: "object",
        additionalProperties: false,
        properties: { id: { type: "string" }, recordId: { type: "string" } },
      },
      // Outputs of earlier nodes: shaped by each node type, not checked here.
      nodes: {},
      // The record's tier per tier model: which models exist is not known to the flow alone.
      tiers: { type: "object", additionalProperties: { type: "string" } },
    },
  };
}

/** Schema of a trigger condition's data: the record now and before the change. */
export function triggerScopeSchema(dataSchema: object | undefined): object {
  return {
    ...defsOf(dataSchema),
    type: "object",
    // Open beyond record/previous: the trigger runtime may add what it knows of the change.
    additionalProperties: {},
    properties: { record: dataSchema ?? {}, previous: dataSchema ?? {} },
  };
}

const keyOf = (d: unknown) => (d as { key?: unknown } | null)?.key;

/** The record schema of the flow: given, or the data schema of its form among `forms`. */
export function recordSchemaOf(
  definition: FlowDefinition,
  dataSchema: object | undefined,
  forms: readonly unknown[] | undefined,
): object | undefined {
  if (dataSchema !== undefined) return dataSchema;
  if (definition.form === undefined) return undefined;
  const form = forms?.find((f) => keyOf(f) === definition.form);
  if (form === undefined) return undefined;
  const checked = validateFormDefinition(form);
  return checked.ok ? expandDataSchema(checked.value.dataSchema as FormDataSchema) : undefined;
}
