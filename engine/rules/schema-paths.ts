/**
 * @module rules/schema-paths
 * Resolves a `var` path against the JSON Schema of the data a rule reads, so a rule naming a
 * field the form does not have, or using it with an incompatible type, is rejected on save.
 */
import { parsePointer } from "../errors/pointer.ts";

type SchemaNode = Readonly<Record<string, unknown>>;

/** Where a path lands: a schema node, "unknown" (the schema allows anything there), or missing. */
export type PathResolution =
  | { readonly kind: "found"; readonly schema: SchemaNode }
  | { readonly kind: "open" }
  | { readonly kind: "missing"; readonly segment: string };

function asNode(value: unknown): SchemaNode | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

/** Follows local `$ref`s (`#/$defs/x`); remote references are treated as open. */
function deref(root: SchemaNode, node: SchemaNode, seen = 0): SchemaNode | undefined {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  if (!ref.startsWith("#") || seen > 16) return undefined;
  let target: unknown = root;
  for (const token of parsePointer(ref.slice(1))) {
    target = asNode(target)?.[token];
  }
  const next = asNode(target);
  return next ? deref(root, next, seen + 1) : undefined;
}

function typesOf(node: SchemaNode): readonly string[] | undefined {
  const t = node.type;
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  return undefined;
}

/** Resolves `segments` below `start` (a node of `root`). */
export function resolvePath(
  root: SchemaNode,
  start: SchemaNode,
  segments: readonly string[],
): PathResolution {
  let node: SchemaNode | undefined = deref(root, start);
  for (const segment of segments) {
    if (!node) return { kind: "open" };
    const properties = asNode(node.properties);
    const types = typesOf(node);
    if (properties && Object.hasOwn(properties, segment)) {
      node = deref(root, asNode(properties[segment]) ?? {});
      continue;
    }
    if (/^\d+$/.test(segment) && (types?.includes("array") || node.items !== undefined)) {
      const items = asNode(node.items);
      node = items ? deref(root, items) : undefined;
      continue;
    }
    if (types?.includes("string") && segment === "length") {
      node = { type: "integer" };
      continue;
    }
    if (types?.includes("array") && segment === "length") {
      node = { type: "integer" };
      continue;
    }
    const additional = node.additionalProperties;
    if (asNode(additional)) {
      node = deref(root, asNode(additional) as SchemaNode);
      continue;
    }
    const composite =
      node.anyOf !== undefined || node.oneOf !== undefined || node.allOf !== undefined;
    const unconstrained = types === undefined && properties === undefined && !composite;
    if (composite || node.patternProperties !== undefined || unconstrained || additional === true) {
      return { kind: "open" };
    }
    return { kind: "missing", segment };
  }
  return node ? { kind: "found", schema: node } : { kind: "open" };
}

/** The JSON types a schema node admits, or undefined when it does not say. */
export function schemaTypes(node: SchemaNode): readonly string[] | undefined {
  const types = typesOf(node);
  if (!types) return undefined;
  return types.includes("number") ? [...types, "integer"] : types;
}

/** The items schema of an array node, for checking the paths of scoped logic (map, filter…). */
export function itemsOf(root: SchemaNode, node: SchemaNode): SchemaNode | undefined {
  const items = asNode(deref(root, node)?.items);
  return items ? deref(root, items) : undefined;
}

export type { SchemaNode };
