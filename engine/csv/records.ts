/**
 * @module csv/records
 * From CSV rows to record data of a form. The header row names field paths (`name`,
 * `annualPurchase`, `logo.url`), each resolved against the form's record schema; each cell is
 * converted by its field's JSON type:
 *
 * - text (and every string type: select, date, user…): the cell as it is;
 * - number, integer: `1200000`, `-3.5`, `1e6`, `1,200,000`;
 * - boolean: true/false, 1/0, yes/no, y/n, 是/否;
 * - multi-select and other arrays: items separated by `;` (or a JSON array);
 * - objects (attachments) and sub-tables: a JSON object or array.
 *
 * An empty cell leaves the field out (so a required field is reported missing). A cell that does
 * not convert stays the string it was, and the form's validation reports it with the field's
 * pointer. Nothing is evaluated: a cell starting with `=`, `+`, `-` or `@` is text in a text
 * field (and `-3` a number in a number field, by the strict number syntax above); the apostrophe
 * the export puts before such text (`'=…`) is removed again.
 */

import { type Issue, issue } from "../errors/index.ts";
import type { JsonSchemaNode } from "../forms/index.ts";
import { unescapeFormula } from "./write.ts";

/** One column of the file: the field path it fills and that field's schema. */
export interface CsvColumn {
  readonly path: readonly string[];
  readonly schema: JsonSchemaNode;
}

/** The columns of a header, or every problem with it (`/lines/1/<column index>`). */
export type CsvColumns =
  | { readonly ok: true; readonly columns: readonly (CsvColumn | null)[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const propertiesOf = (node: JsonSchemaNode | undefined) =>
  (node?.properties ?? undefined) as Readonly<Record<string, JsonSchemaNode>> | undefined;

/** The schema at a field path, own properties only. */
function schemaAt(root: JsonSchemaNode, path: readonly string[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = root;
  for (const name of path) {
    const properties = propertiesOf(node);
    if (!properties || !Object.hasOwn(properties, name)) return undefined;
    node = properties[name];
  }
  return node;
}

/**
 * Resolves a header against a record schema. Empty trailing header cells (a spreadsheet's
 * unused columns) give `null` columns, which are ignored.
 * @example
 * csvColumns(["name", "annualPurchase"], compiledForm.recordSchema)
 */
export function csvColumns(header: readonly string[], recordSchema: JsonSchemaNode): CsvColumns {
  const names = header.map((h) => h.trim());
  let used = names.length;
  while (used > 0 && names[used - 1] === "") used--;
  const issues: Issue[] = [];
  const columns: (CsvColumn | null)[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (index >= used) {
      columns.push(null);
      return;
    }
    const pointer = `/lines/1/${index}`;
    const path = name.split(".");
    const schema = name === "" ? undefined : schemaAt(recordSchema, path);
    if (schema === undefined) {
      issues.push(issue("SHAPE_PROPERTY_UNKNOWN", pointer, { property: name }));
      return;
    }
    for (const [other, at] of seen) {
      if (other === name || other.startsWith(`${name}.`) || name.startsWith(`${other}.`))
        issues.push(issue("SHAPE_DUPLICATE_ITEMS", pointer, { i: index, j: at }));
    }
    seen.set(name, index);
    columns.push({ path, schema });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, columns };
}

function typesOf(schema: JsonSchemaNode): readonly string[] {
  const type = schema.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? (type as string[]) : [];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const TRUE = new Set(["true", "1", "yes", "y", "是"]);
const FALSE = new Set(["false", "0", "no", "n", "否"]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A cell converted by its field's type; `undefined` for an empty cell. */
export function convertCell(raw: string, schema: JsonSchemaNode): unknown {
  const text = raw.trim();
  if (text === "") return undefined;
  const types = typesOf(schema);
  // A text cell the export escaped (`'=…`, see csv/write) comes back as it was written.
  if (types.includes("string")) return unescapeFormula(raw);
  if (types.includes("number") || types.includes("integer")) {
    if (NUMBER.test(text)) return Number(text);
    if (GROUPED.test(text)) return Number(text.replaceAll(",", ""));
    return raw;
  }
  if (types.includes("boolean")) {
    const lower = text.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    return raw;
  }
  if (types.includes("array")) {
    if (text.startsWith("[")) return parseJson(text);
    const items = (schema.items ?? {}) as JsonSchemaNode;
    return text
      .split(/[;；]/)
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map((part) => convertCell(part, items));
  }
  if (types.includes("object") && text.startsWith("{")) return parseJson(text);
  return raw;
}

/** A row converted to record data, or the row-level problem (more cells than columns). */
export type CsvRecord =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Converts one row's cells to record data. Missing trailing cells count as empty; extra cells
 * that are not empty are an error of the row.
 */
export function csvRecord(
  columns: readonly (CsvColumn | null)[],
  cells: readonly string[],
): CsvRecord {
  const stray = cells.some((cell, i) => (columns[i] ?? null) === null && cell.trim() !== "");
  if (stray) {
    const limit = columns.filter((c) => c !== null).length;
    return { ok: false, issues: [issue("SHAPE_TOO_MANY", "", { limit })] };
  }
  const data: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    if (column === null) return;
    const value = convertCell(cells[index] ?? "", column.schema);
    if (value === undefined) return;
    let target = data;
    const last = column.path.length - 1;
    column.path.forEach((name, depth) => {
      if (depth === last) {
        target[name] = value;
        return;
      }
      const inner = target[name];
      if (inner === null || typeof inner !== "object" || Array.isArray(inner)) target[name] = {};
      target = target[name] as Record<string, unknown>;
    });
  });
  return { ok: true, data };
}
