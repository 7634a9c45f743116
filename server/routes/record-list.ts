/**
 * @module server/routes/record-list
 * The query string of `GET /records`: field filters (`filter[industry]=制造业`,
 * `filter[annualPurchase][gt]=1000000`), the sort (`sort=-annualPurchase`), the page size and
 * the opaque cursor of the next page. Field names and types come from the form's data schema,
 * so a filter on a number field compares numbers and a typo is a 400 naming the parameter.
 */
import { KamError } from "../../engine/errors/index.ts";
import {
  type FieldFilter,
  type FieldKind,
  type FilterOp,
  type FilterValue,
  filterOps,
  type RecordPosition,
  type RecordSort,
  type SortKey,
} from "../../engine/store/index.ts";

/** Default and largest page sizes. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Top-level fields of a form that can be filtered and sorted on, with how they compare. */
export type FieldKinds = ReadonlyMap<string, FieldKind>;

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
const FILTER = /^filter\[([^\]]*)\](?:\[([^\]]*)\])?$/;
const COLUMNS: Readonly<Record<string, "created_at" | "updated_at" | "id">> = {
  createdAt: "created_at",
  updatedAt: "updated_at",
  id: "id",
};

function typeOf(schema: unknown): FieldKind | undefined {
  const type = (schema as { type?: unknown } | null)?.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes("number") || types.includes("integer")) return "number";
  if (types.includes("string")) return "text";
  if (types.includes("boolean")) return "boolean";
  return undefined;
}

/** The filterable fields of a form's data schema (top level, scalar types). */
export function fieldKindsOf(dataSchema: unknown): FieldKinds {
  const properties = (dataSchema as { properties?: Record<string, unknown> } | null)?.properties;
  const kinds = new Map<string, FieldKind>();
  for (const [name, schema] of Object.entries(properties ?? {})) {
    const kind = typeOf(schema);
    if (kind && FIELD.test(name)) kinds.set(name, kind);
  }
  return kinds;
}

const bad = (
  code: "SHAPE_TYPE_MISMATCH" | "SHAPE_VALUE_NOT_ALLOWED",
  pointer: string,
  params: Record<string, unknown>,
) => new KamError(code, pointer, params);

function parseValue(kind: FieldKind, raw: string, pointer: string): FilterValue {
  if (kind === "number") {
    const n = raw.trim() === "" ? Number.NaN : Number(raw);
    if (!Number.isFinite(n)) throw bad("SHAPE_TYPE_MISMATCH", pointer, { expected: "number" });
    return n;
  }
  if (kind === "boolean") {
    if (raw !== "true" && raw !== "false")
      throw bad("SHAPE_VALUE_NOT_ALLOWED", pointer, { allowed: "true, false" });
    return raw === "true";
  }
  return raw;
}

const OPS_BY_KIND: Readonly<Record<FieldKind, readonly FilterOp[]>> = {
  text: filterOps,
  number: ["eq", "ne", "gt", "gte", "lt", "lte", "in"],
  boolean: ["eq", "ne"],
};

function parseFilter(fields: FieldKinds, name: string, opName: string | undefined, raw: string) {
  const pointer = `/filter/${name}`;
  const kind = fields.get(name);
  if (kind === undefined) throw new KamError("SHAPE_PROPERTY_UNKNOWN", pointer, { property: name });
  const op = (opName ?? "eq") as FilterOp;
  const allowed = OPS_BY_KIND[kind];
  if (!allowed.includes(op))
    throw bad("SHAPE_VALUE_NOT_ALLOWED", `${pointer}/${opName}`, { allowed: allowed.join(", ") });
  const raws = op === "in" ? raw.split(",") : [raw];
  return { field: name, kind, op, values: raws.map((r) => parseValue(kind, r, pointer)) };
}

function parseSort(fields: FieldKinds, raw: string | null): RecordSort {
  if (raw === null || raw === "") return { key: { column: "id" }, direction: "asc" };
  const direction = raw.startsWith("-") ? "desc" : "asc";
  const name = raw.replace(/^[-+]/, "");
  const column = Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : undefined;
  let key: SortKey | undefined;
  if (column) key = { column };
  else {
    const kind = fields.get(name);
    if (kind === "text" || kind === "number") key = { field: name, kind };
  }
  if (!key) {
    const sortable = [
      ...Object.keys(COLUMNS),
      ...[...fields].filter(([, k]) => k !== "boolean").map(([f]) => f),
    ];
    throw bad("SHAPE_VALUE_NOT_ALLOWED", "/sort", { allowed: sortable.join(", ") });
  }
  return { key, direction };
}

/** What `GET /records` asks for. */
export interface ListRequest {
  readonly filters: FieldFilter[];
  readonly sort: RecordSort;
  /** The sort as asked (`-annualPurchase`); a cursor is valid only for the same sort. */
  readonly sortToken: string;
  readonly after?: RecordPosition;
  readonly limit: number;
}

/** Encodes where a page ended (opaque to clients). */
export function encodeCursor(sortToken: string, position: RecordPosition): string {
  return Buffer.from(JSON.stringify({ s: sortToken, v: position.value, i: position.id })).toString(
    "base64url",
  );
}

function decodeCursor(raw: string, sortToken: string): RecordPosition {
  const invalid = () =>
    new KamError("SHAPE_FORMAT_INVALID", "/cursor", { format: "cursor of this list" });
  let parsed: { s?: unknown; v?: unknown; i?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const { s, v, i } = parsed ?? {};
  if (s !== sortToken || typeof i !== "string") throw invalid();
  if (v !== null && typeof v !== "string" && typeof v !== "number") throw invalid();
  return { value: v, id: i };
}

/** Parses the query string of `GET /records` for a form with `fields`. */
export function parseListQuery(params: URLSearchParams, fields: FieldKinds): ListRequest {
  const filters: FieldFilter[] = [];
  for (const [name, raw] of params) {
    if (!name.startsWith("filter")) continue;
    const match = FILTER.exec(name);
    if (!match) throw new KamError("SHAPE_PROPERTY_UNKNOWN", "/filter", { property: name });
    filters.push(parseFilter(fields, match[1] ?? "", match[2], raw));
  }
  const sortToken = params.get("sort") ?? "";
  const sort = parseSort(fields, sortToken);
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new KamError("SHAPE_OUT_OF_RANGE", "/limit", {
      comparison: "an integer from 1 to",
      limit: MAX_LIMIT,
    });
  const cursor = params.get("cursor");
  return {
    filters,
    sort,
    sortToken,
    limit,
    ...(cursor ? { after: decodeCursor(cursor, sortToken) } : {}),
  };
}
