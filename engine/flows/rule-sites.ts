/**
 * @module flows/rule-sites
 * Finds every JSON Logic rule in a document by walking it alongside its schema: wherever the
 * schema says `$ref: json-logic-rule`, the value there is a rule. Driven by the schemas, so a new
 * node type's rules are found without this module knowing the type.
 */
import { allSchemas, jsonLogicRuleSchema } from "../../schemas/index.ts";
import { ptrAt } from "../errors/pointer.ts";

/** A rule found in a document, with its pointer. */
export interface RuleSite {
  readonly pointer: string;
  readonly rule: unknown;
}

type SchemaNode = Readonly<Record<string, unknown>>;

const byId = new Map<string, SchemaNode>(
  allSchemas.map((s) => [(s as { $id: string }).$id, s as SchemaNode]),
);

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(schema: unknown, value: unknown): boolean {
  if (!isObject(schema) || schema.type === undefined) return true;
  const types = [schema.type].flat();
  const actual = jsonType(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

/** The branch of a union the value belongs to: by discriminator tag, else by JSON type. */
function branchOf(schema: SchemaNode, value: unknown): unknown {
  const branches = (schema.oneOf ?? schema.anyOf) as readonly unknown[];
  const discriminator = schema.discriminator;
  if (isObject(discriminator) && isObject(value)) {
    const tagName = String(discriminator.propertyName);
    const tag = Object.hasOwn(value, tagName) ? value[tagName] : undefined;
    return branches.find((b) => {
      const props = isObject(b) && isObject(b.properties) ? b.properties : {};
      const tagSchema = Object.hasOwn(props, tagName) ? props[tagName] : undefined;
      return isObject(tagSchema) && tagSchema.const === tag;
    });
  }
  return branches.find((b) => typeMatches(b, value));
}

function own(map: unknown, key: string): unknown {
  return isObject(map) && Object.hasOwn(map, key) ? map[key] : undefined;
}

function visit(schema: unknown, value: unknown, pointer: string, out: RuleSite[]): void {
  if (!isObject(schema) || value === undefined) return;
  if (schema.$ref === jsonLogicRuleSchema.$id) {
    out.push({ pointer, rule: value });
    return;
  }
  if (typeof schema.$ref === "string") {
    visit(byId.get(schema.$ref), value, pointer, out);
    return;
  }
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    visit(branchOf(schema, value), value, pointer, out);
  }
  if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const propertySchema = own(schema.properties, key) ?? schema.additionalProperties;
      visit(propertySchema, value[key], ptrAt(pointer, key), out);
    }
  } else if (Array.isArray(value) && isObject(schema.items)) {
    for (const [i, item] of value.entries()) visit(schema.items, item, ptrAt(pointer, i), out);
  }
}

/**
 * Every rule in `document` according to `schema` (a registered kamflow schema or part of one).
 * Tolerates documents that do not match the schema: it follows only what it can.
 * @example findRuleSites(flowDefinitionSchema, flow) // [{ pointer: "/edges/1/condition", rule: … }]
 */
export function findRuleSites(schema: object, document: unknown): RuleSite[] {
  const out: RuleSite[] = [];
  visit(schema, document, "", out);
  return out;
}
