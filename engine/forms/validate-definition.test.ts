import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { FormDefinition } from "../../schemas/index.ts";
import { DefinitionError, type Issue } from "../errors/index.ts";
import { accountProfile, cloneProfile } from "./account-profile.fixture.ts";
import { assertFormDefinition, MAX_DEFINITION_DEPTH, validateFormDefinition } from "./index.ts";

/** The issues of a definition that must be invalid, as `code pointer` pairs. */
function issuesOf(def: unknown): Array<Pick<Issue, "code" | "pointer">> {
  const result = validateFormDefinition(def);
  if (result.ok) throw new Error("expected the definition to be invalid");
  return result.issues.map(({ code, pointer }) => ({ code, pointer }));
}

type Mutable = Record<string, unknown>;
const fieldsOf = (def: ReturnType<typeof cloneProfile>) =>
  def.dataSchema.properties as unknown as Record<string, Mutable>;
const rulesOf = (def: ReturnType<typeof cloneProfile>) => def.rules as unknown as Mutable;

describe("validateFormDefinition", () => {
  it("accepts the account profile and returns it typed", () => {
    const result = validateFormDefinition(accountProfile);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<FormDefinition>();
  });

  it("accepts a minimal form with one field", () => {
    const minimal = {
      kind: "form",
      key: "visit-log",
      name: { "zh-CN": "拜访记录", en: "Visit log" },
      dataSchema: {
        type: "object",
        properties: { notes: { "x-kam-field": "textarea", type: "string" } },
      },
    };
    expect(validateFormDefinition(minimal).ok).toBe(true);
  });

  it("rejects a rule with an unknown operator at the operator", () => {
    const def = cloneProfile();
    rulesOf(def).requiredIf = { lowMarginReason: { frobnicate: [{ var: "margin" }] } };
    expect(issuesOf(def)).toEqual([
      { code: "RULE_UNKNOWN_OPERATOR", pointer: "/rules/requiredIf/lowMarginReason/frobnicate" },
    ]);
  });

  it("rejects a rule that reads a field the form does not have, pointing at the var", () => {
    const def = cloneProfile();
    rulesOf(def).requiredIf = { lowMarginReason: { "<": [{ var: "marginRate" }, 10] } };
    expect(issuesOf(def)).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/rules/requiredIf/lowMarginReason/</0/var" },
    ]);
  });

  it("rejects missing() naming an unknown field and a path through a prototype member", () => {
    const def = cloneProfile();
    rulesOf(def).requiredIf = {
      lowMarginReason: { missing: ["margin", "nope"] },
      phone: { var: "name.constructor" },
    };
    expect(issuesOf(def)).toEqual([
      { code: "RULE_UNKNOWN_FIELD", pointer: "/rules/requiredIf/lowMarginReason/missing/1" },
      { code: "RULE_FORBIDDEN_PATH", pointer: "/rules/requiredIf/phone/var" },
    ]);
  });

  it("does not check the element-scoped arguments of some/all/map against the record", () => {
    // `role` is a contact column, read per element: valid although the record has no `role`.
    expect(validateFormDefinition(accountProfile).ok).toBe(true);
  });

  it("rejects rules whose targets do not exist", () => {
    const def = cloneProfile();
    Object.assign(rulesOf(def), {
      visibility: { fields: { ghost: true }, sections: { nowhere: true } },
      computed: { phantom: 1 },
    });
    expect(issuesOf(def)).toEqual([
      { code: "FORM_UNKNOWN_FIELD", pointer: "/rules/visibility/fields/ghost" },
      { code: "FORM_UNKNOWN_SECTION", pointer: "/rules/visibility/sections/nowhere" },
      { code: "FORM_UNKNOWN_FIELD", pointer: "/rules/computed/phantom" },
    ]);
  });

  it("rejects a backreference pattern with a pointer instead of crashing", () => {
    const def = cloneProfile();
    fieldsOf(def).name = { "x-kam-field": "text", type: "string", pattern: "^(a)\\1$" };
    expect(issuesOf(def)).toEqual([
      { code: "FORM_PATTERN_INVALID", pointer: "/dataSchema/properties/name/pattern" },
    ]);
  });

  it("rejects a remote $ref, at the field and at the top of the data schema", () => {
    const def = cloneProfile();
    fieldsOf(def).name = {
      "x-kam-field": "text",
      type: "string",
      $ref: "https://evil.example/x.json",
    };
    (def.dataSchema as unknown as Mutable).$ref = "https://evil.example/y.json";
    expect(issuesOf(def)).toEqual([
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/$ref" },
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/properties/name/$ref" },
    ]);
  });

  it("rejects a huge enum at the enum", () => {
    const def = cloneProfile();
    const values = Array.from({ length: 50_000 }, (_, i) => `v${i}`);
    fieldsOf(def).industry = { "x-kam-field": "select", type: "string", enum: values };
    expect(issuesOf(def)).toContainEqual({
      code: "FORM_DEFINITION_SCHEMA",
      pointer: "/dataSchema/properties/industry/enum",
    });
  });

  it("rejects $data, unknown keywords and unknown field types", () => {
    const def = cloneProfile();
    fieldsOf(def).margin = { "x-kam-field": "percent", type: "number", maximum: { $data: "1/x" } };
    fieldsOf(def).nps = { "x-kam-field": "nps", type: "integer", if: {} };
    fieldsOf(def).phone = { "x-kam-field": "fax", type: "string" };
    expect(issuesOf(def)).toEqual([
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/properties/margin/maximum" },
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/properties/phone/x-kam-field" },
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/properties/nps/if" },
    ]);
  });

  it("rejects a sub-table inside a sub-table and reserved field names", () => {
    const def = cloneProfile();
    const contacts = fieldsOf(def).contacts as { items: { properties: Mutable } };
    contacts.items.properties.visits = { "x-kam-field": "sub-table", type: "array", items: {} };
    Object.assign(fieldsOf(def), { constructor: { "x-kam-field": "text", type: "string" } });
    expect(issuesOf(def)).toEqual([
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/properties/constructor" },
      {
        code: "FORM_DEFINITION_SCHEMA",
        pointer: "/dataSchema/properties/contacts/items/properties/visits/x-kam-field",
      },
    ]);
  });

  it("requires a reference field to name a form key and a money field its currency", () => {
    const def = cloneProfile();
    fieldsOf(def).parent = { "x-kam-field": "reference", type: "string" };
    fieldsOf(def).annualPurchase = {
      "x-kam-field": "money",
      type: "number",
      "x-kam-currency": "rmb",
    };
    expect(issuesOf(def)).toEqual([
      {
        code: "FORM_DEFINITION_SCHEMA",
        pointer: "/dataSchema/properties/annualPurchase/x-kam-currency",
      },
      { code: "FORM_DEFINITION_SCHEMA", pointer: "/dataSchema/properties/parent/x-kam-form" },
    ]);
  });

  it("rejects required names and empty ranges the schema cannot catch", () => {
    const def = cloneProfile();
    (def.dataSchema as unknown as Mutable).required = ["name", "nmae"];
    fieldsOf(def).margin = { "x-kam-field": "percent", type: "number", minimum: 50, maximum: 10 };
    expect(issuesOf(def)).toEqual([
      { code: "FORM_UNKNOWN_FIELD", pointer: "/dataSchema/required/1" },
      { code: "FORM_RANGE_EMPTY", pointer: "/dataSchema/properties/margin/minimum" },
    ]);
  });

  it("rejects a computed field that is also required", () => {
    const def = cloneProfile();
    (def.dataSchema as unknown as Mutable).required = ["name", "grossProfit"];
    rulesOf(def).requiredIf = { valueTier: true };
    expect(issuesOf(def)).toEqual([
      { code: "FORM_COMPUTED_REQUIRED", pointer: "/rules/requiredIf/valueTier" },
      { code: "FORM_COMPUTED_REQUIRED", pointer: "/dataSchema/required/1" },
    ]);
  });

  it("rejects computed fields that depend on each other in a cycle", () => {
    const def = cloneProfile();
    rulesOf(def).computed = {
      grossProfit: { if: [{ var: "isStrategic" }, 1, 0] },
      isStrategic: { ">": [{ var: "grossProfit" }, 0] },
      // Reads the cycle but is not part of it: not named in the issue.
      valueTier: { if: [{ var: "isStrategic" }, "key", "regular"] },
    };
    const result = validateFormDefinition(def);
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        code: "FORM_COMPUTED_CYCLE",
        pointer: "/rules/computed/grossProfit",
        params: { fields: ["grossProfit", "isStrategic"] },
      }),
    ]);
  });

  it("rejects a uiSchema naming unknown fields, columns and options, or unfit widgets", () => {
    const def = cloneProfile();
    const ui = def.uiSchema as unknown as {
      sections: Array<{ fields: string[] }>;
      fields: Mutable;
      order: string[];
    };
    ui.order = ["atRisk", "ghost"];
    ui.sections[1]?.fields.push("name");
    ui.fields.margin = { widget: "date" };
    ui.fields.name = { options: { a: { "zh-CN": "甲", en: "A" } } };
    ui.fields.industry = { options: { mining: { "zh-CN": "矿业", en: "Mining" } } };
    ui.fields.contacts = { columns: { title: { label: { "zh-CN": "职务", en: "Title" } } } };
    expect(issuesOf(def)).toEqual([
      { code: "FORM_UNKNOWN_FIELD", pointer: "/uiSchema/order/1" },
      { code: "FORM_UI_DUPLICATE_FIELD", pointer: "/uiSchema/sections/1/fields/10" },
      { code: "FORM_UI_NOT_APPLICABLE", pointer: "/uiSchema/fields/name/options" },
      { code: "FORM_UI_UNKNOWN_OPTION", pointer: "/uiSchema/fields/industry/options/mining" },
      { code: "FORM_UI_WIDGET_MISMATCH", pointer: "/uiSchema/fields/margin/widget" },
      { code: "FORM_UNKNOWN_FIELD", pointer: "/uiSchema/fields/contacts/columns/title" },
    ]);
  });

  it("rejects a definition nested absurdly deep without overflowing the stack", () => {
    let deep: unknown = true;
    for (let i = 0; i < 100_000; i++) deep = { and: [deep] };
    const def = cloneProfile();
    rulesOf(def).computed = { grossProfit: deep };
    const [first] = issuesOf(def);
    expect(first?.code).toBe("FORM_TOO_DEEP");
    expect(first?.pointer.startsWith("/rules/computed/grossProfit/and/0/and/0")).toBe(true);
    expect(MAX_DEFINITION_DEPTH).toBeGreaterThan(64);
  });

  it("rejects rules over the compiler's depth limit with the compiler's code", () => {
    let rule: unknown = { var: "margin" };
    for (let i = 0; i < 40; i++) rule = { "!": [rule] };
    const def = cloneProfile();
    rulesOf(def).requiredIf = { lowMarginReason: rule };
    expect(issuesOf(def).map((i) => i.code)).toEqual(["RULE_TOO_DEEP"]);
  });

  it("reports non-objects at the root", () => {
    expect(issuesOf(null)).toEqual([{ code: "FORM_DEFINITION_SCHEMA", pointer: "" }]);
    expect(issuesOf({ kind: "form" }).map((i) => i.pointer)).toEqual([
      "/key",
      "/name",
      "/dataSchema",
    ]);
  });

  it("never throws, whatever JSON it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(() => validateFormDefinition(value)).not.toThrow();
        expect(() => validateFormDefinition({ ...accountProfile, rules: value })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe("assertFormDefinition", () => {
  it("throws a DefinitionError carrying every issue", () => {
    const def = cloneProfile();
    rulesOf(def).computed = { phantom: 1, ghost: 2 };
    const error = (() => {
      try {
        assertFormDefinition(def);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).issues.map((i) => i.pointer)).toEqual([
      "/rules/computed/phantom",
      "/rules/computed/ghost",
    ]);
  });
});
