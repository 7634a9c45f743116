/**
 * @module designer/rjsf/bundle-schema
 * Makes a schema self-contained for rjsf: every `$ref` to another schema's `$id` (kamflow's
 * shared schemas: approver spec, SLA, JSON Logic rule, i18n string) becomes a local
 * `#/$defs/<name>` with that schema copied under `$defs`, its own `#` references rewritten to
 * its new place. rjsf resolves only JSON pointers into the form's root schema.
 */

type Json = unknown;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The `$defs` name of a schema id: its last path segment without `.json`. */
export const defName = (id: string): string =>
  (id.split("/").pop() ?? id).replace(/\.json$/, "").replace(/[^A-Za-z0-9_-]/g, "_");

/**
 * The schema with its external references inlined under `$defs`.
 * @param registry the schemas that may be referenced, by `$id`
 * @param extra keywords to add to an inlined schema (e.g. a marker that picks a custom field)
 * @example bundleSchema(approvalConfigSchema, byId) // { …, $defs: { "approver-spec": … } }
 */
export function bundleSchema(
  schema: Json,
  registry: ReadonlyMap<string, Json>,
  extra: (id: string) => Record<string, unknown> | undefined = () => undefined,
): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const rewrite = (node: Json, self: string | undefined): Json => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, self));
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$id") continue;
      if (key === "$ref" && typeof value === "string") {
        out.$ref = refTo(value, self);
        continue;
      }
      // Literal values: never schemas, copied as they are.
      if (key === "const" || key === "enum" || key === "default" || key === "examples") {
        out[key] = value;
        continue;
      }
      if (key === "properties" || key === "patternProperties" || key === "$defs") {
        out[key] = isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, self)]))
          : value;
        continue;
      }
      out[key] = rewrite(value, self);
    }
    return out;
  };
  const refTo = (ref: string, self: string | undefined): string => {
    if (ref.startsWith("#")) return self ? `#/$defs/${self}${ref.slice(1)}` : ref;
    const [id = "", fragment = ""] = ref.split("#");
    const target = registry.get(id);
    if (target === undefined) return ref;
    const name = defName(id);
    if (!(name in defs)) {
      defs[name] = {}; // reserved first: a schema may refer to itself
      defs[name] = { ...(rewrite(target, name) as object), ...extra(id) };
    }
    return `#/$defs/${name}${fragment}`;
  };
  const root = rewrite(schema, undefined) as Record<string, unknown>;
  return Object.keys(defs).length
    ? { ...root, $defs: { ...(root.$defs as object), ...defs } }
    : root;
}
