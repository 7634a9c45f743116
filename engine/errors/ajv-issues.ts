/**
 * @module errors/ajv-issues
 * Turns Ajv validation errors into located, coded issues. Schema-independent: it reads only the
 * error objects (their shape is declared here, so this module does not import Ajv), and callers
 * add document-specific codes through `classify`.
 *
 * Ajv with `allErrors` reports every branch of a failed `anyOf`/`oneOf` and a summary error for
 * `if`; shown as is, a duration typo yields "must be object" next to the real problem. The
 * pruning below keeps the errors of the branches whose JSON type matched the value (the branch
 * the author meant) and drops the rest.
 */
import type { ErrorCode } from "./codes.ts";
import { type Issue, issue } from "./kam-error.ts";
import { ptrAt } from "./pointer.ts";

/** The parts of an Ajv `ErrorObject` this module reads. */
export interface AjvErrorLike {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Set by Ajv on errors found while validating an object's property names. */
  readonly propertyName?: string;
  readonly message?: string;
}

/** A code chosen for one Ajv error, with the message parameters and an optional pointer. */
export interface ClassifiedError {
  readonly code: ErrorCode;
  readonly params?: Record<string, unknown>;
  /** Pointer relative to the validated document; the error's own location when absent. */
  readonly pointer?: string;
}

export interface AjvIssueOptions {
  /** Pointer of the validated value inside the user's document, prefixed to every pointer. */
  readonly basePointer?: string;
  /**
   * Document-specific codes, tried before the generic keyword table; return `undefined` to fall
   * through. A classified `pattern`/`format` error replaces generic ones at the same pointer.
   */
  readonly classify?: (error: AjvErrorLike) => ClassifiedError | undefined;
  /** Extra issue fields for a pointer, e.g. the `nodeId` of the flow node it lies in. */
  readonly locate?: (pointer: string) => { nodeId?: string } | undefined;
  /**
   * At most this many issues.
   * @default 100
   */
  readonly maxIssues?: number;
}

const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/** The branch index of a `type` error at the top of a union branch, e.g. `#/anyOf/1/type` → 1. */
function branchOf(union: AjvErrorLike, e: AjvErrorLike): string | undefined {
  const prefix = `${union.schemaPath}/`;
  if (!e.schemaPath.startsWith(prefix)) return undefined;
  const [branch, keyword, ...rest] = e.schemaPath.slice(prefix.length).split("/");
  return keyword === "type" && rest.length === 0 ? branch : undefined;
}

/**
 * Drops `if` summaries, and for each failed `anyOf`/`oneOf` the errors of the branches whose
 * JSON type did not match the value (and the union's own summary) — unless no branch matched,
 * in which case they become one type error listing every accepted type.
 */
function prune(errors: readonly AjvErrorLike[]): AjvErrorLike[] {
  const out: Array<AjvErrorLike | undefined> = [...errors];
  for (let k = 0; k < errors.length; k++) {
    const e = errors[k]!;
    if (e.keyword === "if") out[k] = undefined;
    const failedUnion =
      e.keyword === "anyOf" || (e.keyword === "oneOf" && !Array.isArray(e.params.passingSchemas));
    if (!failedUnion) continue;
    // Ajv appends a union's branch errors right before the union's own error.
    const block: number[] = [];
    for (let j = k - 1; j >= 0 && under(errors[j]!.instancePath, e.instancePath); j--) {
      if (out[j]) block.push(j);
    }
    const mismatched = new Set<string>();
    const typeHere: number[] = [];
    for (const j of block) {
      const x = errors[j]!;
      if (x.keyword !== "type" || x.instancePath !== e.instancePath) continue;
      typeHere.push(j);
      // A branch that is a `$ref` reports its type error relative to the referenced schema,
      // so it cannot be attributed; only its type error is dropped then.
      const branch = branchOf(e, x);
      if (branch !== undefined) mismatched.add(branch);
    }
    const inMismatched = (j: number) =>
      [...mismatched].some((b) => errors[j]!.schemaPath.startsWith(`${e.schemaPath}/${b}/`));
    const dropped = new Set([...typeHere, ...block.filter(inMismatched)]);
    const expected = [...new Set(typeHere.flatMap((j) => [errors[j]!.params.type].flat()))];
    for (const j of dropped) out[j] = undefined;
    if (block.some((j) => !dropped.has(j))) out[k] = undefined;
    else if (expected.length > 0) out[k] = { ...e, keyword: "type", params: { type: expected } };
  }
  return out.filter((x): x is AjvErrorLike => x !== undefined);
}

const range = new Set(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]);

