/**
 * @module designer/rjsf/schema-eval
 * A small JSON Schema (2020-12) evaluator that needs no code generation, for the designer's
 * forms under a CSP without `unsafe-eval` (Ajv compiles validators with `new Function`). It walks
 * the schema for each value: `$ref` (JSON pointers into the root schema), the applicators
 * (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`), and the type, number, string, array and
 * object assertions. Formats come from ajv-formats and patterns run on RE2 (`schemas/regexp.ts`),
 * as on the server. Unknown keywords are annotations (`discriminator`, `x-kam-*`).
 *
 * It answers rjsf's questions (which `oneOf` branch fits, what is wrong where); the authority on
 * a definition stays the engine's own validation, whose issues the forms show beside the fields.
 */
import { equal, fullFormats, ucs2length } from "../../../schemas/ajv-standalone-runtime.ts";
import { compileLinearPattern } from "../../../schemas/regexp.ts";

/** One failed assertion, shaped like Ajv's `ErrorObject` so rjsf and ajv-i18n read it alike. */
export interface SchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message: string;
}

type Schema = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const escapeToken = (key: string | number) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");
const unescapeToken = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");

const typeTests: Record<string, (d: unknown) => boolean> = {
  number: (d) => typeof d === "number" && Number.isFinite(d),
  integer: (d) => typeof d === "number" && Number.isInteger(d),
  string: (d) => typeof d === "string",
  array: Array.isArray,
  object: isObject,
  boolean: (d) => typeof d === "boolean",
  null: (d) => d === null,
};

const patterns = new Map<string, { test(s: string): boolean } | null>();
/** A compiled pattern, cached; null when RE2 cannot compile it (the assertion is skipped). */
function patternOf(source: string) {
  if (!patterns.has(source)) {
    try {
      patterns.set(source, compileLinearPattern(source));
    } catch {
      patterns.set(source, null);
    }
  }
  return patterns.get(source) ?? null;
}

function formatTest(name: string): ((s: string) => boolean) | undefined {
  const def = (fullFormats as Record<string, unknown>)[name];
  if (def === undefined) return undefined;
  const f =
    typeof def === "object" && !(def instanceof RegExp)
      ? (def as { validate: unknown }).validate
      : def;
  if (typeof f === "function") return f as (s: string) => boolean;
  if (f instanceof RegExp) return (s) => f.test(s);
  return undefined;
}

