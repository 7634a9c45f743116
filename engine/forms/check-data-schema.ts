/**
 * @module forms/check-data-schema
 * Checks of a data schema that JSON Schema itself cannot express: `required` names declared
 * fields, bounds leave some value possible, and every `pattern` runs on the linear-time engine
 * (a backreference becomes an issue with a pointer instead of a compile crash).
 */
import { compileLinearPattern } from "../../schemas/index.ts";
import { type Issue, issue, ptrAt } from "../errors/index.ts";
import type { ColumnField, FormDataSchema, FormField } from "./field-types.ts";

type Bounded = Readonly<Record<string, unknown>>;

const RANGES = [
  ["minimum", "maximum"],
  ["minLength", "maxLength"],
  ["minItems", "maxItems"],
  ["exclusiveMinimum", "maximum"],
  ["minimum", "exclusiveMaximum"],
] as const;

function checkRanges(field: Bounded, pointer: string, out: Issue[]): void {
  for (const [lower, upper] of RANGES) {
    const min = field[lower];
    const max = field[upper];
    if (typeof min !== "number" || typeof max !== "number") continue;
    const exclusive = lower.startsWith("exclusive") || upper.startsWith("exclusive");
    if (min > max || (exclusive && min === max)) {
      out.push(issue("FORM_RANGE_EMPTY", ptrAt(pointer, lower), { lower, upper, min, max }));
    }
  }
}

function checkPattern(field: FormField | ColumnField, pointer: string, out: Issue[]): void {
  if (field["x-kam-field"] !== "text" || field.pattern === undefined) return;
  try {
    compileLinearPattern(field.pattern);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    out.push(issue("FORM_PATTERN_INVALID", ptrAt(pointer, "pattern"), { detail }));
  }
}

function checkRequired(
  required: readonly string[] | undefined,
  names: Readonly<Record<string, unknown>>,
  pointer: string,
  out: Issue[],
): void {
  required?.forEach((field, i) => {
    if (!Object.hasOwn(names, field)) {
      out.push(issue("FORM_UNKNOWN_FIELD", ptrAt(pointer, "required", i), { field }));
    }
  });
}

function checkField(field: FormField | ColumnField, pointer: string, out: Issue[]): void {
  checkRanges(field as Bounded, pointer, out);
  checkPattern(field, pointer, out);
  if (field["x-kam-field"] !== "sub-table") return;
  const rowPointer = ptrAt(pointer, "items");
  checkRequired(field.items.required, field.items.properties, rowPointer, out);
  for (const [name, column] of Object.entries(field.items.properties)) {
    checkField(column, ptrAt(rowPointer, "properties", name), out);
  }
}

/**
 * Issues of a schema-valid data schema, with pointers below `/dataSchema`.
 * @example
 * checkDataSchema(def.dataSchema) // → [{ code: "FORM_PATTERN_INVALID", pointer: "/dataSchema/properties/code/pattern", … }]
 */
export function checkDataSchema(dataSchema: FormDataSchema): Issue[] {
  const out: Issue[] = [];
  const base = "/dataSchema";
  checkRequired(dataSchema.required, dataSchema.properties, base, out);
  for (const [name, field] of Object.entries(dataSchema.properties)) {
    checkField(field, ptrAt(base, "properties", name), out);
  }
  return out;
}