/** The generic code of an Ajv keyword. */
function classifyKeyword(e: AjvErrorLike): ClassifiedError {
  const p = e.params;
  const at = e.instancePath;
  switch (e.keyword) {
    case "required":
      return {
        code: "SHAPE_PROPERTY_MISSING",
        params: { property: p.missingProperty },
        pointer: ptrAt(at, String(p.missingProperty)),
      };
    case "additionalProperties":
      return {
        code: "SHAPE_PROPERTY_UNKNOWN",
        params: { property: p.additionalProperty },
        pointer: ptrAt(at, String(p.additionalProperty)),
      };
    case "propertyNames":
      return {
        code: "SHAPE_PROPERTY_NAME_INVALID",
        params: { property: p.propertyName },
        pointer: ptrAt(at, String(p.propertyName)),
      };
    case "type":
      return { code: "SHAPE_TYPE_MISMATCH", params: { expected: p.type } };
    case "enum":
      return { code: "SHAPE_VALUE_NOT_ALLOWED", params: { allowed: p.allowedValues } };
    case "const":
      return { code: "SHAPE_VALUE_NOT_ALLOWED", params: { allowed: [p.allowedValue] } };
    case "not":
      return { code: "SHAPE_VALUE_FORBIDDEN" };
    case "minLength":
      return { code: "SHAPE_TOO_SHORT", params: { limit: p.limit } };
    case "maxLength":
      return { code: "SHAPE_TOO_LONG", params: { limit: p.limit } };
    case "minItems":
    case "minProperties":
      return { code: "SHAPE_TOO_FEW", params: { limit: p.limit } };
    case "maxItems":
    case "maxProperties":
      return { code: "SHAPE_TOO_MANY", params: { limit: p.limit } };
    case "uniqueItems":
      return {
        code: "SHAPE_DUPLICATE_ITEMS",
        params: { i: p.i, j: p.j },
        pointer: ptrAt(at, Number(p.i)),
      };
    case "pattern":
      return { code: "SHAPE_PATTERN_MISMATCH", params: { pattern: p.pattern } };
    case "format":
      return { code: "SHAPE_FORMAT_INVALID", params: { format: p.format } };
    case "discriminator": {
      const pointer = ptrAt(at, String(p.tag));
      if (p.error === "mapping")
        return {
          code: "SHAPE_VARIANT_UNKNOWN",
          params: { property: p.tag, value: p.tagValue },
          pointer,
        };
      return p.tagValue === undefined
        ? { code: "SHAPE_PROPERTY_MISSING", params: { property: p.tag }, pointer }
        : { code: "SHAPE_TYPE_MISMATCH", params: { expected: "string" }, pointer };
    }
    case "anyOf":
    case "oneOf":
      return { code: "SHAPE_NO_MATCHING_ALTERNATIVE" };
    default:
      if (range.has(e.keyword))
        return { code: "SHAPE_OUT_OF_RANGE", params: { comparison: p.comparison, limit: p.limit } };
      return { code: "SCHEMA_VIOLATION", params: { detail: `${e.keyword}: ${e.message ?? ""}` } };
  }
}

const replaceable = new Set(["pattern", "format"]);

/**
 * Maps Ajv errors to issues: prunes union noise, assigns codes (caller's first, then generic
 * `SHAPE_*` codes by keyword), points at the offending value (at the missing or unknown
 * property itself for `required`/`additionalProperties`), and removes duplicates.
 * @example
 * if (!validate(doc)) return { ok: false, issues: ajvErrorsToIssues(validate.errors) };
 */
export function ajvErrorsToIssues(
  errors: readonly AjvErrorLike[] | null | undefined,
  options: AjvIssueOptions = {},
): Issue[] {
  const base = options.basePointer ?? "";
  const mapped = prune(errors ?? [])
    // Errors about a property name are summarised by the `propertyNames` error that follows.
    .filter((e) => e.propertyName === undefined)
    .map((e) => {
      const specific = options.classify?.(e);
      const chosen = specific ?? classifyKeyword(e);
      return {
        keyword: e.keyword,
        specific: specific !== undefined,
        code: chosen.code,
        params: chosen.params ?? {},
        pointer: base + (chosen.pointer ?? e.instancePath),
      };
    });
  const specificAt = new Set(mapped.filter((m) => m.specific).map((m) => m.pointer));
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const m of mapped) {
    if (!m.specific && replaceable.has(m.keyword) && specificAt.has(m.pointer)) continue;
    const key = `${m.code} ${m.pointer} ${JSON.stringify(m.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue(m.code, m.pointer, m.params, options.locate?.(m.pointer) ?? {}));
    if (issues.length >= (options.maxIssues ?? 100)) break;
  }
  return issues;
}