/** Resolves a `$ref` that is a JSON pointer into the root (`#`, `#/$defs/x`). */
export function resolvePointerRef(root: unknown, ref: string): unknown {
  const hash = ref.indexOf("#");
  if (hash < 0) return undefined;
  const pointer = ref.slice(hash + 1);
  if (pointer === "") return root;
  let node: unknown = root;
  for (const part of pointer.replace(/^\//, "").split("/")) {
    const key = unescapeToken(decodeURIComponent(part));
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** How deep `$ref`s may nest before the evaluator gives up (a cycle through no data). */
const MAX_DEPTH = 200;

class Evaluator {
  constructor(readonly root: unknown) {}

  run(
    schema: unknown,
    data: unknown,
    path: string,
    at: string,
    out: SchemaError[],
    depth = 0,
  ): void {
    if (schema === true || schema === undefined) return;
    if (schema === false) {
      out.push(this.error(path, at, "false schema", {}, "boolean schema is false"));
      return;
    }
    if (!isObject(schema) || depth > MAX_DEPTH) return;
    const s = schema as Schema;
    if (typeof s.$ref === "string") {
      const target = resolvePointerRef(this.root, s.$ref);
      this.run(target, data, path, `${at}/$ref`, out, depth + 1);
    }
    this.type(s, data, path, at, out);
    if ("const" in s && !equal(data, s.const))
      out.push(
        this.error(
          path,
          `${at}/const`,
          "const",
          { allowedValue: s.const },
          "must be equal to constant",
        ),
      );
    if (Array.isArray(s.enum) && !s.enum.some((v) => equal(data, v)))
      out.push(
        this.error(
          path,
          `${at}/enum`,
          "enum",
          { allowedValues: s.enum },
          "must be equal to one of the allowed values",
        ),
      );
    if (typeof data === "number") this.number(s, data, path, at, out);
    else if (typeof data === "string") this.string(s, data, path, at, out);
    else if (Array.isArray(data)) this.array(s, data, path, at, out, depth);
    else if (isObject(data)) this.object(s, data, path, at, out, depth);
    this.applicators(s, data, path, at, out, depth);
  }

  valid(schema: unknown, data: unknown, depth: number): boolean {
    const out: SchemaError[] = [];
    this.run(schema, data, "", "#", out, depth + 1);
    return out.length === 0;
  }

  private error(
    instancePath: string,
    schemaPath: string,
    keyword: string,
    params: Record<string, unknown>,
    message: string,
  ): SchemaError {
    return { instancePath, schemaPath, keyword, params, message };
  }

  private type(s: Schema, data: unknown, path: string, at: string, out: SchemaError[]) {
    if (s.type === undefined) return;
    const types = ([] as unknown[]).concat(s.type).map(String);
    if (types.some((t) => typeTests[t]?.(data))) return;
    out.push(
      this.error(path, `${at}/type`, "type", { type: s.type }, `must be ${types.join(",")}`),
    );
  }

  private number(s: Schema, d: number, path: string, at: string, out: SchemaError[]) {
    const limit = (keyword: string, fails: (l: number) => boolean, op: string) => {
      const l = s[keyword];
      if (typeof l === "number" && fails(l))
        out.push(
          this.error(
            path,
            `${at}/${keyword}`,
            keyword,
            { comparison: op, limit: l },
            `must be ${op} ${l}`,
          ),
        );
    };
    limit("maximum", (l) => d > l, "<=");
    limit("minimum", (l) => d < l, ">=");
    limit("exclusiveMaximum", (l) => d >= l, "<");
    limit("exclusiveMinimum", (l) => d <= l, ">");
    const m = s.multipleOf;
    if (typeof m === "number" && m > 0) {
      const q = d / m;
      if (Math.abs(q - Math.round(q)) > 1e-9)
        out.push(
          this.error(
            path,
            `${at}/multipleOf`,
            "multipleOf",
            { multipleOf: m },
            `must be multiple of ${m}`,
          ),
        );
    }
  }

  private string(s: Schema, d: string, path: string, at: string, out: SchemaError[]) {
    const n =
      typeof s.maxLength === "number" || typeof s.minLength === "number" ? ucs2length(d) : 0;
    if (typeof s.maxLength === "number" && n > s.maxLength)
      out.push(
        this.error(
          path,
          `${at}/maxLength`,
          "maxLength",
          { limit: s.maxLength },
          `must NOT have more than ${s.maxLength} characters`,
        ),
      );
    if (typeof s.minLength === "number" && n < s.minLength)
      out.push(
        this.error(
          path,
          `${at}/minLength`,
          "minLength",
          { limit: s.minLength },
          `must NOT have fewer than ${s.minLength} characters`,
        ),
      );
    if (typeof s.pattern === "string" && patternOf(s.pattern)?.test(d) === false)
      out.push(
        this.error(
          path,
          `${at}/pattern`,
          "pattern",
          { pattern: s.pattern },
          `must match pattern "${s.pattern}"`,
        ),
      );
    if (typeof s.format === "string" && formatTest(s.format)?.(d) === false)
      out.push(
        this.error(
          path,
          `${at}/format`,
          "format",
          { format: s.format },
          `must match format "${s.format}"`,
        ),
      );
  }

  private array(
    s: Schema,
    d: readonly unknown[],
    path: string,
    at: string,
    out: SchemaError[],
    depth: number,
  ) {
    if (typeof s.maxItems === "number" && d.length > s.maxItems)
      out.push(
        this.error(
          path,
          `${at}/maxItems`,
          "maxItems",
          { limit: s.maxItems },
          `must NOT have more than ${s.maxItems} items`,
        ),
      );
    if (typeof s.minItems === "number" && d.length < s.minItems)
      out.push(
        this.error(
          path,
          `${at}/minItems`,
          "minItems",
          { limit: s.minItems },
          `must NOT have fewer than ${s.minItems} items`,
        ),
      );
    const prefix = Array.isArray(s.prefixItems)
      ? s.prefixItems
      : Array.isArray(s.items)
        ? s.items
        : [];
    const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
    d.forEach((item, i) => {
      const p = `${path}/${i}`;
      if (i < prefix.length) this.run(prefix[i], item, p, `${at}/prefixItems/${i}`, out, depth + 1);
      else if (rest !== undefined) this.run(rest, item, p, `${at}/items`, out, depth + 1);
    });
    if (s.uniqueItems === true) {
      for (let i = 0; i < d.length; i++)
        for (let j = i + 1; j < d.length; j++)
          if (equal(d[i], d[j])) {
            out.push(
              this.error(
                path,
                `${at}/uniqueItems`,
                "uniqueItems",
                { i: j, j: i },
                `must NOT have duplicate items (items ## ${i} and ${j} are identical)`,
              ),
            );
            return;
          }
    }
    if (s.contains !== undefined && !d.some((item) => this.valid(s.contains, item, depth)))
      out.push(
        this.error(path, `${at}/contains`, "contains", {}, "must contain at least 1 valid item"),
      );
  }

  private object(
    s: Schema,
    d: Readonly<Record<string, unknown>>,
    path: string,
    at: string,
    out: SchemaError[],
    depth: number,
  ) {
    const keys = Object.keys(d);
    if (Array.isArray(s.required))
      for (const name of s.required as string[])
        if (!Object.hasOwn(d, name) || d[name] === undefined)
          out.push(
            this.error(
              path,
              `${at}/required`,
              "required",
              { missingProperty: name },
              `must have required property '${name}'`,
            ),
          );
    if (typeof s.maxProperties === "number" && keys.length > s.maxProperties)
      out.push(
        this.error(
          path,
          `${at}/maxProperties`,
          "maxProperties",
          { limit: s.maxProperties },
          `must NOT have more than ${s.maxProperties} properties`,
        ),
      );
    if (typeof s.minProperties === "number" && keys.length < s.minProperties)
      out.push(
        this.error(
          path,
          `${at}/minProperties`,
          "minProperties",
          { limit: s.minProperties },
          `must NOT have fewer than ${s.minProperties} properties`,
        ),
      );
    if (isObject(s.dependentRequired))
      for (const [key, needs] of Object.entries(s.dependentRequired))
        if (Object.hasOwn(d, key) && Array.isArray(needs))
          for (const need of needs as string[])
            if (!Object.hasOwn(d, need))
              out.push(
                this.error(
                  path,
                  `${at}/dependentRequired`,
                  "dependentRequired",
                  { property: key, missingProperty: need },
                  `must have property ${need} when property ${key} is present`,
                ),
              );
    const properties = isObject(s.properties) ? s.properties : {};
    const patternProps = isObject(s.patternProperties) ? s.patternProperties : {};
    for (const key of keys) {
      const value = d[key];
      if (value === undefined) continue;
      const p = `${path}/${escapeToken(key)}`;
      if (s.propertyNames !== undefined && !this.valid(s.propertyNames, key, depth))
        out.push(
          this.error(
            path,
            `${at}/propertyNames`,
            "propertyNames",
            { propertyName: key },
            "property name must be valid",
          ),
        );
      let matched = false;
      if (Object.hasOwn(properties, key)) {
        matched = true;
        this.run(properties[key], value, p, `${at}/properties/${escapeToken(key)}`, out, depth + 1);
      }
      for (const [source, sub] of Object.entries(patternProps))
        if (patternOf(source)?.test(key)) {
          matched = true;
          this.run(sub, value, p, `${at}/patternProperties/${escapeToken(source)}`, out, depth + 1);
        }
      if (matched || s.additionalProperties === undefined) continue;
      if (s.additionalProperties === false)
        out.push(
          this.error(
            path,
            `${at}/additionalProperties`,
            "additionalProperties",
            { additionalProperty: key },
            "must NOT have additional properties",
          ),
        );
      else this.run(s.additionalProperties, value, p, `${at}/additionalProperties`, out, depth + 1);
    }
  }

  private applicators(
    s: Schema,
    data: unknown,
    path: string,
    at: string,
    out: SchemaError[],
    depth: number,
  ) {
    if (Array.isArray(s.allOf))
      for (const [i, sub] of s.allOf.entries())
        this.run(sub, data, path, `${at}/allOf/${i}`, out, depth + 1);
    if (Array.isArray(s.anyOf)) {
      const branchErrors: SchemaError[] = [];
      const passing = s.anyOf.some((sub, i) => {
        const e: SchemaError[] = [];
        this.run(sub, data, path, `${at}/anyOf/${i}`, e, depth + 1);
        branchErrors.push(...e);
        return e.length === 0;
      });
      if (!passing)
        out.push(
          ...branchErrors,
          this.error(path, `${at}/anyOf`, "anyOf", {}, "must match a schema in anyOf"),
        );
    }
    if (Array.isArray(s.oneOf)) {
      const branchErrors: SchemaError[] = [];
      const passing: number[] = [];
      s.oneOf.forEach((sub, i) => {
        const e: SchemaError[] = [];
        this.run(sub, data, path, `${at}/oneOf/${i}`, e, depth + 1);
        if (e.length === 0) passing.push(i);
        else branchErrors.push(...e);
      });
      if (passing.length !== 1)
        out.push(
          ...(passing.length === 0 ? this.closestBranch(s, data, branchErrors, at) : []),
          this.error(
            path,
            `${at}/oneOf`,
            "oneOf",
            { passingSchemas: passing.length ? passing : null },
            "must match exactly one schema in oneOf",
          ),
        );
    }
    if (s.not !== undefined && this.valid(s.not, data, depth))
      out.push(this.error(path, `${at}/not`, "not", {}, "must NOT be valid"));
    if (s.if !== undefined) {
      const holds = this.valid(s.if, data, depth);
      const branch = holds ? s.then : s.else;
      if (branch !== undefined)
        this.run(branch, data, path, `${at}/${holds ? "then" : "else"}`, out, depth + 1);
    }
  }

  /**
   * The errors of the branch a discriminated value names (`discriminator.propertyName`), so a
   * `{kind: "user"}` without `userId` says "userId is required" rather than only "oneOf".
   */
  private closestBranch(s: Schema, data: unknown, errors: SchemaError[], at: string) {
    const tag = isObject(s.discriminator) ? String(s.discriminator.propertyName) : undefined;
    if (!tag || !isObject(data) || !Array.isArray(s.oneOf)) return [];
    const index = s.oneOf.findIndex((b) => {
      const props = isObject(b) && isObject(b.properties) ? b.properties : {};
      const tagSchema = props[tag];
      return isObject(tagSchema) && equal(tagSchema.const, data[tag]);
    });
    if (index < 0) return [];
    const prefix = `${at}/oneOf/${index}/`;
    return errors.filter((e) => e.schemaPath.startsWith(prefix));
  }
}

/**
 * Every error of `data` against `schema`; `$ref`s resolve in `root` (default: the schema).
 * @example evaluateSchema({ type: "string", minLength: 1 }, "") // [{ keyword: "minLength", … }]
 */
export function evaluateSchema(
  schema: unknown,
  data: unknown,
  root: unknown = schema,
): SchemaError[] {
  const out: SchemaError[] = [];
  new Evaluator(root).run(schema, data, "", "#", out);
  return out;
}

/** Whether `data` is valid against `schema` (`$ref`s resolved in `root`). */
export function isValidAgainst(schema: unknown, data: unknown, root: unknown = schema): boolean {
  return evaluateSchema(schema, data, root).length === 0;
}
