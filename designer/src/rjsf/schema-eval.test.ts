/**
 * The CSP-safe evaluator: the keywords kamflow's config schemas use, `$ref`s into `$defs`,
 * discriminated `oneOf` (how rjsf picks a branch), and agreement with the engine on every node
 * config of the bundled packs (all valid) and on broken ones.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinNodes } from "../../../engine/flows/nodes/index.ts";
import {
  approverSpecSchema,
  i18nStringSchema,
  jsonLogicRuleSchema,
  slaSchema,
} from "../../../schemas/index.ts";
import { bundleSchema } from "./bundle-schema.ts";
import { toExtraErrors } from "./error-schema.ts";
import { evaluateSchema, isValidAgainst } from "./schema-eval.ts";
import { cspSafeValidator } from "./validator.ts";

const registry = new Map<string, unknown>(
  [approverSpecSchema, slaSchema, jsonLogicRuleSchema, i18nStringSchema].map((s) => [s.$id, s]),
);
const bundled = new Map(builtinNodes.map((n) => [n.type, bundleSchema(n.configSchema, registry)]));

const TEMPLATES = join(import.meta.dirname, "../../../templates");
function packNodes(): { file: string; id: string; type: string; config: unknown }[] {
  const out: { file: string; id: string; type: string; config: unknown }[] = [];
  for (const pack of readdirSync(TEMPLATES)) {
    let files: string[] = [];
    try {
      files = readdirSync(join(TEMPLATES, pack, "flows"));
    } catch {
      continue;
    }
    for (const f of files) {
      const flow = JSON.parse(readFileSync(join(TEMPLATES, pack, "flows", f), "utf8")) as {
        nodes: { id: string; type: string; config?: unknown }[];
      };
      for (const n of flow.nodes)
        out.push({ file: `${pack}/${f}`, id: n.id, type: n.type, config: n.config ?? {} });
    }
  }
  return out;
}

describe("evaluateSchema", () => {
  it("checks types, bounds, patterns, formats and enums", () => {
    const schema = {
      type: "object",
      required: ["a"],
      additionalProperties: false,
      properties: {
        a: { type: "string", minLength: 2, pattern: "^[a-z]+$" },
        n: { type: "integer", minimum: 1, exclusiveMaximum: 5 },
        d: { type: "string", format: "duration" },
        e: { enum: ["x", "y"] },
        l: { type: "array", items: { type: "string" }, uniqueItems: true, maxItems: 2 },
      },
    };
    expect(isValidAgainst(schema, { a: "ok", n: 4, d: "PT4H", e: "x", l: ["a"] })).toBe(true);
    const keywords = evaluateSchema(schema, {
      a: "A",
      n: 5,
      d: "4 hours",
      e: "z",
      l: ["a", "a", "b"],
      extra: 1,
    }).map((e) => `${e.instancePath}:${e.keyword}`);
    expect(keywords).toEqual(
      expect.arrayContaining([
        "/a:minLength",
        "/a:pattern",
        "/n:exclusiveMaximum",
        "/d:format",
        "/e:enum",
        "/l:maxItems",
        "/l:uniqueItems",
        ":additionalProperties",
      ]),
    );
    expect(evaluateSchema(schema, {}).map((e) => e.keyword)).toEqual(["required"]);
  });

  it("resolves $refs, recursion included (a JSON Logic rule refers to itself)", () => {
    const schema = bundleSchema({ properties: { r: { $ref: jsonLogicRuleSchema.$id } } }, registry);
    expect(isValidAgainst(schema, { r: { and: [{ "==": [{ var: "a" }, 1] }, true] } })).toBe(true);
    expect(isValidAgainst(schema, { r: { and: [{ "==": 1, "!=": 2 }] } })).toBe(false);
  });

  it("picks the one oneOf branch, and reports the discriminated branch's errors", () => {
    const approval = bundled.get("approval");
    expect(isValidAgainst(approval, { approvers: [{ kind: "role", role: "kam" }] })).toBe(true);
    const errors = evaluateSchema(approval, { approvers: [{ kind: "user" }] });
    expect(errors.map((e) => `${e.instancePath}:${e.keyword}`)).toEqual(
      expect.arrayContaining(["/approvers/0:required", "/approvers/0:oneOf"]),
    );
    expect(errors.find((e) => e.keyword === "required")?.params).toEqual({
      missingProperty: "userId",
    });
  });

  it("accepts every node config of the bundled packs (as the engine does)", () => {
    const nodes = packNodes();
    expect(nodes.length).toBeGreaterThan(50);
    for (const n of nodes) {
      const schema = bundled.get(n.type as never);
      expect(schema, n.type).toBeDefined();
      expect(evaluateSchema(schema, n.config), `${n.file} ${n.id}`).toEqual([]);
    }
  });
});

describe("cspSafeValidator", () => {
  it("answers isValid against a root schema and lists rjsf errors with their property", () => {
    const root = bundled.get("approval") as Record<string, unknown>;
    const spec = { $ref: "#/$defs/approver-spec" };
    expect(cspSafeValidator.isValid(spec, { kind: "initiator" }, root)).toBe(true);
    expect(cspSafeValidator.isValid(spec, { kind: "initiator", x: 1 }, root)).toBe(false);
    const { errors, errorSchema } = cspSafeValidator.validateFormData({ approvers: [] }, root);
    expect(errors[0]).toMatchObject({ name: "minItems", property: ".approvers" });
    expect(errorSchema).toMatchObject({ approvers: { __errors: [expect.any(String)] } });
  });
});

describe("toExtraErrors", () => {
  it("nests the issues under a base pointer by the rest of their pointer", () => {
    const issues = [
      { pointer: "/nodes/2/config/approvers/0/userId", message: "unknown user" },
      { pointer: "/nodes/2/config", message: "bad config" },
      { pointer: "/nodes/3/config/mode", message: "elsewhere" },
    ];
    expect(toExtraErrors(issues, ["nodes", "2", "config"])).toEqual({
      __errors: ["bad config"],
      approvers: { 0: { userId: { __errors: ["unknown user"] } } },
    });
  });
});
