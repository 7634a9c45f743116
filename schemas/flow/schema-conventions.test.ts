import { describe, expect, it } from "vitest";
import { templatePackSchema } from "../template-pack.schema.ts";
import { approverSpecSchema } from "./approver-spec.schema.ts";
import { flowDefinitionSchema } from "./flow-definition.schema.ts";
import { flowNodeSchema } from "./flow-node.schema.ts";
import { slaSchema } from "./sla.schema.ts";
import { triggerSchema } from "./trigger.schema.ts";

type Node = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Node =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every subschema that describes a value (not `not`/`propertyNames` helpers), with its path. */
function* subschemas(schema: unknown, path: string): Generator<[string, Node]> {
  if (!isObject(schema)) return;
  yield [path, schema];
  if (isObject(schema.properties))
    for (const [k, v] of Object.entries(schema.properties))
      yield* subschemas(v, `${path}/properties/${k}`);
  if (isObject(schema.additionalProperties))
    yield* subschemas(schema.additionalProperties, `${path}/additionalProperties`);
  if (isObject(schema.items)) yield* subschemas(schema.items, `${path}/items`);
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches))
      for (const [i, b] of branches.entries()) yield* subschemas(b, `${path}/${key}/${i}`);
  }
}

const schemas = {
  flowDefinitionSchema,
  flowNodeSchema,
  approverSpecSchema,
  slaSchema,
  triggerSchema,
  templatePackSchema,
};

describe("flow and pack schema conventions", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: every schema and property has a title and a description`, () => {
      const missing = [...subschemas(schema, "#")]
        .filter(([, s]) => typeof s.title !== "string" || typeof s.description !== "string")
        .map(([p]) => p);
      expect(missing).toEqual([]);
    });

    it(`${name}: every object with properties forbids additional ones`, () => {
      const open = [...subschemas(schema, "#")]
        .filter(([, s]) => isObject(s.properties) && s.additionalProperties !== false)
        .map(([p]) => p);
      expect(open).toEqual([]);
    });
  }
});
