/**
 * @module schemas/ajv-interpreter
 * A JSON Schema interpreter for the safe subset a form's `dataSchema` may use (after
 * `expandDataSchema`), answering exactly like Ajv with `createAjv()`'s options: the same verdict
 * and the same errors (instancePath, schemaPath, keyword, params, message) in the same order, so
 * `ajvIssues` and ajv-i18n treat its errors as Ajv's. It needs no code generation, so it runs
 * where Ajv cannot compile (the designer, under a CSP without `unsafe-eval`); user schemas
 * cannot be compiled ahead of time. Keywords outside the subset make it throw, as Ajv's strict
 * mode would. `test/schemas/ajv-interpreter.test.ts` compares it with Ajv on every pack form.
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { annotationKeywords } from "./ajv-factory.ts";
import { equal, fullFormats, ucs2length } from "./ajv-standalone-runtime.ts";
import { re2RegExp } from "./regexp.ts";

type Schema = Readonly<Record<string, unknown>>;
type Group = "number" | "string" | "array" | "object";

/** Ajv's keyword groups, each in the order Ajv evaluates them (checked by the differential test). */
const groups: readonly (readonly [Group, readonly string[]])[] = [
  ["number", ["maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"]],
  ["string", ["maxLength", "minLength", "pattern", "format"]],
  ["array", ["maxItems", "minItems", "items", "uniqueItems"]],
  ["object", ["required", "additionalProperties", "properties"]],
];
const untyped = ["const", "enum"];
const annotations = new Set<string>([
  "type",
  "title",
  "description",
  "default",
  "examples",
  ...annotationKeywords,
]);
const known = new Set([...annotations, ...untyped, ...groups.flatMap(([, k]) => k)]);

const isGroup: Record<Group | "integer" | "boolean" | "null", (d: unknown) => boolean> = {
  number: (d) => typeof d === "number" && Number.isFinite(d),
  integer: (d) => typeof d === "number" && Number.isFinite(d) && d % 1 === 0,
  string: (d) => typeof d === "string",
  array: (d) => Array.isArray(d),
  object: (d) => typeof d === "object" && d !== null && !Array.isArray(d),
  boolean: (d) => typeof d === "boolean",
  null: (d) => d === null,
};

const escapePointer = (key: string | number) =>
  String(key).replace(/~/g, "~0").replace(/\//g, "~1");
const limits = {
  maximum: ["<=", (d: number, l: number) => d > l],
  minimum: [">=", (d: number, l: number) => d < l],
  exclusiveMaximum: ["<", (d: number, l: number) => d >= l],
  exclusiveMinimum: [">", (d: number, l: number) => d <= l],
} as const;

type Check = (data: unknown, path: string, errors: ErrorObject[]) => void;

function compileNode(schema: Schema, at: string): Check {
  for (const keyword of Object.keys(schema)) {
    if (!known.has(keyword)) throw new Error(`strict mode: unknown keyword: "${keyword}"`);
  }
  const checks: Check[] = [];
  const fail = (
    errors: ErrorObject[],
    path: string,
    keyword: string,
    params: Record<string, unknown>,
    message: string,
  ) =>
    errors.push({ instancePath: path, schemaPath: `${at}/${keyword}`, keyword, params, message });

  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type as string);
  const hasKeywordsOf = (g: string) =>
    groups.find(([n]) => n === g)?.[1].some((k) => k in schema) ?? false;
  // Ajv reports a wrong type in the else branch of the type's keyword group when the schema has
  // keywords of that group, and up front otherwise (integer, boolean and null have no group).
  const typeInGroup = types.length === 1 && hasKeywordsOf(types[0] as string);
  const typeError = (path: string, errors: ErrorObject[]) =>
    fail(errors, path, "type", { type: schema.type }, `must be ${types.join(",")}`);
  if (types.length > 0 && !typeInGroup) {
    const matchers = types.map((t) => isGroup[t as keyof typeof isGroup]);
    if (matchers.some((m) => m === undefined)) throw new Error(`schema is invalid: type ${types}`);
    checks.push((d, p, e) => {
      if (!matchers.some((m) => m(d))) typeError(p, e);
    });
  }
  if ("const" in schema)
    checks.push((d, p, e) => {
      if (!equal(d, schema.const))
        fail(e, p, "const", { allowedValue: schema.const }, "must be equal to constant");
    });
  if ("enum" in schema) {
    const values = schema.enum as readonly unknown[];
    checks.push((d, p, e) => {
      if (!values.some((v) => equal(d, v)))
        fail(e, p, "enum", { allowedValues: values }, "must be equal to one of the allowed values");
    });
  }
  for (const [group, keywords] of groups) {
    if (!hasKeywordsOf(group)) continue;
    const inner: Check[] = keywords
      .filter((k) => k in schema)
      .map((k) => keywordCheck(k, schema, at, fail));
    const elseType = typeInGroup && types[0] === group;
    checks.push((d, p, e) => {
      if (isGroup[group](d)) for (const c of inner) c(d, p, e);
      else if (elseType) typeError(p, e);
    });
  }
  return (d, p, e) => {
    for (const c of checks) c(d, p, e);
  };
}

type Fail = (
  errors: ErrorObject[],
  path: string,
  keyword: string,
  params: Record<string, unknown>,
  message: string,
) => number;

