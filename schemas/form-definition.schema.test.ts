import { describe, expect, it } from "vitest";
import { validatorFor } from "./ajv.ts";
import { formDefinitionSchema } from "./form-definition.schema.ts";
import { allSchemas } from "./schema-list.ts";

type Node = Readonly<Record<string, unknown>>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Paths of property schemas (values of `properties`) that lack a title or a description. */
function undocumented(schema: Node, path = "#"): string[] {
  const out: string[] = [];
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        visit(n, `${at}/${i}`);
      });
    } else if (isNode(node)) out.push(...undocumented(node, at));
  };
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && isNode(value)) {
      for (const [name, property] of Object.entries(value)) {
        if (
          isNode(property) &&
          (typeof property.title !== "string" || typeof property.description !== "string")
        ) {
          out.push(`${path}/properties/${name}`);
        }
        visit(property, `${path}/properties/${name}`);
      }
    } else if (key !== "const" && key !== "enum") {
      visit(value, `${path}/${key}`);
    }
  }
  return out;
}

const minimal = {
  kind: "form",
  key: "visit-log",
  name: { "zh-CN": "拜访记录", en: "Visit log" },
  dataSchema: {
    type: "object",
    properties: {
      visitedAt: { "x-kam-field": "datetime", type: "string" },
      account: { "x-kam-field": "reference", type: "string", "x-kam-form": "account-profile" },
    },
  },
};

describe("formDefinitionSchema", () => {
  it("is registered and documents itself and every property", () => {
    expect(allSchemas).toContain(formDefinitionSchema);
    expect(formDefinitionSchema.title).toBeTruthy();
    expect(formDefinitionSchema.description).toBeTruthy();
    expect(undocumented(formDefinitionSchema)).toEqual([]);
    expect(undocumented({ items: { properties: { a: { type: "string" } } } })).toEqual([
      "#/items/properties/a",
    ]);
  });

  it("accepts a minimal form and rejects a field without x-kam-field", () => {
    const validate = validatorFor(formDefinitionSchema.$id);
    expect(validate(minimal)).toBe(true);
    const broken = structuredClone(minimal) as {
      dataSchema: { properties: Record<string, unknown> };
    };
    broken.dataSchema.properties.visitedAt = { type: "string" };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: "/dataSchema/properties/visitedAt",
      keyword: "discriminator",
    });
  });

  it("rejects a top-level kind other than form", () => {
    const validate = validatorFor(formDefinitionSchema.$id);
    expect(validate({ ...minimal, kind: "flow" })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/kind", keyword: "const" });
  });
});
