/**
 * @module designer/flows/inspector/config-schema
 * The form schema of a node type's config: its `configSchema` from the registry, made
 * self-contained (`$defs` for the shared approver-spec, SLA, rule and i18n-string schemas), with
 * the custom field of each `$ref` in the uiSchema's `ui:definitions`:
 *
 * - `kam:approvers`: a list of approver specs (the approver picker);
 * - `kam:sla`: an SLA ladder;
 * - `kam:rule`: a JSON Logic rule (edited as JSON);
 * - `kam:duration-or-rule`: a duration, or a rule returning one;
 * - `kam:i18n`: a zh-CN/en text.
 *
 * Titles and enum values are then put in the UI's language (`localizeSchema`), string enums
 * becoming `oneOf` of titled constants so a select shows words, not codes; the data is the same.
 */
import type { RJSFSchema } from "@rjsf/utils";
import {
  approverSpecSchema,
  i18nStringSchema,
  jsonLogicRuleSchema,
  slaSchema,
} from "../../../../schemas/index.ts";
import { bundleSchema, defName } from "../../rjsf/bundle-schema.ts";
import { nodeTypeInfo } from "../node-registry.ts";

export const APPROVERS_FIELD = "kam:approvers";
export const SLA_FIELD = "kam:sla";
export const RULE_FIELD = "kam:rule";
export const DURATION_OR_RULE_FIELD = "kam:duration-or-rule";
export const I18N_FIELD = "kam:i18n";

const REGISTRY = new Map<string, unknown>(
  [approverSpecSchema, slaSchema, jsonLogicRuleSchema, i18nStringSchema].map((s) => [s.$id, s]),
);
/** The custom field of each shared schema. */
const MARKERS: Record<string, string> = {
  [slaSchema.$id]: SLA_FIELD,
  [jsonLogicRuleSchema.$id]: RULE_FIELD,
  [i18nStringSchema.$id]: I18N_FIELD,
};
const APPROVER_REF = "#/$defs/approver-spec";

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Moves the shapes that have a custom field but no `$ref` of their own (lists of approvers,
 * durations-or-rules) into `$defs` under fresh names, so every custom field is picked the same
 * way: by its `$ref`, through the uiSchema's `ui:definitions`. (A marker `$id` would do for rjsf's
 * field lookup, but rjsf then resolves the `$ref`s inside that schema against the marker.)
 */
function extract(schema: Node): { schema: Node; fields: Record<string, string> } {
  const defs: Node = { ...(isObject(schema.$defs) ? schema.$defs : {}) };
  const fields: Record<string, string> = {};
  let n = 0;
  const lift = (node: Node, field: string): Node => {
    const name = `${field.replace("kam:", "")}-${++n}`;
    defs[name] = node;
    fields[`#/$defs/${name}`] = field;
    const { title, description } = node;
    return {
      $ref: `#/$defs/${name}`,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
    };
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Node = {};
    for (const [k, v] of Object.entries(node))
      out[k] = ["const", "enum", "default", "examples", "$defs"].includes(k) ? v : walk(v);
    if (out.type === "array" && isObject(out.items) && out.items.$ref === APPROVER_REF)
      return lift(out, APPROVERS_FIELD);
    const anyOf = out.anyOf;
    if (
      Array.isArray(anyOf) &&
      anyOf.some((b) => isObject(b) && b.format === "duration") &&
      anyOf.some((b) => isObject(b) && isObject(b.properties) && "rule" in b.properties)
    )
      return lift(out, DURATION_OR_RULE_FIELD);
    return out;
  };
  const root = walk(schema) as Node;
  for (const [name, def] of Object.entries(defs))
    if (!(`#/$defs/${name}` in fields)) defs[name] = walk(def);
  for (const [id, field] of Object.entries(MARKERS)) fields[`#/$defs/${defName(id)}`] = field;
  return { schema: { ...root, $defs: defs }, fields };
}

export interface ConfigFormSchema {
  readonly schema: RJSFSchema;
  /** `ui:definitions`: the custom field of each `$ref`. */
  readonly definitions: Readonly<Record<string, { "ui:field": string }>>;
}

const cache = new Map<string, ConfigFormSchema | undefined>();

/**
 * The self-contained config schema of a node type (not localized) and the custom fields of its
 * `$ref`s, or undefined for a type the registry does not know.
 * @example configFormSchema("approval")?.definitions["#/$defs/sla"] // { "ui:field": "kam:sla" }
 */
export function configFormSchema(type: string): ConfigFormSchema | undefined {
  if (!cache.has(type)) {
    const raw = nodeTypeInfo(type)?.configSchema;
    if (raw === undefined) cache.set(type, undefined);
    else {
      const { schema, fields } = extract(bundleSchema(raw, REGISTRY));
      cache.set(type, {
        schema: schema as RJSFSchema,
        definitions: Object.fromEntries(
          Object.entries(fields).map(([ref, field]) => [ref, { "ui:field": field }]),
        ),
      });
    }
  }
  return cache.get(type);
}

/** Whether a config schema has nothing to edit (start, parallel). */
export function isEmptySchema(schema: RJSFSchema | undefined): boolean {
  if (!schema) return true;
  const props = schema.properties;
  return (
    (!props || Object.keys(props).length === 0) &&
    !schema.oneOf &&
    !schema.anyOf &&
    schema.additionalProperties === false
  );
}

/** The key a title or an enum value is looked up by: lower case, runs of other characters `_`. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

export interface SchemaWords {
  /** A translated title, or undefined to keep the schema's. */
  title(english: string): string | undefined;
  /** A label for an enum value, or undefined to show the value. */
  value(value: string): string | undefined;
}

/**
 * The schema with titles and string enums in the UI's language. Descriptions stay as written
 * (English) and show as help; validation is unchanged (`oneOf` of constants ≡ `enum`).
 */
export function localizeSchema(schema: unknown, words: SchemaWords): unknown {
  if (Array.isArray(schema)) return schema.map((s) => localizeSchema(s, words));
  if (!isObject(schema)) return schema;
  const out: Node = {};
  for (const [k, v] of Object.entries(schema)) {
    if (["const", "enum", "default", "examples", "required", "discriminator"].includes(k))
      out[k] = v;
    else if (k === "properties" || k === "$defs" || k === "patternProperties")
      out[k] = isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, localizeSchema(s, words)]))
        : v;
    else if (k === "title" && typeof v === "string") out[k] = words.title(v) ?? v;
    else out[k] = localizeSchema(v, words);
  }
  const values = schema.enum;
  if (
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((v) => typeof v === "string") &&
    values.some((v) => words.value(v) !== undefined) &&
    !("not" in out)
  ) {
    delete out.enum;
    out.oneOf = (values as string[]).map((v) => ({ const: v, title: words.value(v) ?? v }));
  }
  return out;
}