function keywordCheck(keyword: string, schema: Schema, at: string, fail: Fail): Check {
  const value = schema[keyword];
  switch (keyword) {
    case "maximum":
    case "minimum":
    case "exclusiveMaximum":
    case "exclusiveMinimum": {
      const [comparison, broken] = limits[keyword];
      const limit = value as number;
      return (d, p, e) => {
        const n = d as number;
        if (broken(n, limit) || Number.isNaN(n))
          fail(e, p, keyword, { comparison, limit }, `must be ${comparison} ${limit}`);
      };
    }
    case "multipleOf": {
      const m = value as number;
      return (d, p, e) => {
        const res = (d as number) / m;
        if (m === 0 || res !== Number.parseInt(String(res), 10))
          fail(e, p, keyword, { multipleOf: m }, `must be multiple of ${m}`);
      };
    }
    case "maxLength":
    case "minLength": {
      const limit = value as number;
      const max = keyword === "maxLength";
      return (d, p, e) => {
        const n = ucs2length(d as string);
        if (max ? n > limit : n < limit)
          fail(
            e,
            p,
            keyword,
            { limit },
            `must NOT have ${max ? "more" : "fewer"} than ${limit} characters`,
          );
      };
    }
    case "pattern": {
      const rx = re2RegExp(value as string, "u");
      return (d, p, e) => {
        if (!rx.test(d as string))
          fail(e, p, keyword, { pattern: value }, `must match pattern "${value as string}"`);
      };
    }
    case "format": {
      const def = (fullFormats as Record<string, unknown>)[value as string];
      if (def === undefined)
        throw new Error(`unknown format "${value as string}" ignored in schema`);
      const f =
        typeof def === "object" && !(def instanceof RegExp)
          ? (def as { validate: unknown }).validate
          : def;
      const test =
        typeof f === "function"
          ? (f as (s: string) => boolean)
          : (s: string) => (f as RegExp).test(s);
      return (d, p, e) => {
        if (!test(d as string))
          fail(e, p, keyword, { format: value }, `must match format "${value as string}"`);
      };
    }
    case "maxItems":
    case "minItems": {
      const limit = value as number;
      const max = keyword === "maxItems";
      return (d, p, e) => {
        const n = (d as unknown[]).length;
        if (max ? n > limit : n < limit)
          fail(
            e,
            p,
            keyword,
            { limit },
            `must NOT have ${max ? "more" : "fewer"} than ${limit} items`,
          );
      };
    }
    case "uniqueItems":
      return value === true ? uniqueItems(schema, fail) : () => {};
    case "items": {
      const item = compileNode(value as Schema, `${at}/items`);
      return (d, p, e) => {
        for (const [i, x] of (d as unknown[]).entries()) item(x, `${p}/${i}`, e);
      };
    }
    case "required": {
      const names = value as readonly string[];
      return (d, p, e) => {
        const o = d as Record<string, unknown>;
        for (const name of names)
          if (o[name] === undefined)
            fail(e, p, keyword, { missingProperty: name }, `must have required property '${name}'`);
      };
    }
    case "additionalProperties": {
      if (value !== false) throw new Error("additionalProperties must be false in a form schema");
      const allowed = new Set(Object.keys((schema.properties ?? {}) as object));
      return (d, p, e) => {
        for (const key in d as object)
          if (!allowed.has(key))
            fail(e, p, keyword, { additionalProperty: key }, "must NOT have additional properties");
      };
    }
    case "properties": {
      const props = Object.entries(value as Record<string, Schema>).map(
        ([name, sub]) =>
          [name, compileNode(sub, `${at}/properties/${escapePointer(name)}`)] as const,
      );
      return (d, p, e) => {
        const o = d as Record<string, unknown>;
        for (const [name, check] of props)
          if (o[name] !== undefined) check(o[name], `${p}/${escapePointer(name)}`, e);
      };
    }
    default:
      throw new Error(`unsupported keyword ${keyword}`);
  }
}

/** Ajv's two loops: a hash of scalars when the item type says so, else pairwise deep equality. */
function uniqueItems(schema: Schema, fail: Fail): Check {
  const items = schema.items as Schema | undefined;
  const itemTypes = items?.type === undefined ? [] : ([] as string[]).concat(items.type as string);
  const scalar = itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
  const report = (e: ErrorObject[], p: string, i: number, j: number) =>
    fail(
      e,
      p,
      "uniqueItems",
      { i, j },
      `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
    );
  return (d, p, e) => {
    const data = d as unknown[];
    if (data.length <= 1) return;
    if (scalar) {
      const indices: Record<string, number> = {};
      for (let i = data.length; i--; ) {
        let item = data[i];
        if (!itemTypes.some((t) => isGroup[t as keyof typeof isGroup]?.(item))) continue;
        if (itemTypes.length > 1 && typeof item === "string") item += "_";
        const seen = indices[item as string];
        if (typeof seen === "number") return void report(e, p, i, seen);
        indices[item as string] = i;
      }
      return;
    }
    for (let i = data.length; i--; )
      for (let j = i; j--; ) if (equal(data[i], data[j])) return void report(e, p, i, j);
  };
}

/**
 * Compiles `schema` into a validator with Ajv's `ValidateFunction` contract (`errors` is `null`
 * after a pass), by interpretation. Throws on keywords outside the form subset.
 * @example
 * const validate = interpretSchema({ type: "object", properties: { n: { type: "integer" } } });
 * validate({ n: 1.5 }); // false; validate.errors[0].instancePath === "/n"
 */
export function interpretSchema(schema: Schema): ValidateFunction {
  const check = compileNode(schema, "#");
  const validate = ((data: unknown) => {
    const errors: ErrorObject[] = [];
    check(data, "", errors);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  validate.errors = null;
  validate.schema = schema;
  return validate;
}
